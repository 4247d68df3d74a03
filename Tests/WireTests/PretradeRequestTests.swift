import Codec
import Testing
import Wire

@Suite struct PretradeRequestTests {
    private static let valid = #"{"account":{"mode":"testnet"},"order":{"symbol":"BTCUSDT","side":"buy","qty":0.01},"market":{}}"#

    private func detail(_ body: String) -> String? {
        switch PretradeRequest.decode(Array(body.utf8)) {
        case .success: nil
        case .failure(let errors): String(decoding: errors.bodyBytes(), as: UTF8.self)
        }
    }

    /// A body with `order` replaced by `order` (a JSON object text).
    private static func withOrder(_ order: String) -> String {
        #"{"account":{},"order":"# + order + #","market":{}}"#
    }

    private static func withMarket(_ market: String) -> String {
        #"{"account":{},"order":{},"market":"# + market + "}"
    }

    /// Each bad field → the exact 422 body (http-api.md §2.1, §2.3, §4.1, §4.8 Example 4).
    static let badBodies: [(String, String)] = [
        (
            withOrder(#"{"symbol":"BTCUSDT","side":"buy","qty":"abc"}"#),
            #"{"detail":[{"type":"float_parsing","loc":["body","order","qty"],"msg":"Input should be a valid number, unable to parse string as a number","input":"abc"}]}"#
        ),
        (
            withOrder(#"{"qty":-1}"#),
            #"{"detail":[{"type":"greater_than_equal","loc":["body","order","qty"],"msg":"Input should be greater than or equal to 0","input":-1,"ctx":{"ge":0}}]}"#
        ),
        (
            withOrder(#"{"price":0}"#),
            #"{"detail":[{"type":"greater_than","loc":["body","order","price"],"msg":"Input should be greater than 0","input":0,"ctx":{"gt":0}}]}"#
        ),
        (
            withOrder(#"{"qty":true}"#),
            #"{"detail":[{"type":"float_type","loc":["body","order","qty"],"msg":"Input should be a valid number","input":true}]}"#
        ),
        (
            withOrder(#"{"qty":1e400}"#),
            #"{"detail":[{"type":"finite_number","loc":["body","order","qty"],"msg":"Input should be a finite number","input":null}]}"#
        ),
        (
            withOrder(#"{"qty":"1e400"}"#),
            #"{"detail":[{"type":"finite_number","loc":["body","order","qty"],"msg":"Input should be a finite number","input":"1e400"}]}"#
        ),
        (
            withOrder(#"{"qty":[1]}"#),
            #"{"detail":[{"type":"float_type","loc":["body","order","qty"],"msg":"Input should be a valid number","input":[1]}]}"#
        ),
        (
            withOrder(#"{"side":"up"}"#),
            #"{"detail":[{"type":"literal_error","loc":["body","order","side"],"msg":"Input should be 'buy', 'sell', 'long' or 'short'","input":"up","ctx":{"expected":"'buy', 'sell', 'long' or 'short'"}}]}"#
        ),
        (
            withOrder(#"{"side":1}"#),
            #"{"detail":[{"type":"string_type","loc":["body","order","side"],"msg":"Input should be a valid string","input":1}]}"#
        ),
        (
            withOrder(#"{"reduce_only":"maybe"}"#),
            #"{"detail":[{"type":"bool_parsing","loc":["body","order","reduce_only"],"msg":"Input should be a valid boolean, unable to interpret input","input":"maybe"}]}"#
        ),
        (
            withOrder(#"{"reduce_only":2}"#),
            #"{"detail":[{"type":"bool_type","loc":["body","order","reduce_only"],"msg":"Input should be a valid boolean","input":2}]}"#
        ),
        (
            withOrder(#"{"symbol":"\#(String(repeating: "x", count: 257))"}"#),
            #"{"detail":[{"type":"string_too_long","loc":["body","order","symbol"],"msg":"String should have at most 256 characters","input":"\#(String(repeating: "x", count: 257))","ctx":{"max_length":256}}]}"#
        ),
        (
            withMarket(#"{"trap_trades_cnt":1.5}"#),
            #"{"detail":[{"type":"int_from_float","loc":["body","market","trap_trades_cnt"],"msg":"Input should be a valid integer, got a number with a fractional part","input":1.5}]}"#
        ),
        (
            withMarket(#"{"open_positions":"two"}"#),
            #"{"detail":[{"type":"int_parsing","loc":["body","market","open_positions"],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"two"}]}"#
        ),
        (
            withMarket(#"{"quote_ts_ms":9007199254740993}"#),
            #"{"detail":[{"type":"int_parsing_size","loc":["body","market","quote_ts_ms"],"msg":"Unable to parse input string as an integer, exceeded maximum size","input":9007199254740993}]}"#
        ),
        (
            withMarket(#"{"obi_sign":false}"#),
            #"{"detail":[{"type":"int_type","loc":["body","market","obi_sign"],"msg":"Input should be a valid integer","input":false}]}"#
        ),
        (
            withMarket(#"{"sprt_samples":[1,"x",2,null]}"#),
            #"{"detail":[{"type":"float_parsing","loc":["body","market","sprt_samples",1],"msg":"Input should be a valid number, unable to parse string as a number","input":"x"},{"type":"float_type","loc":["body","market","sprt_samples",3],"msg":"Input should be a valid number","input":null}]}"#
        ),
        (
            withMarket(#"{"trap_add_deltas":{"a":1}}"#),
            #"{"detail":[{"type":"list_type","loc":["body","market","trap_add_deltas"],"msg":"Input should be a valid list","input":{"a":1}}]}"#
        ),
        (
            withMarket(#"{"dq":{"stale_book":"x"},"mid":-1}"#),
            #"{"detail":[{"type":"bool_parsing","loc":["body","market","dq","stale_book"],"msg":"Input should be a valid boolean, unable to interpret input","input":"x"},{"type":"greater_than","loc":["body","market","mid"],"msg":"Input should be greater than 0","input":-1,"ctx":{"gt":0}}]}"#
        ),
        (
            withMarket(#"{"dq":[]}"#),
            #"{"detail":[{"type":"model_attributes_type","loc":["body","market","dq"],"msg":"Input should be a valid dictionary or object to extract fields from","input":[]}]}"#
        ),
        (
            #"{"account":null,"market":{}}"#,
            #"{"detail":[{"type":"model_attributes_type","loc":["body","account"],"msg":"Input should be a valid dictionary or object to extract fields from","input":null},{"type":"missing","loc":["body","order"],"msg":"Field required","input":{"account":null,"market":{}}}]}"#
        ),
        (
            #"{"account":{},"order":{},"market":{},"ts":-5,"req_id":7,"risk_tags":"a","fees_bps":"x"}"#,
            #"{"detail":[{"type":"greater_than_equal","loc":["body","ts"],"msg":"Input should be greater than or equal to 0","input":-5,"ctx":{"ge":0}},{"type":"string_type","loc":["body","req_id"],"msg":"Input should be a valid string","input":7},{"type":"list_type","loc":["body","risk_tags"],"msg":"Input should be a valid list","input":"a"},{"type":"float_parsing","loc":["body","fees_bps"],"msg":"Input should be a valid number, unable to parse string as a number","input":"x"}]}"#
        ),
        (
            "[1]",
            #"{"detail":[{"type":"model_attributes_type","loc":["body"],"msg":"Input should be a valid dictionary or object to extract fields from","input":[1]}]}"#
        ),
        ("", #"{"detail":[{"type":"missing","loc":["body"],"msg":"Field required","input":null}]}"#),
        (
            #"{"account":{},}"#,
            #"{"detail":[{"type":"json_invalid","loc":["body",14],"msg":"JSON decode error","input":{},"ctx":{"error":"trailing comma in object"}}]}"#
        ),
        (
            #"{"a":NaN}"#,
            #"{"detail":[{"type":"json_invalid","loc":["body",5],"msg":"JSON decode error","input":{},"ctx":{"error":"unexpected character 'N'; expected a JSON value"}}]}"#
        ),
    ]

    @Test(arguments: badBodies)
    func eachBadFieldGivesItsExactDetailItem(_ body: String, _ expected: String) {
        #expect(detail(body) == expected)
    }

    @Test func tooManyRiskTagsIsTooLong() throws {
        let tags = "[" + Array(repeating: "\"t\"", count: 1001).joined(separator: ",") + "]"
        let body = #"{"account":{},"order":{},"market":{},"risk_tags":"# + tags + "}"
        let errors = try #require(PretradeRequest.decode(Array(body.utf8)).failureValue)
        let item = try #require(errors.items.first)
        #expect(errors.count == 1)
        #expect(item.type == "too_long")
        #expect(item.msg == "List should have at most 1000 items after validation, not 1001")
        #expect(item.ctx == ["field_type": "List", "max_length": 1000, "actual_length": 1001])
    }

    @Test func aBadInvalidUTF8BodyIsJSONInvalid() {
        let body: [UInt8] = Array(#"{"a":""#.utf8) + [0xC0, 0xAF] + Array(#""}"#.utf8)
        let errors = PretradeRequest.decode(body).failureValue
        #expect(errors?.items.first?.loc == ["body", 6])
        #expect(errors?.items.first?.ctx == ["error": "invalid UTF-8"])
    }

    @Test func decodesEveryFieldWithLaxCoercions() throws {
        let body = #"""
            {"ts":"1767605399998","req_id":"rq-1","risk_tags":["a","b"],"fees_bps":"1.5","extra":{"ignored":true},
             "account":{"mode":" TestNet ","account_id":"acc","subaccount":"sub","x":1},
             "order":{"symbol":"btc/usdt","side":" Long","qty":"0.5","price":100000,"base_notional":1000,
                      "notional":"999","type":"LIMIT","reduce_only":"yes","client_order_id":"ws-1"},
             "market":{"latency_ms":1,"spread_bps":-2.5,"score":"0.9","a_bps":0,"b_bps":10.0,"slip_bps_est":0.5,
                       "mode_regime":"trend","trap_cancel_deltas":[1,"2",3.5],"trap_add_deltas":[],"trap_trades_cnt":3.0,
                       "obi_sign":-7,"tfi_sign":"1","sprt_samples":[0.1],"pnl_today_pct":-1.2,"open_positions":1,
                       "dq":{"stale_book":1,"crossed_book":"off"},"quote_ts_ms":3e0,"mid":100000.5,"best_bid":1,
                       "best_ask":2,"vol_std_bps":0,"symbol":"ETHUSDT"}}
            """#
        let request = try PretradeRequest.decode(Array(body.utf8)).get()
        #expect(request.ts == 1_767_605_399_998)
        #expect(request.reqID == "rq-1")
        #expect(request.riskTags == ["a", "b"])
        #expect(request.feesBps == 1.5)
        #expect(request.account.normalizedMode == "testnet")
        #expect(request.account.accountID == "acc")
        #expect(request.order.side == " Long")
        #expect(request.order.canonicalSide == .buy)
        #expect(request.order.qty == 0.5)
        #expect(request.order.price == 100_000)
        #expect(request.order.notional == 999)
        #expect(request.order.reduceOnly == true)
        #expect(request.market.trapCancelDeltas == [1, 2, 3.5])
        #expect(request.market.trapAddDeltas == [])
        #expect(request.market.trapTradesCnt == 3)
        #expect(request.market.obiSignum == -1)
        #expect(request.market.tfiSign == 1)
        #expect(request.market.dq == PretradeRequest.DataQuality(staleBook: true, crossedBook: false))
        #expect(request.market.quoteTsMs == 3)
        #expect(request.market.symbol == "ETHUSDT")
        #expect(request.raw["extra"] == ["ignored": true])
        let input = request.validatedInput.serializedString
        #expect(
            input
                == #"{"account":{"mode":" TestNet ","account_id":"acc","subaccount":"sub"},"order":{"symbol":"btc/usdt","side":" Long","qty":0.5,"price":100000.0,"base_notional":1000.0,"notional":999.0,"type":"LIMIT","reduce_only":true,"client_order_id":"ws-1"},"market":{"latency_ms":1.0,"spread_bps":-2.5,"score":0.9,"a_bps":0.0,"b_bps":10.0,"slip_bps_est":0.5,"mode_regime":"trend","trap_cancel_deltas":[1.0,2.0,3.5],"trap_add_deltas":[],"trap_trades_cnt":3,"obi_sign":-7,"tfi_sign":1,"sprt_samples":[0.1],"pnl_today_pct":-1.2,"open_positions":1,"dq":{"stale_book":true,"crossed_book":false},"quote_ts_ms":3,"mid":100000.5,"best_bid":1.0,"best_ask":2.0,"vol_std_bps":0.0,"symbol":"ETHUSDT"},"ts":1767605399998,"req_id":"rq-1","risk_tags":["a","b"],"fees_bps":1.5}"#
        )
        #expect(try PretradeRequest.decode(request.validatedInput).get().validatedInput == request.validatedInput)
    }

    @Test func nullOptionalFieldsAreAbsent() throws {
        let body = #"{"account":{"mode":null},"order":{"qty":null,"price":null},"market":{"latency_ms":null,"dq":null},"fees_bps":null}"#
        let request = try PretradeRequest.decode(Array(body.utf8)).get()
        #expect(request.account.mode == nil)
        #expect(request.order.qty == nil)
        #expect(request.market.latencyMs == nil)
        #expect(request.market.dq == nil)
        #expect(request.effectiveFeesBps == 0)
        #expect(request.validatedInput.serializedString == #"{"account":{},"order":{},"market":{}}"#)
    }

    @Test func theValidExampleDecodes() throws {
        let request = try PretradeRequest.decode(Array(Self.valid.utf8)).get()
        #expect(request.order.symbol == "BTCUSDT")
    }

    @Test(arguments: [(nil, PretradeRequest.Explain.none), ("none", .none), ("full", .full)] as [(String?, PretradeRequest.Explain)])
    func explainAcceptsNoneAndFull(_ value: String?, _ expected: PretradeRequest.Explain) throws {
        #expect(try PretradeRequest.Explain.parse(value).get() == expected)
    }

    @Test func explainRejectsAnythingElse() throws {
        let errors = try #require(PretradeRequest.Explain.parse("FULL").failureValue)
        #expect(
            String(decoding: errors.bodyBytes(), as: UTF8.self)
                == #"{"detail":[{"type":"literal_error","loc":["query","explain"],"msg":"Input should be 'none' or 'full'","input":"FULL","ctx":{"expected":"'none' or 'full'"}}]}"#
        )
    }
}

extension Result {
    var failureValue: Failure? {
        if case .failure(let failure) = self { return failure }
        return nil
    }
}
