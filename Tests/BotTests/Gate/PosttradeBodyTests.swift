import Testing
import Wire

@testable import Bot

@Suite struct PosttradeBodyTests {
    static func body(
        _ ticket: OrderTicket, _ outcome: OrderOutcome, reason: String = "entry", side: PositionSide = .long,
        after: Double, exchange: String = "paper", dryRun: Bool = false, close: PosttradeBody.Close? = nil
    ) -> String {
        let body = PosttradeBody(
            ts: 1_700_000_061_000, reqID: "rq-20250101-120000-000042", decisionID: "20250101-110000-42",
            ticket: ticket, positionSide: side, outcome: outcome, reason: reason, positionQtyAfter: after,
            exchange: exchange, venue: "futures", testnet: true, dryRun: dryRun, spreadBps: 0.016667, close: close)
        return String(decoding: body.encoded(), as: UTF8.self)
    }

    static let limitBuy = OrderTicket(
        symbol: "BTCUSDT", side: .buy, type: .limit, qty: 0.002, price: 60000.0, reduceOnly: false,
        cid: "ws-20250101120000123-000042")

    @Test func aPartialIsReportedOnceAsCanceledWithItsFill() {
        let outcome = OrderOutcome(
            status: .canceled, filled: 0.001, avgPrice: 60000.0, feesUsdt: 0.012, oid: "paper-17")
        #expect(
            Self.body(Self.limitBuy, outcome, after: 0.001)
                == #"{"ts":1700000061000,"req_id":"rq-20250101-120000-000042","decision_id":"20250101-110000-42","cid":"ws-20250101120000123-000042","oid":"paper-17","symbol":"BTCUSDT","side":"buy","position_side":"long","order_type":"LIMIT","qty":0.002,"price":60000.0,"status":"CANCELED","filled":0.001,"avg_price":60000.0,"fees_usdt":0.012,"reduce_only":false,"action":"open","reason":"entry","position_qty_after":0.001,"exchange":"paper","venue":"futures","testnet":true,"dry_run":false,"latency_ms":0.0,"spread_bps":0.016667}"#
        )
    }

    @Test func aFillCarriesItsAveragePrice() {
        let outcome = OrderOutcome(status: .filled, filled: 0.002, avgPrice: 60000.0, feesUsdt: 0.024, oid: "paper-1")
        #expect(
            Self.body(Self.limitBuy, outcome, after: 0.002)
                == #"{"ts":1700000061000,"req_id":"rq-20250101-120000-000042","decision_id":"20250101-110000-42","cid":"ws-20250101120000123-000042","oid":"paper-1","symbol":"BTCUSDT","side":"buy","position_side":"long","order_type":"LIMIT","qty":0.002,"price":60000.0,"status":"FILLED","filled":0.002,"avg_price":60000.0,"fees_usdt":0.024,"reduce_only":false,"action":"open","reason":"entry","position_qty_after":0.002,"exchange":"paper","venue":"futures","testnet":true,"dry_run":false,"latency_ms":0.0,"spread_bps":0.016667}"#
        )
    }

    @Test func aRejectCarriesTheErrorAndNoPriceOrOid() {
        let ticket = OrderTicket(
            symbol: "BTCUSDT", side: .sell, type: .market, qty: 0.001, reduceOnly: false, cid: "ws-1")
        let outcome = OrderOutcome.rejected("-2019", "Margin is insufficient.", latencyMs: 38.2)
        #expect(
            Self.body(ticket, outcome, side: .short, after: 0, exchange: "binance")
                == #"{"ts":1700000061000,"req_id":"rq-20250101-120000-000042","decision_id":"20250101-110000-42","cid":"ws-1","symbol":"BTCUSDT","side":"sell","position_side":"short","order_type":"MARKET","qty":0.001,"status":"REJECTED","filled":0.0,"fees_usdt":0.0,"reduce_only":false,"action":"open","reason":"entry","position_qty_after":0.0,"exchange":"binance","venue":"futures","testnet":true,"dry_run":false,"latency_ms":38.2,"spread_bps":0.016667,"error_code":"-2019","error_msg":"Margin is insufficient."}"#
        )
    }

    @Test func aCloseCarriesPricesAndPnl() {
        let ticket = OrderTicket(
            symbol: "BTCUSDT", side: .sell, type: .market, qty: 0.001, reduceOnly: true, cid: "ws-2")
        let outcome = OrderOutcome(
            status: .filled, filled: 0.001, avgPrice: 60019.5, feesUsdt: 0.03001, oid: "4083942231",
            latencyMs: 41.7)
        let close = PosttradeBody.Close(priceOpen: 60000.0, priceClose: 60019.5, pnlUsdt: -0.02251)
        #expect(
            Self.body(ticket, outcome, reason: "tp", after: 0, exchange: "binance", close: close)
                == #"{"ts":1700000061000,"req_id":"rq-20250101-120000-000042","decision_id":"20250101-110000-42","cid":"ws-2","oid":"4083942231","symbol":"BTCUSDT","side":"sell","position_side":"long","order_type":"MARKET","qty":0.001,"price":60019.5,"status":"FILLED","filled":0.001,"avg_price":60019.5,"fees_usdt":0.03001,"reduce_only":true,"action":"close","reason":"tp","position_qty_after":0.0,"exchange":"binance","venue":"futures","testnet":true,"dry_run":false,"latency_ms":41.7,"spread_bps":0.016667,"price_open":60000.0,"price_close":60019.5,"pnl_usdt":-0.02251}"#
        )
    }
}
