import Glibc
@testable import Host

/// Starts an `HTTPServer` on 127.0.0.1:0, runs `body` with its port, and shuts it down.
func withServer(
    limits: HTTPLimits = .default, threads: Int = 1, router: Router = TestRouter.make(),
    delegate: (any LoopTurnDelegate)? = nil, _ body: (HTTPServer, Int) throws -> Void
) throws {
    let server = HTTPServer(
        configuration: HTTPServerConfiguration(host: "127.0.0.1", port: 0, threads: threads, limits: limits),
        router: router, delegate: delegate)
    let port = try server.start()
    defer { server.shutdown(drain: .zero) }
    try body(server, port)
}

/// Polls `condition` until it holds or `timeout` passes; returns whether it held.
func poll(timeout: Duration = .seconds(10), until condition: () -> Bool) -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if condition() { return true }
        usleep(1_000)
    }
    return condition()
}
