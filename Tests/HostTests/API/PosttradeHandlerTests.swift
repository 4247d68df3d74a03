import AuroraTesting
import Codec
import Foundation
import RuleEngine
import Testing
@testable import Host

@Suite(.timeLimit(.minutes(1)))
struct PosttradeHandlerTests {
    @Test func aFillIsRecordedThenBookedAndAnswered() throws {
        let gate = try LoopbackHost(rules: FakeGates.rules, registry: FakeGates.registry)
        let response = try exchange(gate.port, "POST", "/posttrade/log", body: Bodies.fill)
        #expect(response.status == 200)
        #expect(response.bodyText == #"{"status":"ok","classification":"success","ignored_fields":[]}"#)
        let sink = try #require(gate.sink)
        let raw = try json(line: #require(sink.lines(.orders).first))
        let receivedMs = try #require(raw["ts_server"]?.intValue)
        #expect(raw["order_id"] == "8389765")
        #expect(raw.objectValue?.keys.last == "ts_server")
        let run = gate.host.identity.runID
        let fingerprint = gate.host.store.current.identity.fingerprint
        #expect(sink.lines(.ordersSuccess) == ["""
            {"ts_ns":1767605400350000000,"ts_server_ns":\(receivedMs * 1_000_000),"run_id":"\(run)",\
            "decision_id":"20260105-090000-1","cid":"ws-000042","oid":"8389765","position_id":null,"symbol":"BTCUSDT",\
            "side":"buy","order_type":null,"qty":0.01,"price":100000.0,"fill_qty":0.01,"avg_price":100001.5,\
            "reduce_only":false,"lifecycle_state":"FILLED","reason_code":null,"reason_detail":null,"reason_class":null,\
            "severity":null,"action":null,"exchange_code":null,"rule":null,"ruleset":"\(fingerprint)","reasons":null,\
            "hard_gate":null,"latency_ms":null,"spread_bps":null,"vol_std_bps":null,"governance_gate":null,\
            "reward_tag":null,"pnl_usdt":null}

            """])
        let events = try requestEvents(sink).map { try json(line: $0) }
        #expect(events.map { $0["event_code"]?.stringValue } == ["POSTTRADE.LOG", "ORDER.FILL"])
        #expect(events[0]["details"]?["classification"] == "success")
        #expect(events[0]["details"]?["now_ms"]?.intValue == receivedMs)
        #expect(events[1]["price"] == 100001.5)
        #expect(events[1]["details"] == .object(JSONObject([
            ("seq", 1), ("fill_qty", 0.01), ("fill_delta", 0.01), ("avg_price", 100001.5), ("position_qty", 0.01),
            ("exposure_usdt", 1000.015), ("decision_id", "20260105-090000-1"),
        ])))
        let position = try #require(gate.host.shared.position(for: Symbol(canonicalizing: "BTCUSDT")!))
        #expect(position.qty == 0.01)
        #expect(position.sinceMs == receivedMs)
    }

    @Test func aRejectIsNormalisedAndSecretsAreMasked() throws {
        let gate = try LoopbackHost(rules: FakeGates.rules, registry: FakeGates.registry)
        let response = try exchange(gate.port, "POST", "/posttrade/log", body: Bodies.reject)
        #expect(response.bodyText == #"{"status":"ok","classification":"failed","ignored_fields":[]}"#)
        let sink = try #require(gate.sink)
        let raw = try json(line: #require(sink.lines(.orders).first))
        #expect(raw["api_key"] == "****")
        let failed = try json(line: #require(sink.lines(.ordersFailed).first))
        #expect(failed["reason_code"] == "EXCHANGE_MARGIN_INSUFFICIENT")
        #expect(failed["reason_detail"] == "Margin is insufficient.")
        #expect(failed["reason_class"] == "EXCHANGE")
        #expect(failed["severity"] == "ERROR")
        #expect(failed["action"] == "ABORT")
        #expect(failed["exchange_code"] == "-2019")
        let events = try requestEvents(sink).map { try json(line: $0) }
        #expect(events.map { $0["event_code"]?.stringValue } == ["POSTTRADE.LOG", "ORDER.REJECT"])
        #expect(events[0]["details"]?["payload"]?["api_key"] == "****")
        #expect(events[1]["details"] == .object(JSONObject([
            ("seq", 1), ("reason_code", -2019), ("reason_detail", "Margin is insufficient."),
            ("normalized_code", "EXCHANGE_MARGIN_INSUFFICIENT"), ("severity", "ERROR"), ("action", "ABORT"),
        ])))
        let metrics = try exchange(gate.port, "GET", "/metrics").bodyText
        #expect(metrics.contains("aurora_orders_rejected_total 1\n"))
        #expect(metrics.contains("aurora_posttrade_records_total{classification=\"failed\"} 1\n"))
    }

    @Test func unwritableRecordsAnswer503AndBookNothingUntilAWriteSucceeds() throws {
        let gate = try LoopbackHost(rules: FakeGates.rules, registry: FakeGates.registry)
        let sink = try #require(gate.sink)
        sink.setFailing([.orders])
        let refused = try exchange(gate.port, "POST", "/posttrade/log", body: Bodies.fill)
        #expect(refused.status == 503)
        #expect(refused.bodyText == #"{"detail":"log unavailable"}"#)
        let btc = Symbol(canonicalizing: "BTCUSDT")!
        #expect(gate.host.shared.position(for: btc) == nil)

        sink.setFailing([])
        let retried = try exchange(gate.port, "POST", "/posttrade/log", body: Bodies.fill)
        #expect(retried.status == 200)
        #expect(gate.host.shared.position(for: btc)?.qty == 0.01)
        let codes = try requestEvents(sink).map { try json(line: $0)["event_code"]?.stringValue }
        #expect(codes.suffix(2) == ["POSTTRADE.LOG", "ORDER.FILL"])
    }

    @Test(arguments: [
        ("[1,2]", #"{"detail":[{"type":"model_attributes_type","loc":["body"],"msg":"Input should be a valid dictionary or object to extract fields from","input":[1,2]}]}"#),
        (#"{"symbol":"BTCUSDT","reduce_only":"false"}"#, #"{"detail":[{"type":"bool_type","loc":["body","reduce_only"],"msg":"Input should be a valid boolean","input":"false"}]}"#),
    ])
    func unusableBodiesAre422(body: String, detail: String) throws {
        let gate = try LoopbackHost(rules: FakeGates.rules, registry: FakeGates.registry)
        let response = try exchange(gate.port, "POST", "/posttrade/log", body: body)
        #expect(response.status == 422)
        #expect(response.bodyText == detail)
        #expect(gate.sink?.lines(.orders).isEmpty == true)
    }

    @Test func aSubmittedOrderWithoutAcknowledgementExpiresInTheScan() throws {
        let gate = try LoopbackHost(rules: FakeGates.rules, registry: FakeGates.registry) { $0.ackTTLSeconds = 5 }
        let submit = #"{"symbol":"ETHUSDT","side":"sell","qty":1,"price":3000,"status":"NEW","client_order_id":"c-1"}"#
        #expect(try exchange(gate.port, "POST", "/posttrade/log", body: submit).status == 200)
        #expect(gate.host.environment.ackTracker.count == 1)
        let now = EventClock.wallNanoseconds() / 1_000_000
        #expect(AckScan.run(env: gate.host.environment, nowMs: now) == 0)
        #expect(AckScan.run(env: gate.host.environment, nowMs: now + 10_000) == 1)
        let expire = try #require(gate.sink?.lines(.events).last)
        let record = try json(line: expire)
        #expect(record["event_code"] == "ORDER.EXPIRE")
        #expect(record["src"] == "host")
        #expect(record["cid"] == "c-1")
        #expect(record["symbol"] == "ETHUSDT")
        #expect(record["details"]?["reason_detail"] == "no ACK within window")
        #expect(record["details"]?["ttl_s"] == 5)
        #expect(record["details"]?["evicted"] == false)
    }
}
