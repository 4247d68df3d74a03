import Codec
import Testing
import Wire

@Suite struct PosttradeReportTests {
    private func decode(_ body: String) -> Result<PosttradeReport, ValidationErrors> {
        PosttradeReport.decode(Array(body.utf8))
    }

    private func detail(_ body: String) -> String? {
        guard case .failure(let errors) = decode(body) else { return nil }
        return String(decoding: errors.bodyBytes(), as: UTF8.self)
    }

    @Test func theSpecFillIsASuccessWithNothingIgnored() throws {
        let body = #"""
            {"ts": 1767605400350, "symbol": "BTCUSDT", "side": "buy", "qty": 0.01, "price": 100000.0,
             "status": "filled", "filled": 0.01, "average": 100001.5,
             "order_id": "8389765", "client_order_id": "ws-000042", "decision_id": "20260105-090000-1"}
            """#
        let report = try decode(body).get()
        #expect(report.classification == .success)
        #expect(report.side == .buy)
        #expect(report.oid == "8389765")
        #expect(report.cid == "ws-000042")
        #expect(report.fillPrice == 100_001.5)
        #expect(report.tsNs == 1_767_605_400_350_000_000)
        #expect(report.decisionID == "20260105-090000-1")
        #expect(!report.isClose)
        #expect(
            String(decoding: PosttradeResponse(report).bodyBytes(), as: UTF8.self)
                == #"{"status":"ok","classification":"success","ignored_fields":[]}"#)
    }

    @Test func theSpecRejectIsFailed() throws {
        let body = #"{"symbol":"BTCUSDT","side":"buy","qty":0.01,"order_id":"8389766","error_code":-2019,"error_msg":"Margin is insufficient."}"#
        let report = try decode(body).get()
        #expect(report.classification == .failed)
        #expect(report.errorCode == .int(-2019))
        #expect(report.errorMsg == "Margin is insufficient.")
    }

    @Test func responseAndInfoSourcesFillInAbsentTopLevelFields() throws {
        let body = #"""
            {"symbol":"ETHUSDT","side":"SHORT","response":{"amount":"2","id":12345,"status":"closed","type":"market",
             "info":{"executedQty":"1.5","avgPrice":"3000.5","clientOrderId":"c-1","reduceOnly":true}}}
            """#
        let report = try decode(body).get()
        #expect(report.side == .sell)
        #expect(report.qty == 2)
        #expect(report.filled == 1.5)
        #expect(report.average == 3000.5)
        #expect(report.oid == "12345")
        #expect(report.cid == "c-1")
        #expect(report.status == "closed")
        #expect(report.orderType == "market")
        #expect(report.isClose)
        #expect(report.classification == .success)
    }

    @Test func unusableKnownFieldsAreAbsentAndListedInTableOrder() throws {
        let body = #"{"ts":"later","filled":"abc","side":"up","qty":[1],"amount":5,"status":3,"average":-1,"price":10,"pnl_usdt":"x","oid":1.5}"#
        let report = try decode(body).get()
        #expect(report.ignoredFields == ["side", "qty", "filled", "average", "status", "oid", "ts", "pnl_usdt"])
        #expect(report.qty == nil)  // the first present source was unusable: no later source is consulted
        #expect(report.classification == .neither)
        #expect(
            String(decoding: PosttradeResponse(report).bodyBytes(), as: UTF8.self)
                == #"{"status":"ok","classification":"neither","ignored_fields":["side","qty","filled","average","status","oid","ts","pnl_usdt"]}"#
        )
    }

    static let badBodies: [(String, String)] = [
        (
            #"{"symbol":"BTCUSDT","reduce_only":"false","response":{"info":{"reduceOnly":1}}}"#,
            #"{"detail":[{"type":"bool_type","loc":["body","reduce_only"],"msg":"Input should be a valid boolean","input":"false"},{"type":"bool_type","loc":["body","response","info","reduceOnly"],"msg":"Input should be a valid boolean","input":1}]}"#
        ),
        (
            #"{"symbol":"BTCUSDT","status":"FILLED","filled":1}"#,
            #"{"detail":[{"type":"fill_price_missing","loc":["body","price"],"msg":"a fill needs a price","input":{"symbol":"BTCUSDT","status":"FILLED","filled":1}}]}"#
        ),
        (
            "[]",
            #"{"detail":[{"type":"model_attributes_type","loc":["body"],"msg":"Input should be a valid dictionary or object to extract fields from","input":[]}]}"#
        ),
        ("", #"{"detail":[{"type":"missing","loc":["body"],"msg":"Field required","input":null}]}"#),
    ]

    @Test(arguments: badBodies)
    func badBodiesGiveTheirExactDetail(_ body: String, _ expected: String) {
        #expect(detail(body) == expected)
    }

    @Test(arguments: [
        (#"{"error":""}"#, PosttradeReport.Classification.neither), (#"{"error":{},"filled":1,"price":1}"#, .success),
        (#"{"error":"boom","filled":1}"#, .failed), (#"{"error_code":0,"status":"partial","price":1}"#, .success),
        (#"{"status":"NEW"}"#, .neither), (#"{"filled":0,"status":"canceled"}"#, .neither),
    ])
    func classificationFollowsTheFailureMarkersThenTheFill(_ body: String, _ expected: PosttradeReport.Classification)
        throws
    {
        #expect(try decode(body).get().classification == expected)
    }

    @Test(arguments: [(1.7e9, 1_700_000_000_000_000_000), (1.7e12 + 1, 1_700_000_000_001_000_000), (1.7e18 + 2, 1_700_000_000_000_000_000)] as [(Double, Int64)])
    func tsUnitIsChosenByMagnitude(_ ts: Double, _ ns: Int64) {
        var report = try? decode("{}").get()
        report?.ts = ts
        #expect(report?.tsNs.map { ($0 - ns).magnitude < 1000 } == true)
    }

    @Test func actionCloseIsACloseWhateverItsCase() throws {
        #expect(try decode(#"{"action":" Close "}"#).get().isClose)
        #expect(try !decode(#"{"action":"open","close":false}"#).get().isClose)
    }
}
