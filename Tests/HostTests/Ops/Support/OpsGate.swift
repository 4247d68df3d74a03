import AuroraTesting
import Codec
import Foundation
import Glibc
@testable import Host

/// A loopback gate with the OPS API enabled (the fake rule types; no health_guard or risk_caps rule).
enum OpsGate {
    static let token = "test-ops-token-0123456789abcdef"

    static func configured(_ token: String = token) -> OpsToken.Configured {
        OpsToken.Configured.load(environment: ["AURORA_OPS_TOKEN": token], tokenFile: nil)
    }

    static func start(rules: String = FakeGates.rules, token: String? = token, statePath: String? = nil,
                      sessionFiles: Bool = false, configure: (inout HostSettings) -> Void = { _ in }) throws
        -> LoopbackHost
    {
        try LoopbackHost(rules: rules, registry: FakeGates.registry, sessionFiles: sessionFiles) { settings in
            if let token { settings.opsToken = configured(token) }
            settings.statePath = statePath
            configure(&settings)
        }
    }
}

/// One request on a fresh connection whose source address is `source` (bind before connect), so a test can be a
/// peer outside the allowlist (`127.0.0.2`) without leaving the machine.
func call(_ port: Int, _ method: String, _ path: String, body: String? = nil, token: String? = nil,
          from source: String = "127.0.0.1", headers: [(String, String)] = []) throws -> RawResponse {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw RawClient.Failure(description: "socket: errno \(errno)") }
    defer { close(fd) }
    var timeout = timeval(tv_sec: 10, tv_usec: 0)
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    var local = sockaddr_in()
    local.sin_family = sa_family_t(AF_INET)
    inet_pton(AF_INET, source, &local.sin_addr)
    let bound = withUnsafePointer(to: &local) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    guard bound == 0 else { throw RawClient.Failure(description: "bind \(source): errno \(errno)") }
    var remote = sockaddr_in()
    remote.sin_family = sa_family_t(AF_INET)
    remote.sin_port = UInt16(port).bigEndian
    remote.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
    let connected = withUnsafePointer(to: &remote) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    guard connected == 0 else { throw RawClient.Failure(description: "connect: errno \(errno)") }
    var extra = headers
    if let token { extra.append(("X-OPS-TOKEN", token)) }
    let bytes = Array(requestText(method, path, body: body, headers: extra, close: true).utf8)
    var sent = 0
    while sent < bytes.count {
        let n = bytes[sent...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        guard n > 0 else { throw RawClient.Failure(description: "send: errno \(errno)") }
        sent += n
    }
    var received: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 65_536)
    while true {
        let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        if n <= 0 { break }
        received.append(contentsOf: chunk[0..<n])
    }
    guard let response = RawResponse.parse(received).0.first else {
        throw RawClient.Failure(description: "no response to \(method) \(path)")
    }
    return response
}

/// The lines of `name` in `metrics` exposition text that start with `prefix`.
func metricLines(_ text: String, _ prefix: String) -> [String] {
    text.split(separator: "\n").map(String.init).filter { $0.hasPrefix(prefix) }
}
