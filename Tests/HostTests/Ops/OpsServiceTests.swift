import AuroraTesting
import Codec
import Foundation
import RuleEngine
import Testing
@testable import Host

/// Write-before-ack for OPS actions (http-api.md §6.4): events and the state file are written before the answer;
/// when they cannot be, tightening actions still apply and answer 200, loosening ones change nothing and answer 503.
@Suite(.timeLimit(.minutes(1)))
struct OpsServiceTests {
    @Test func aHaltIsOnDiskBeforeItsAnswerWithItsEventsInOrder() throws {
        let directory = TemporaryDirectory()
        let statePath = directory.file("state.json")
        let gate = try OpsGate.start(statePath: statePath)
        let response = try call(gate.port, "POST", "/ops/halt", body: #"{"reason":"exchange incident #42"}"#,
                                token: OpsGate.token)
        #expect(response.bodyText == #"{"status":"ok","trading_state":"HALTED","previous":"ACTIVE","enforced":false}"#)
        let state = try json(line: try String(contentsOfFile: statePath, encoding: .utf8))
        #expect(state["trading_state"] == "HALTED")
        #expect(state["kill_switch"]?["reason"] == "exchange incident #42")
        let events = try requestEvents(gate.sink).map { try json(line: $0) }
        #expect(events.map { $0["event_code"]?.stringValue } == ["GOVERNANCE.STATE", "AURORA.HALT"])
        #expect(events.map { $0["details"]?["seq"] } == [.int(1), .int(1)])
        #expect(events.allSatisfy { $0["src"] == "ops" })
        let again = try call(gate.port, "POST", "/ops/halt", token: OpsGate.token)
        #expect(again.bodyText == #"{"status":"ok","trading_state":"HALTED","previous":"HALTED","enforced":false}"#)
        #expect(requestEvents(gate.sink).count == 2)
    }

    @Test func whenTheEventLogFailsATighteningActionStillAppliesAndALooseningOneChangesNothing() throws {
        let gate = try OpsGate.start()
        gate.sink?.setFailing([.events])
        let halt = try call(gate.port, "POST", "/ops/halt", token: OpsGate.token)
        #expect(halt.status == 200)
        #expect(gate.host.shared.trading.state == .halted)
        let resume = try call(gate.port, "POST", "/ops/resume", body: #"{"reason":"too early"}"#, token: OpsGate.token)
        #expect(resume.status == 503)
        #expect(resume.bodyText == #"{"detail":"state file unavailable"}"#)
        #expect(gate.host.shared.trading.state == .halted)
        gate.sink?.setFailing([])
        let retried = try call(gate.port, "POST", "/ops/resume", body: #"{"reason":"log back"}"#, token: OpsGate.token)
        #expect(retried.status == 200)
        #expect(gate.host.shared.trading.state == .active)
    }

    @Test func whenTheStateFileCannotBeWrittenResumeIs503AndHaltStill200() throws {
        let directory = TemporaryDirectory()
        let gate = try OpsGate.start(statePath: directory.file("blocker/state.json"))
        directory.write("blocker", "a file where the state directory should be")
        let halt = try call(gate.port, "POST", "/ops/halt", token: OpsGate.token)
        #expect(halt.status == 200)
        #expect(gate.host.shared.trading.state == .halted)
        let readiness = try json(try call(gate.port, "GET", "/readiness"))
        #expect(readiness["checks"]?["state"] == "error")
        let resume = try call(gate.port, "POST", "/ops/resume", body: #"{"reason":"r"}"#, token: OpsGate.token)
        #expect(resume.status == 503)
        #expect(gate.host.shared.trading.state == .halted)
        let state = try json(try call(gate.port, "GET", "/ops/state", token: OpsGate.token))
        #expect(state["state_file"]?["status"] == "error")
        #expect(metricLines(gate.host.metrics.exposition(), #"aurora_log_write_errors_total{file="state"}"#)
            == [#"aurora_log_write_errors_total{file="state"} 2"#])
        let health = requestEvents(gate.sink) + (gate.sink?.lines(.events) ?? []).filter { $0.contains("HEALTH.ERROR") }
        #expect(health.contains { $0.contains(#""component":"state_file""#) })
    }

    @Test func opsStateReportsEveryKeyInOrder() throws {
        let gate = try OpsGate.start()
        let state = try json(try call(gate.port, "GET", "/ops/state", token: OpsGate.token))
        #expect(state.objectValue?.keys == ["status", "trading_state", "kill_switch", "enforced", "governance",
                                            "health_guard", "risk", "anti_churn", "log", "state_file", "ruleset"])
        #expect(state["kill_switch"] == .object(JSONObject([("latched", false), ("since", .null), ("reason", .null),
                                                            ("source", .null)])))
        #expect(state["risk"]?.objectValue?.keys == ["overrides", "positions", "daily", "trades_last_minute"])
        #expect(state["log"]?["writable"] == true)
        #expect(state["state_file"] == .object(JSONObject([("status", "fresh"), ("last_write", .null)])))
    }

    @Test func opsRulesListsTheFilesRulesAndTheLastReload() throws {
        let gate = try OpsGate.start()
        let rules = try json(try call(gate.port, "GET", "/ops/rules", token: OpsGate.token))
        #expect(rules.objectValue?.keys == ["status", "ruleset", "files", "rules", "last_reload"])
        let first = try #require(rules["rules"]?.arrayValue?.first)
        #expect(first.objectValue?.keys == ["id", "type", "mode", "on_error", "on_missing", "stop", "reducing_orders",
                                            "params", "overrides", "source"])
        #expect(first["params"] == .object(JSONObject([("max_ms", 30.0)])))
        #expect(rules["files"]?.arrayValue?.first?["sha256"]?.stringValue?.count == 64)
        #expect(rules["last_reload"]?["trigger"] == "startup")
        _ = try call(gate.port, "POST", "/ops/reload", token: OpsGate.token)
        let after = try json(try call(gate.port, "GET", "/ops/rules", token: OpsGate.token))
        #expect(after["last_reload"]?["trigger"] == "ops")
        #expect(after["last_reload"]?["result"] == "success")
    }
}
