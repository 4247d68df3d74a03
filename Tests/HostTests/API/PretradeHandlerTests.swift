import AuroraTesting
import Codec
import Foundation
import RuleEngine
import Testing
@testable import Host

@Suite(.timeLimit(.minutes(1)))
struct PretradeHandlerTests {
    @Test func anAllowIsAnsweredWithTheDecisionAndLoggedAsPolicyDecision() throws {
        let gate = try LoopbackHost(rules: FakeGates.rules, registry: FakeGates.registry)
        let response = try exchange(gate.port, "POST", "/pretrade/check", body: Bodies.pretrade(reqID: "rq-a"))
        #expect(response.status == 200)
        let expected = try JSONReader.parse(Array("""
            {"allow":true,"max_qty":0.01,"risk_scale":1.0,"cooldown_ms":0,"reason":"ok","hard_gate":false,\
            "quotas":{"trades_pm_left":999,"symbol_exposure_left_usdt":1000000000000.0},\
            "observability":{"gate_state":"PASS","spread_bps":2.0,"mode":"testnet","latency_ms":1.0,"slip_bps_est":0.5,\
            "a_bps":0.0,"b_bps":10.0,"score":1.0,"risk":null,"trap":null,\
            "sprt":{"decision":null,"llr":null,"n_obs":null},"reasons":[],"diagnostics":[],"rules":[\
            {"id":"latency","type":"max_latency","mode":"enforce","verdict":"pass","measured":1.0,"threshold":30.0},\
            {"id":"spread","type":"max_spread","mode":"enforce","verdict":"pass","measured":2.0,"threshold":80.0}],\
            "ruleset":{"name":"default","fingerprint":"*","loaded_at":"*"},"decision_id":"*","req_id":"rq-a"}}
            """.utf8))
        #expect(normalized(try json(response)) == expected)
        let body = try json(response)
        #expect(body["observability"]?["decision_id"]?.stringValue == gate.host.identity.decisionID(seq: 1))

        let events = requestEvents(gate.sink)
        #expect(events.count == 1)
        let record = try json(line: events[0])
        #expect(record["event_code"] == "POLICY.DECISION")
        #expect(record["src"] == "api")
        #expect(record["cid"] == "ws-000042")
        #expect(record["order_type"] == "LIMIT")
        #expect(record["details"]?["decision"] == "EXECUTE")
        #expect(record["details"]?["input"]?["order"] == .object(JSONObject([
            ("symbol", "BTCUSDT"), ("side", "buy"), ("qty", 0.01), ("price", 100000.0), ("type", "LIMIT"),
            ("reduce_only", false), ("client_order_id", "ws-000042"),
        ])))
        #expect(record["details"]?["rules"] == body["observability"]?["rules"])
        #expect(gate.sink?.lines(.ordersDenied).isEmpty == true)
        #expect(poll { commits(gate) == 1 })
    }

    @Test func aDenyWritesRuleEventsThenTheDecisionAndADeniedRecord() throws {
        let gate = try LoopbackHost(rules: FakeGates.rules, registry: FakeGates.registry)
        let response = try exchange(gate.port, "POST", "/pretrade/check", body: Bodies.pretrade(spread: 80.1))
        let body = try json(response)
        #expect(body["allow"] == false)
        #expect(body["reason"] == "spread_bps_too_wide:80.1")
        #expect(body["observability"]?["reasons"] == ["spread_bps_too_wide:80.1"])
        let sink = try #require(gate.sink)
        let codes = try requestEvents(sink).map { try json(line: $0)["event_code"]?.stringValue ?? "" }
        #expect(codes == ["RULE.DENY", "SPREAD_GUARD_TRIP", "POLICY.DECISION"])
        let deny = try json(line: requestEvents(sink)[0])
        let id = gate.host.identity.decisionID(seq: 1)
        #expect(deny["details"] == .object(JSONObject([
            ("seq", 1), ("decision_id", .string(id)), ("rule", "spread"), ("type", "max_spread"),
            ("reason", "spread_bps_too_wide:80.1"), ("entries", ["spread_bps_too_wide:80.1"]), ("hard", false),
            ("cooldown_ms", 0), ("measured", 80.1), ("threshold", 80.0),
        ])))
        let denied = try #require(sink.lines(.ordersDenied).first)
        let run = gate.host.identity.runID
        let decision = try json(line: requestEvents(sink)[2])
        let ns = try #require(decision["details"]?["now_ms"]?.intValue) * 1_000_000
        #expect(denied == """
            {"ts_ns":\(ns),"ts_server_ns":\(ns),"run_id":"\(run)","decision_id":"\(id)","cid":"ws-000042","oid":null,\
            "position_id":null,"symbol":"BTCUSDT","side":"buy","order_type":"LIMIT","qty":0.01,"price":100000.0,\
            "fill_qty":null,"avg_price":null,"reduce_only":false,"lifecycle_state":null,\
            "reason_code":"spread_bps_too_wide:80.1","reason_detail":"spread_bps_too_wide:80.1","reason_class":"AURORA",\
            "severity":"WARN","action":"ABORT","exchange_code":null,"rule":"spread",\
            "ruleset":"\(gate.host.store.current.identity.fingerprint)","reasons":["spread_bps_too_wide:80.1"],\
            "hard_gate":false,"latency_ms":1.0,"spread_bps":80.1,"vol_std_bps":null,"governance_gate":null,\
            "reward_tag":null,"pnl_usdt":null}

            """)
        #expect(commits(gate) == 0)
    }

    @Test func aBadQuantityIs422AndWritesNothingNorTakesASeq() throws {
        let gate = try LoopbackHost(rules: FakeGates.rules, registry: FakeGates.registry)
        let bad = #"{"account":{"mode":"testnet"},"order":{"symbol":"BTCUSDT","side":"buy","qty":"abc"},"market":{"latency_ms":1.0,"spread_bps":2.0}}"#
        let response = try exchange(gate.port, "POST", "/pretrade/check", body: bad)
        #expect(response.status == 422)
        #expect(response.bodyText == #"{"detail":[{"type":"float_parsing","loc":["body","order","qty"],"msg":"Input should be a valid number, unable to parse string as a number","input":"abc"}]}"#)
        #expect(requestEvents(gate.sink).isEmpty)
        let next = try json(exchange(gate.port, "POST", "/pretrade/check", body: Bodies.pretrade()))
        #expect(next["observability"]?["decision_id"]?.stringValue == gate.host.identity.decisionID(seq: 1))
    }

    @Test(arguments: [
        ("text/plain", 415, #"{"detail":"Unsupported Media Type: expected application/json"}"#),
        ("application/x-www-form-urlencoded", 415, #"{"detail":"Unsupported Media Type: expected application/json"}"#),
        ("application/vnd.aurora+json; charset=utf-8", 200, nil),
        ("Application/JSON", 200, nil),
    ])
    func contentTypesOtherThanJSONAre415(type: String, status: Int, body: String?) throws {
        let gate = try LoopbackHost(rules: FakeGates.rules, registry: FakeGates.registry)
        let response = try exchange(gate.port, "POST", "/pretrade/check", body: Bodies.pretrade(), contentType: type)
        #expect(response.status == status)
        if let body { #expect(response.bodyText == body) }
    }

    @Test func explainFullAddsTheExplainObjectAndOtherValuesAre422() throws {
        let gate = try LoopbackHost(rules: FakeGates.rules, registry: FakeGates.registry)
        let full = try json(exchange(gate.port, "POST", "/pretrade/check?explain=full", body: Bodies.pretrade()))
        #expect(full["observability"]?["explain"]?["rules"]?.arrayValue?.count == 2)
        #expect(full["observability"]?["explain"]?["derived"]?["price_ref_source"] == "order.price")
        let none = try json(exchange(gate.port, "POST", "/pretrade/check?explain=none", body: Bodies.pretrade()))
        #expect(none["observability"]?["explain"] == nil)
        let bad = try exchange(gate.port, "POST", "/pretrade/check?explain=yes", body: Bodies.pretrade())
        #expect(bad.status == 422)
        #expect(bad.bodyText == #"{"detail":[{"type":"literal_error","loc":["query","explain"],"msg":"Input should be 'none' or 'full'","input":"yes","ctx":{"expected":"'none' or 'full'"}}]}"#)
        let decisions = try requestEvents(gate.sink).map { try json(line: $0) }
        #expect(decisions.map { $0["details"]?["explain"] } == [true, false])
    }

    @Test func aFailedWriteAnswersTheHardLogUnavailableDenyUntilAWriteSucceeds() throws {
        let gate = try LoopbackHost(rules: FakeGates.rules, registry: FakeGates.registry)
        let sink = try #require(gate.sink)
        sink.setFailing([.events])
        let denied = try json(exchange(gate.port, "POST", "/pretrade/check", body: Bodies.pretrade()))
        #expect(denied["allow"] == false)
        #expect(denied["max_qty"] == 0.0)
        #expect(denied["reason"] == "log_unavailable")
        #expect(denied["hard_gate"] == true)
        #expect(denied["observability"]?["gate_state"] == "BLOCK")
        #expect(denied["observability"]?["reasons"] == ["log_unavailable"])
        #expect(commits(gate) == 0)
        #expect(try exchange(gate.port, "GET", "/readiness").status == 503)
        let metrics = try exchange(gate.port, "GET", "/metrics").bodyText
        #expect(metrics.contains("aurora_log_write_errors_total{file=\"events\"} 1\n"))
        #expect(metrics.contains("aurora_orders_denied_total 1\n"))

        sink.setFailing([])
        let allowed = try json(exchange(gate.port, "POST", "/pretrade/check", body: Bodies.pretrade()))
        #expect(allowed["allow"] == true)
        #expect(try exchange(gate.port, "GET", "/readiness").status == 200)
        #expect(poll { commits(gate) == 1 })
    }

    @Test func underFsyncAlwaysTheAnswerWaitsForASync() throws {
        let gate = try LoopbackHost(rules: FakeGates.rules, registry: FakeGates.registry) { $0.fsync = .always }
        let response = try exchange(gate.port, "POST", "/pretrade/check", body: Bodies.pretrade())
        #expect(response.status == 200)
        #expect((gate.sink?.syncCount ?? 0) >= 1)
    }

    private func commits(_ gate: LoopbackHost) -> Int64 {
        let state = gate.host.store.current.steps.first { $0.key.id.rawValue == "spread" }?.base.state
        return state?.snapshot()["commits"]?.intValue ?? -1
    }
}
