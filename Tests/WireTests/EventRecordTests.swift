import Codec
import Testing
import Wire

@Suite struct EventRecordTests {
    /// The record of observability.md §3.1, byte for byte.
    @Test func encodesTheSpecRecordExactly() throws {
        let record = EventRecord(
            tsNs: 1_767_605_400_002_431_117, runID: "20260105-090000", code: .ruleDeny, symbol: "BTCUSDT",
            cid: "ws-000042", side: .buy, orderType: "LIMIT", price: 100_000.0, qty: 0.01,
            details: [
                "seq": 2, "decision_id": "20260105-090000-2", "rule": "spread", "type": "spread",
                "reason": "spread_bps_too_wide:80.1", "entries": ["spread_bps_too_wide:80.1"], "hard": false,
                "cooldown_ms": 0, "measured": 80.1, "threshold": 80.0,
            ], src: .api)
        let expected =
            #"{"ts_ns":1767605400002431117,"run_id":"20260105-090000","event_code":"RULE.DENY","symbol":"BTCUSDT","cid":"ws-000042","oid":null,"side":"buy","order_type":"LIMIT","price":100000.0,"qty":0.01,"position_id":null,"details":{"seq":2,"decision_id":"20260105-090000-2","rule":"spread","type":"spread","reason":"spread_bps_too_wide:80.1","entries":["spread_bps_too_wide:80.1"],"hard":false,"cooldown_ms":0,"measured":80.1,"threshold":80.0},"src":"api"}"#
        #expect(record.jsonLine() == Array((expected + "\n").utf8))
        #expect(EventRecord.decode(line: record.jsonLine()) == record)
    }

    @Test func missingValuesAreNullAndEmptyDetailsAreAnEmptyObject() {
        let record = EventRecord(tsNs: 1, runID: "r", code: .auroraShutdown, src: .host)
        #expect(
            String(decoding: record.jsonLine(), as: UTF8.self)
                == "{\"ts_ns\":1,\"run_id\":\"r\",\"event_code\":\"AURORA.SHUTDOWN\",\"symbol\":null,\"cid\":null,\"oid\":null,\"side\":null,\"order_type\":null,\"price\":null,\"qty\":null,\"position_id\":null,\"details\":{},\"src\":\"host\"}\n"
        )
    }

    @Test(arguments: [
        ("RULE.DENY", "RULE.DENY"), (" order_submit ", "ORDER.SUBMIT"), ("ORDER_CANCEL_ACK", "ORDER.CANCEL.ACK"),
        ("policy.decision", "POLICY.DECISION"), ("ORDER_STATUS(SIM)", "ORDER.STATUS(SIM)"),
        ("SPREAD_GUARD_TRIP", "SPREAD_GUARD_TRIP"),
    ])
    func codesAreCanonicalisedBeforeTheAllowListCheck(_ text: String, _ canonical: String) {
        #expect(EventCode(text)?.rawValue == canonical)
    }

    @Test(arguments: ["RULE.DENIED", "", "ORDER.SUBMIT.X", "SPREAD.GUARD.TRIP", "HEALTH"])
    func codesOutsideTheAllowListAreRefused(_ text: String) {
        #expect(EventCode(text) == nil)
    }

    @Test func everyListedCodeIsAccepted() {
        #expect(EventCode.allowed.count == 75)
        for code in EventCode.allowed {
            #expect(EventCode(code) != nil, "\(code)")
        }
        #expect(EventCode.policyDecision.rawValue == "POLICY.DECISION")
        #expect(EventCode.orderCancelRequest.rawValue == "ORDER.CANCEL.REQUEST")
    }

    @Test func decodeRefusesIncompleteLines() {
        #expect(EventRecord.decode(line: Array(#"{"ts_ns":1,"run_id":"r""#.utf8)) == nil)
        #expect(EventRecord.decode(line: Array(#"{"ts_ns":1,"run_id":"r","event_code":"NOPE","details":{},"src":"api"}"#.utf8)) == nil)
    }
}
