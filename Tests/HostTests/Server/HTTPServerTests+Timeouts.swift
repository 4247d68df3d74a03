import Foundation
import Testing
@testable import Host

/// Timeouts (with small limits) and graceful shutdown over a live socket. No timing is asserted: only what is
/// answered and that the connection closes.
extension HTTPServerTests {
    static let quick = HTTPLimits(
        headTimeout: .milliseconds(200), bodyTimeout: .milliseconds(200), idleTimeout: .milliseconds(200))

    @Test func aStalledHeadGets408AndClose() throws {
        try withServer(limits: Self.quick) { _, port in
            let client = try RawClient(port: port)
            client.send("GE")
            let (bytes, closed) = client.readUntilClosed()
            let responses = RawResponse.parse(bytes).0
            #expect(responses.map(\.status) == [408])
            #expect(responses.first?.bodyText == #"{"detail":"Request Timeout"}"#)
            #expect(responses.first?.header("Connection") == "close")
            #expect(closed)
        }
    }

    @Test func aConnectionThatSendsNothingIsClosedSilently() throws {
        try withServer(limits: Self.quick) { _, port in
            let client = try RawClient(port: port)
            let (bytes, closed) = client.readUntilClosed()
            #expect(bytes.isEmpty)
            #expect(closed)
        }
    }

    @Test func aStalledBodyGets408AndClose() throws {
        try withServer(limits: Self.quick) { _, port in
            let client = try RawClient(port: port)
            client.send("POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 100\r\n\r\n0123456789")
            let (bytes, closed) = client.readUntilClosed()
            #expect(RawResponse.parse(bytes).0.map(\.status) == [408])
            #expect(closed)
        }
    }

    @Test func anIdleKeptAliveConnectionIsClosedSilently() throws {
        try withServer(limits: Self.quick) { _, port in
            let client = try RawClient(port: port)
            client.send("GET / HTTP/1.1\r\nHost: a\r\n\r\n")
            let (bytes, closed) = client.readUntilClosed()
            let responses = RawResponse.parse(bytes).0
            #expect(responses.map(\.status) == [200])
            #expect(responses.first?.header("Connection") == nil)
            #expect(closed)
        }
    }

    @Test func aHeadOverTheLimitGets431AndTheRequestLineAlone() throws {
        try withServer(limits: HTTPLimits(maxHeadBytes: 256)) { _, port in
            let client = try RawClient(port: port)
            client.send("GET /" + String(repeating: "a", count: 300) + " HTTP/1.1\r\nHost: a\r\n\r\n")
            let (bytes, closed) = client.readUntilClosed()
            let responses = RawResponse.parse(bytes).0
            #expect(responses.map(\.status) == [431])
            #expect(responses.first?.bodyText == #"{"detail":"Request Header Fields Too Large"}"#)
            #expect(closed)
        }
    }

    @Test func shutdownClosesIdleConnectionsAndFinishesARequestInFlightWithConnectionClose() throws {
        let parking = ParkingResponder()
        var router = Router()
        router.add(.get, "/park", parking)
        let server = HTTPServer(
            configuration: HTTPServerConfiguration(host: "127.0.0.1", port: 0, threads: 2), router: router)
        let port = try server.start()
        let idle = try RawClient(port: port)
        let busy = try RawClient(port: port)
        busy.send("GET /park HTTP/1.1\r\nHost: a\r\n\r\n")
        #expect(poll { parking.parkedCount == 1 })
        #expect(poll { server.openConnections == 2 })
        let stopped = Thread { server.shutdown(drain: .seconds(20)) }
        stopped.start()
        let idleEnd = idle.readUntilClosed()
        #expect(idleEnd.bytes.isEmpty)
        #expect(idleEnd.closed, "an idle connection closes at once")
        #expect(poll { (try? RawClient(port: port)) == nil }, "the listeners are closed")
        busy.send("GET /park HTTP/1.1\r\nHost: a\r\n\r\n")  // pipelined during the drain: discarded
        parking.completeOldest(with: #"{"late":true}"#)
        let (bytes, closed) = busy.readUntilClosed()
        let responses = RawResponse.parse(bytes).0
        #expect(responses.map(\.bodyText) == [#"{"late":true}"#])
        #expect(responses.first?.header("Connection") == "close")
        #expect(closed)
        #expect(poll { stopped.isFinished })
    }

    @Test func shutdownForceClosesWhatIsLeftAtTheDrainDeadline() throws {
        let parking = ParkingResponder()
        var router = Router()
        router.add(.get, "/park", parking)
        let server = HTTPServer(
            configuration: HTTPServerConfiguration(host: "127.0.0.1", port: 0, threads: 1), router: router)
        let port = try server.start()
        let busy = try RawClient(port: port)
        busy.send("GET /park HTTP/1.1\r\nHost: a\r\n\r\n")
        #expect(poll { parking.parkedCount == 1 })
        server.shutdown(drain: .milliseconds(100))
        let (bytes, closed) = busy.readUntilClosed()
        #expect(bytes.isEmpty)
        #expect(closed)
        parking.completeOldest(with: "{}")  // the loop is gone: the completion is dropped, nothing crashes
    }
}
