import AuroraTesting
import Codec
import Foundation
import RuleEngine
import Testing
@testable import Host

/// The state file while serving: loaded at start (missing → fresh, corrupt → HALTED), written before the answers
/// that change it, and carried across restarts with the rotated token.
@Suite(.timeLimit(.minutes(1)))
struct StateKeeperTests {
    @Test func aHaltSurvivesARestart() throws {
        let directory = TemporaryDirectory()
        let statePath = directory.file("state/aurora_state.json")
        do {
            let first = try OpsGate.start(statePath: statePath)
            #expect(try call(first.port, "POST", "/ops/halt", body: #"{"reason":"before restart"}"#,
                             token: OpsGate.token).status == 200)
        }
        let second = try OpsGate.start(statePath: statePath)
        #expect(second.host.shared.trading.state == .halted)
        #expect(second.host.shared.trading.reason == "before restart")
        let state = try json(try call(second.port, "GET", "/ops/state", token: OpsGate.token))
        #expect(state["state_file"]?["status"] == "loaded")
        #expect(state["kill_switch"]?["source"] == "ops")
        let startup = try #require(second.sink?.lines(.events).first { $0.contains("AURORA.STARTUP.OK") })
        #expect(try json(line: startup)["details"]?["state_file"] == "loaded")
        #expect(try json(line: startup)["details"]?["state"]?["trading_state"] == "HALTED")
    }

    @Test(arguments: ["not json", #"{"version":2}"#, ""])
    func aCorruptStateFileStartsHaltedWithItsEvents(_ content: String) throws {
        let directory = TemporaryDirectory()
        let statePath = directory.write("aurora_state.json", content)
        let gate = try OpsGate.start(statePath: statePath)
        #expect(gate.host.shared.trading.state == .halted)
        #expect(gate.host.shared.trading.source == .startup)
        let host = try (gate.sink?.lines(.events) ?? []).map { try json(line: $0) }.filter { $0["src"] == "host" }
        #expect(host.map { $0["event_code"]?.stringValue } == [
            "CONFIG.SWITCHED", "HEALTH.ERROR", "GOVERNANCE.STATE", "AURORA.HALT", "AURORA.STARTUP.OK",
        ])
        #expect(host[1]["details"]?["component"] == "state_file")
        #expect(host[2]["details"]?["from"] == .null)
        #expect(host[2]["details"]?["source"] == "startup")
        #expect(host[4]["details"]?["state_file"] == "corrupt_at_start")
        let readiness = try call(gate.port, "GET", "/readiness")
        #expect(readiness.status == 200)
        #expect(try json(readiness)["checks"]?["state"] == "corrupt_at_start")
        #expect(try json(readiness)["trading_state"] == "HALTED")
        #expect(try String(contentsOfFile: statePath, encoding: .utf8) == content)
        let resumed = try call(gate.port, "POST", "/ops/resume", body: #"{"reason":"checked"}"#, token: OpsGate.token)
        #expect(resumed.bodyText == #"{"status":"ok","trading_state":"ACTIVE","previous":"HALTED","enforced":false}"#)
        #expect(try json(line: try String(contentsOfFile: statePath, encoding: .utf8))["trading_state"] == "ACTIVE")
    }

    @Test func aFillIsInTheStateFileWhenItsAnswerArrives() throws {
        let directory = TemporaryDirectory()
        let statePath = directory.file("aurora_state.json")
        let gate = try OpsGate.start(statePath: statePath)
        let response = try call(gate.port, "POST", "/posttrade/log", body: Bodies.fill)
        #expect(response.status == 200)
        let state = try json(line: try String(contentsOfFile: statePath, encoding: .utf8))
        #expect(state["positions"]?.arrayValue?.first?["symbol"] == "BTCUSDT")
        #expect(state["positions"]?.arrayValue?.first?["qty"] == 0.01)
        let repeated = try call(gate.port, "POST", "/posttrade/log", body: Bodies.fill)
        #expect(repeated.status == 200)
    }

    @Test func aRotatedTokenStaysInForceAcrossARestartUntilTheConfiguredTokenChanges() throws {
        let directory = TemporaryDirectory()
        let statePath = directory.file("aurora_state.json")
        let next = "rotated-token-ABCDEFGHIJKLMNOP-9876"
        do {
            let first = try OpsGate.start(statePath: statePath)
            #expect(try call(first.port, "POST", "/ops/rotate_token", body: #"{"new_token":"\#(next)"}"#,
                             token: OpsGate.token).status == 200)
        }
        do {
            let kept = try OpsGate.start(statePath: statePath)
            #expect(try call(kept.port, "GET", "/ops/state", token: next).status == 200)
            #expect(try call(kept.port, "GET", "/ops/state", token: OpsGate.token).status == 403)
        }
        let changed = "a-brand-new-configured-token-0000"
        let recovered = try OpsGate.start(token: changed, statePath: statePath)
        #expect(try call(recovered.port, "GET", "/ops/state", token: changed).status == 200)
        #expect(try call(recovered.port, "GET", "/ops/state", token: next).status == 403)
        let event = try #require(recovered.sink?.lines(.events).first { $0.contains("OPS.TOKEN_ROTATE") })
        #expect(try json(line: event)["details"] == .object(JSONObject([
            ("token_mask", "****0000"), ("version", "0.1.0-test"), ("source", "config"),
        ])))
        #expect(try json(line: try String(contentsOfFile: statePath, encoding: .utf8))["ops_token"] == .null)
    }
}
