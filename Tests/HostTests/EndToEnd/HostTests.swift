import AuroraTesting
import Codec
import Foundation
import Testing
@testable import Host

@Suite(.timeLimit(.minutes(1)))
struct HostEndToEndTests {
    @Test func pipelinedChecksAreAnsweredInOrderAndLoggedInOrder() throws {
        let gate = try LoopbackHost(rules: FakeGates.rules, registry: FakeGates.registry)
        let client = try RawClient(port: gate.port)
        let count = 20
        client.send((0..<count).map { requestText("POST", "/pretrade/check", body: Bodies.pretrade(reqID: "p\($0)")) }
            .joined())
        let responses = client.readResponses(count)
        #expect(responses.count == count)
        let reqIDs = try responses.map { try json($0)["observability"]?["req_id"]?.stringValue }
        #expect(reqIDs == (0..<count).map { "p\($0)" })
        let logged = try requestEvents(gate.sink).map { try json(line: $0)["details"]?["input"]?["req_id"]?.stringValue }
        #expect(logged == reqIDs)
    }

    @Test(arguments: [
        ("POST /pretrade/check HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n", 400,
         #"{"detail":"Bad Request"}"#),
        ("PRI * HTTP/2.0\r\n\r\n", 505, #"{"detail":"HTTP Version Not Supported"}"#),
        ("POST /pretrade/check HTTP/1.1\r\nHost: a\r\nContent-Length: 4096\r\n\r\n", 413,
         #"{"detail":"Request Entity Too Large"}"#),
        ("GET /health HTTP/1.1\r\nHost: a\r\nX-Big: \(String(repeating: "b", count: 2_000))\r\n\r\n", 431,
         #"{"detail":"Request Header Fields Too Large"}"#),
    ])
    func transportErrorsAreAnsweredAndCountedAsUnmatched(request: String, status: Int, body: String) throws {
        let gate = try LoopbackHost(rules: FakeGates.rules, registry: FakeGates.registry) {
            $0.limits = HTTPLimits(maxHeadBytes: 1_024, maxBodyBytes: 1_024)
        }
        let client = try RawClient(port: gate.port)
        client.send(request)
        let (bytes, closed) = client.readUntilClosed()
        let response = try #require(RawResponse.parse(bytes).0.first)
        #expect(response.status == status)
        #expect(response.bodyText == body)
        #expect(closed)
        let metrics = try exchange(gate.port, "GET", "/metrics").bodyText
        #expect(metrics.contains("aurora_http_requests_total{route=\"unmatched\",code=\"\(status)\"} 1\n"))
    }

    @Test func everyRoutedResponseIsCountedByRouteAndCode() throws {
        let gate = try LoopbackHost(rules: FakeGates.rules, registry: FakeGates.registry)
        _ = try exchange(gate.port, "POST", "/pretrade/check", body: Bodies.pretrade())
        _ = try exchange(gate.port, "POST", "/pretrade/check", body: "{", contentType: "application/json")
        _ = try exchange(gate.port, "GET", "/nope")
        _ = try exchange(gate.port, "GET", "/metrics/")
        let metrics = try exchange(gate.port, "GET", "/metrics").bodyText
        for line in ["aurora_http_requests_total{route=\"/pretrade/check\",code=\"200\"} 1",
                     "aurora_http_requests_total{route=\"/pretrade/check\",code=\"422\"} 1",
                     "aurora_http_requests_total{route=\"unmatched\",code=\"404\"} 1",
                     "aurora_http_requests_total{route=\"/metrics\",code=\"200\"} 1"] {
            #expect(metrics.contains(line + "\n"), "\(line)")
        }
    }

    @Test func everyAcknowledgedCheckIsInTheSessionFileBeforeItsAnswer() throws {
        let gate = try LoopbackHost(rules: FakeGates.rules, registry: FakeGates.registry, sessionFiles: true)
        let path = gate.sessionDirectory + "/aurora_events.jsonl"
        for i in 0..<20 {
            let body = try json(exchange(gate.port, "POST", "/pretrade/check", body: Bodies.pretrade(reqID: "w\(i)")))
            let id = try #require(body["observability"]?["decision_id"]?.stringValue)
            let text = String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self)
            #expect(text.contains(#""decision_id":"\#(id)""#))
        }
    }

    @Test func gracefulShutdownClosesConnectionsAndRecordsTheShutdown() throws {
        let dir = TemporaryDirectory()
        let rules = dir.write("rules.yaml", FakeGates.rules)
        let session = dir.file("session")
        let host = try Host(settings: HostSettings(listenHost: "127.0.0.1", listenPort: 0, threads: 1,
                                                   ruleFiles: [rules], sessionDirectory: session),
                            registry: FakeGates.registry, build: .init(version: "t"))
        let port = try host.start()
        let idle = try RawClient(port: port)
        idle.send(requestText("GET", "/liveness"))
        #expect(idle.readResponses(1).first?.status == 200)
        host.shutdown(signal: "SIGINT")
        #expect(idle.readUntilClosed().closed)
        #expect(throws: (any Error).self) { try RawClient(port: port, receiveTimeout: .seconds(1)) }
        let text = String(decoding: FileManager.default.contents(atPath: session + "/aurora_events.jsonl") ?? Data(),
                          as: UTF8.self)
        let codes = try text.split(separator: "\n").map { try JSONReader.parse(Array($0.utf8))["event_code"]?.stringValue }
        #expect(codes == ["CONFIG.SWITCHED", "AURORA.STARTUP.OK", "AURORA.SHUTDOWN"])
        let shutdown = try JSONReader.parse(Array(text.split(separator: "\n").last!.utf8))
        #expect(shutdown["details"]?["signal"] == "SIGINT")
        #expect(shutdown["details"]?.objectValue?.keys == ["signal", "drain_ms", "in_flight_at_signal", "forced_closed"])
        // The lock is released: the directory can be opened again.
        try SessionLogs(directory: session, runID: "again").close()
    }

    @Test func aScrapeTakenUnderLoadPassesPromtool() throws {
        let gate = try LoopbackHost(rules: FakeGates.rules, registry: FakeGates.registry, sessionFiles: true)
        let port = gate.port
        let scrape = LockedText()
        DispatchQueue.concurrentPerform(iterations: 4) { worker in
            for i in 0..<50 {
                if worker == 0, i == 25 { scrape.text = (try? exchange(port, "GET", "/metrics").bodyText) ?? "" }
                _ = try? exchange(port, "POST", "/pretrade/check", body: Bodies.pretrade(spread: Double(70 + i)))
                _ = try? exchange(port, "POST", "/posttrade/log", body: Bodies.fill)
            }
        }
        let text = scrape.text
        #expect(text.contains("# TYPE aurora_decisions_total counter"))
        guard let result = try Promtool.checkMetrics(text) else {
            print("promtool not found (run `make tools` or `make test`): skipping the promtool check")
            return
        }
        #expect(result.status == 0, "promtool check metrics:\n\(result.output)")
    }
}

/// A string written by one test thread and read by another.
final class LockedText: @unchecked Sendable {
    private let lock = NSLock()
    private var value = ""
    var text: String {
        get { lock.withLock { value } }
        set { lock.withLock { value = newValue } }
    }
}
