import Glibc
@testable import Host
import Testing

/// SO_REUSEPORT is for a server's own loops only: a second server on a port in use must fail, not split traffic.
@Suite struct PortSharingTests {
    @Test func aSecondServerOnTheSamePortIsRefused() throws {
        try withServer(threads: 2) { _, port in
            let second = HTTPServer(
                configuration: HTTPServerConfiguration(host: "127.0.0.1", port: port, threads: 2, limits: .default),
                router: TestRouter.make(), delegate: nil)
            #expect(throws: IOError.self) { _ = try second.start() }
        }
    }
}
