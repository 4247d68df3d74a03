import Foundation
import Glibc
import Synchronization

/// A small blocking HTTP/1.1 server for test fakes: one thread, `poll(2)` over the listener and its connections,
/// Content-Length bodies only, keep-alive. Binds `127.0.0.1:0`; read the port from `port`.
public final class LoopbackHTTPServer: Sendable {
    /// One request as received.
    public struct Request: Sendable, Hashable {
        public var method: String
        /// The target as sent: path and query (`/fapi/v1/order?symbol=…`).
        public var target: String
        /// Header names lower-cased.
        public var headers: [String: String]
        public var body: [UInt8]

        public var path: String { String(target.prefix { $0 != "?" }) }
        public var query: String {
            guard let q = target.firstIndex(of: "?") else { return "" }
            return String(target[target.index(after: q)...])
        }
    }

    /// An answer; `delayMs` blocks the server thread before writing it (a slow server), `close` drops the
    /// connection without answering.
    public struct Response: Sendable, Hashable {
        public var status: Int
        public var headers: [(String, String)]
        public var body: [UInt8]
        public var delayMs: Int
        public var close: Bool

        public init(
            status: Int, headers: [(String, String)] = [], body: [UInt8] = [], delayMs: Int = 0,
            close: Bool = false
        ) {
            self.status = status
            self.headers = headers
            self.body = body
            self.delayMs = delayMs
            self.close = close
        }

        public static func json(_ status: Int, _ text: String, delayMs: Int = 0) -> Response {
            Response(
                status: status, headers: [("Content-Type", "application/json")], body: Array(text.utf8),
                delayMs: delayMs)
        }

        public static func == (a: Response, b: Response) -> Bool {
            a.status == b.status && a.body == b.body && a.delayMs == b.delayMs && a.close == b.close
                && a.headers.map { $0.0 + ":" + $0.1 } == b.headers.map { $0.0 + ":" + $0.1 }
        }

        public func hash(into hasher: inout Hasher) {
            hasher.combine(status)
            hasher.combine(body)
        }
    }

    public let port: Int
    private let listener: Int32
    private let wake: (read: Int32, write: Int32)
    private let stopped = Atomic<Bool>(false)
    private let finished = Mutex<Bool>(false)

    /// Starts serving at once; `handler` runs on the server thread.
    public init(handler: @escaping @Sendable (Request) -> Response) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        precondition(fd >= 0, "socket failed")
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        precondition(bound == 0 && listen(fd, 64) == 0, "bind/listen failed")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        port = Int(UInt16(bigEndian: address.sin_port))
        listener = fd
        var pipeFds: [Int32] = [0, 0]
        precondition(pipe(&pipeFds) == 0)
        wake = (pipeFds[0], pipeFds[1])
        let thread = Thread { [self] in self.serve(handler) }
        thread.start()
    }

    deinit { stop() }

    /// `http://127.0.0.1:<port>`.
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Stops the thread and closes every socket; waits until it has.
    public func stop() {
        guard !stopped.exchange(true, ordering: .relaxed) else { return }
        var byte: UInt8 = 1
        _ = write(wake.write, &byte, 1)
        let deadline = Date().addingTimeInterval(5)
        while !finished.withLock({ $0 }), Date() < deadline { usleep(1000) }
    }

    /// A URL on which nothing listens (connection refused).
    public static func refusedURL() -> String {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        _ = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        close(fd)
        return "http://127.0.0.1:\(UInt16(bigEndian: address.sin_port))"
    }

    private func serve(_ handler: @Sendable (Request) -> Response) {
        var buffers: [Int32: [UInt8]] = [:]
        while !stopped.load(ordering: .relaxed) {
            var fds = [
                pollfd(fd: listener, events: Int16(POLLIN), revents: 0),
                pollfd(fd: wake.read, events: Int16(POLLIN), revents: 0),
            ]
            for fd in buffers.keys.sorted() { fds.append(pollfd(fd: fd, events: Int16(POLLIN), revents: 0)) }
            let ready = poll(&fds, nfds_t(fds.count), 100)
            if ready <= 0 { continue }
            if fds[0].revents != 0 {
                let client = accept(listener, nil, nil)
                if client >= 0 {
                    var one: Int32 = 1
                    setsockopt(client, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
                    buffers[client] = []
                }
            }
            for entry in fds.dropFirst(2) where entry.revents != 0 {
                let fd = entry.fd
                var chunk = [UInt8](repeating: 0, count: 65_536)
                let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
                if n <= 0 {
                    close(fd)
                    buffers[fd] = nil
                    continue
                }
                buffers[fd, default: []].append(contentsOf: chunk[0..<n])
                while let (request, used) = Self.parse(buffers[fd] ?? []) {
                    buffers[fd]?.removeFirst(used)
                    let response = handler(request)
                    if response.delayMs > 0 { usleep(UInt32(response.delayMs) * 1000) }
                    if response.close || !Self.send(fd, response) {
                        close(fd)
                        buffers[fd] = nil
                        break
                    }
                }
            }
        }
        for fd in buffers.keys { close(fd) }
        close(listener)
        close(wake.read)
        close(wake.write)
        finished.withLock { $0 = true }
    }

    /// One complete request at the start of `bytes` and the bytes it used; nil when incomplete.
    static func parse(_ bytes: [UInt8]) -> (Request, Int)? {
        let marker: [UInt8] = [13, 10, 13, 10]
        guard bytes.count >= 4, let end = (0...(bytes.count - 4)).first(where: { Array(bytes[$0..<$0 + 4]) == marker })
        else { return nil }
        let head = String(decoding: bytes[0..<end], as: UTF8.self)
        var lines = head.components(separatedBy: "\r\n")
        let requestLine = lines.removeFirst().split(separator: " ")
        guard requestLine.count >= 2 else { return nil }
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(
                in: .whitespaces)
        }
        let length = Int(headers["content-length"] ?? "0") ?? 0
        guard bytes.count >= end + 4 + length else { return nil }
        let body = Array(bytes[(end + 4)..<(end + 4 + length)])
        return (
            Request(method: String(requestLine[0]), target: String(requestLine[1]), headers: headers, body: body),
            end + 4 + length
        )
    }

    private static func send(_ fd: Int32, _ response: Response) -> Bool {
        var text = "HTTP/1.1 \(response.status) X\r\nContent-Length: \(response.body.count)\r\n"
        for (name, value) in response.headers { text += "\(name): \(value)\r\n" }
        text += "\r\n"
        let bytes = Array(text.utf8) + response.body
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes {
                Glibc.send(fd, $0.baseAddress! + offset, $0.count - offset, Int32(MSG_NOSIGNAL))
            }
            if n <= 0 { return false }
            offset += n
        }
        return true
    }
}
