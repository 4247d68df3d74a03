import Foundation
import Glibc

/// A blocking loopback client for the live-socket tests: raw bytes out, raw bytes in, every read bounded by a
/// receive timeout so a broken server fails the test instead of hanging it.
final class RawClient {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    let fd: Int32

    init(port: Int, receiveTimeout: Duration = .seconds(10)) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure(description: "socket: errno \(errno)") }
        var timeout = timeval(tv_sec: Int(receiveTimeout.components.seconds), tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else {
            Glibc.close(fd)
            throw Failure(description: "connect to port \(port): errno \(errno)")
        }
    }

    deinit {
        Glibc.close(fd)
    }

    func send(_ text: String) {
        send(Array(text.utf8))
    }

    func send(_ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if sent <= 0 { return }
            offset += sent
        }
    }

    func shutdownWrite() {
        Glibc.shutdown(fd, Int32(SHUT_WR))
    }

    /// Reads until the server closes (true) or the receive timeout passes (false).
    func readUntilClosed() -> (bytes: [UInt8], closed: Bool) {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count > 0 {
                bytes.append(contentsOf: chunk[0..<count])
            } else {
                return (bytes, count == 0 || errno == ECONNRESET)
            }
        }
    }

    /// Reads until `count` complete responses (interim ones included) have arrived, or the stream ends.
    func readResponses(_ count: Int, headRequests: Int = 0) -> [RawResponse] {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let (responses, _) = RawResponse.parse(bytes)
            if responses.count >= count { return responses }
            let received = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if received <= 0 { return responses }
            bytes.append(contentsOf: chunk[0..<received])
        }
    }

    /// Whether bytes are waiting right now (a nonblocking peek).
    var hasPendingBytes: Bool {
        var byte: UInt8 = 0
        return recv(fd, &byte, 1, Int32(MSG_PEEK | MSG_DONTWAIT)) > 0
    }
}

/// One response as read off the wire.
struct RawResponse: CustomStringConvertible {
    let status: Int
    let headers: [(String, String)]
    let body: [UInt8]

    func header(_ name: String) -> String? {
        headers.first { $0.0.lowercased() == name.lowercased() }?.1
    }

    var bodyText: String { String(decoding: body, as: UTF8.self) }
    var description: String { "\(status) \(bodyText)" }

    /// The complete responses at the front of `bytes` (bodies framed by Content-Length; 1xx have none).
    static func parse(_ bytes: [UInt8]) -> ([RawResponse], Int) {
        var responses: [RawResponse] = []
        var index = 0
        let separator: [UInt8] = [13, 10, 13, 10]
        while index < bytes.count {
            guard let end = (index..<max(index, bytes.count - 3)).first(where: { Array(bytes[$0..<($0 + 4)]) == separator })
            else { break }
            let lines = String(decoding: bytes[index..<end], as: UTF8.self).components(separatedBy: "\r\n")
            let status = Int(lines[0].split(separator: " ")[1]) ?? 0
            let headers = lines.dropFirst().map { line -> (String, String) in
                let parts = line.split(separator: ":", maxSplits: 1)
                return (String(parts[0]), parts.count > 1 ? String(parts[1].drop { $0 == " " }) : "")
            }
            let length = status < 200 ? 0 : Int(headers.first { $0.0.lowercased() == "content-length" }?.1 ?? "0") ?? 0
            guard end + 4 + length <= bytes.count else { break }
            responses.append(RawResponse(status: status, headers: headers, body: Array(bytes[(end + 4)..<(end + 4 + length)])))
            index = end + 4 + length
        }
        return (responses, index)
    }
}
