import AuroraTesting
import Codec
import RuleEngine
import Testing
@testable import Host

@Suite(.timeLimit(.minutes(1)))
struct InfoHandlersTests {
    @Test func versionLivenessAndHealthAnswerTheirFixedShapes() throws {
        let gate = try LoopbackHost(rules: FakeGates.rules, registry: FakeGates.registry)
        #expect(try exchange(gate.port, "GET", "/version").bodyText == #"{"version":"0.1.0-test"}"#)
        #expect(try exchange(gate.port, "GET", "/liveness", headers: [("X-OPS-TOKEN", "x")]).bodyText == #"{"ok":true}"#)
        let identity = gate.host.store.current.identity
        #expect(try exchange(gate.port, "GET", "/health").bodyText == """
            {"status":"healthy","models_loaded":false,"version":{"sha":"unknown","branch":"unknown","build_ts":"unknown",\
            "order_profile":null},"ruleset":{"name":"default","fingerprint":"\(identity.fingerprint)",\
            "loaded_at":"\(RFC3339.milliseconds(identity.loadedAt.ms))"}}
            """)
    }

    @Test func readinessReportsTheChecksAndLastEventTime() throws {
        let gate = try LoopbackHost(rules: FakeGates.rules, registry: FakeGates.registry)
        let ready = try exchange(gate.port, "GET", "/readiness")
        #expect(ready.status == 200)
        let body = try json(ready)
        #expect(body.objectValue?.keys == ["ready", "config_loaded", "last_event_ts", "halt", "models_loaded",
                                          "trading_state", "health_guard", "checks"])
        #expect(body["ready"] == true)
        #expect(body["health_guard"] == "none")
        #expect(body["checks"] == .object(JSONObject([("ruleset", "ok"), ("log", "ok"), ("state", "ok"),
                                                     ("draining", false)])))
        #expect((body["last_event_ts"]?.doubleValue ?? 0) > 1.7e9)
    }

    @Test func readinessIs503WhileDraining() throws {
        let gate = try LoopbackHost(rules: FakeGates.rules, registry: FakeGates.registry)
        gate.host.environment.draining = true
        let response = try exchange(gate.port, "GET", "/readiness")
        #expect(response.status == 503)
        #expect(try json(response)["detail"]?["checks"]?["draining"] == true)
        #expect(try json(exchange(gate.port, "GET", "/health"))["status"] == "draining")
    }

    @Test(arguments: ["/metrics", "/metrics/"])
    func metricsAnswerTheTextExpositionOnBothPaths(path: String) throws {
        let gate = try LoopbackHost(rules: FakeGates.rules, registry: FakeGates.registry)
        let response = try exchange(gate.port, "GET", path)
        #expect(response.status == 200)
        #expect(response.header("Content-Type") == "text/plain; version=0.0.4; charset=utf-8")
        #expect(response.bodyText.hasPrefix("# HELP aurora_build_info Build information; the value is always 1.\n"))
    }

    @Test func unknownPathsAre404AndOtherMethods405WithAllow() throws {
        let gate = try LoopbackHost(rules: FakeGates.rules, registry: FakeGates.registry)
        let missing = try exchange(gate.port, "GET", "/health/")
        #expect(missing.status == 404)
        #expect(missing.bodyText == #"{"detail":"Not Found"}"#)
        let wrong = try exchange(gate.port, "GET", "/pretrade/check")
        #expect(wrong.status == 405)
        #expect(wrong.header("Allow") == "POST")
        #expect(wrong.bodyText == #"{"detail":"Method Not Allowed"}"#)
        let head = try exchange(gate.port, "POST", "/health", body: "{}")
        #expect(head.status == 405)
        #expect(head.header("Allow") == "GET, HEAD")
    }
}
