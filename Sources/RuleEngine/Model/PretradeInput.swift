public import Codec

/// Every request field a gate may read, typed and optional: a field is absent when the key was missing or `null`.
/// The wire layer has already checked types and wire ranges (http-api.md §4.1); no rule sees JSON.
public struct PretradeInput: Sendable {
    public struct Account: Sendable {
        public var mode: String?
        public var accountId: String?
        public var subaccount: String?
        public init(mode: String? = nil, accountId: String? = nil, subaccount: String? = nil) {
            self.mode = mode
            self.accountId = accountId
            self.subaccount = subaccount
        }
    }

    public struct Order: Sendable {
        public var symbol: String?
        public var side: String?
        public var qty: Double?
        public var price: Double?
        public var baseNotional: Double?
        public var notional: Double?
        public var type: String?
        public var reduceOnly: Bool?
        public var clientOrderId: String?
        public init() {}
    }

    public struct DataQuality: Sendable, Hashable {
        public var staleBook: Bool
        public var crossedBook: Bool
        public var abnormalSpread: Bool
        public init(staleBook: Bool = false, crossedBook: Bool = false, abnormalSpread: Bool = false) {
            self.staleBook = staleBook
            self.crossedBook = crossedBook
            self.abnormalSpread = abnormalSpread
        }
    }

    public struct Market: Sendable {
        public var latencyMs: Double?
        public var spreadBps: Double?
        public var score: Double?
        public var aBps: Double?
        public var bBps: Double?
        public var slipBpsEst: Double?
        public var modeRegime: String?
        public var trapCancelDeltas: [Double]?
        public var trapAddDeltas: [Double]?
        public var trapTradesCnt: Int64?
        public var obiSign: Int64?
        public var tfiSign: Int64?
        public var sprtSamples: [Double]?
        public var pnlTodayPct: Double?
        public var openPositions: Int64?
        public var dq: DataQuality?
        public var quoteTsMs: Int64?
        public var mid: Double?
        public var bestBid: Double?
        public var bestAsk: Double?
        public var volStdBps: Double?
        public var symbol: String?
        public init() {}
    }

    public var account = Account()
    public var order = Order()
    public var market = Market()
    public var feesBps: Double?
    public var ts: Int64?
    public var reqId: String?

    public init() {}
}

extension PretradeInput {
    /// The value at a request path (`market.latency_ms`), for explain output; nil when absent.
    public func value(at path: String) -> JSONValue? {
        func d(_ v: Double?) -> JSONValue? { v.map { .double($0) } }
        func i(_ v: Int64?) -> JSONValue? { v.map { .int($0) } }
        func s(_ v: String?) -> JSONValue? { v.map { .string($0) } }
        func list(_ v: [Double]?) -> JSONValue? { v.map { .array($0.map { .double($0) }) } }
        switch path {
        case "account.mode": return s(account.mode)
        case "account.account_id": return s(account.accountId)
        case "account.subaccount": return s(account.subaccount)
        case "order.symbol": return s(order.symbol)
        case "order.side": return s(order.side)
        case "order.qty": return d(order.qty)
        case "order.price": return d(order.price)
        case "order.base_notional": return d(order.baseNotional)
        case "order.notional": return d(order.notional)
        case "order.type": return s(order.type)
        case "order.reduce_only": return order.reduceOnly.map { .bool($0) }
        case "order.client_order_id": return s(order.clientOrderId)
        case "market.latency_ms": return d(market.latencyMs)
        case "market.spread_bps": return d(market.spreadBps)
        case "market.score": return d(market.score)
        case "market.a_bps": return d(market.aBps)
        case "market.b_bps": return d(market.bBps)
        case "market.slip_bps_est": return d(market.slipBpsEst)
        case "market.mode_regime": return s(market.modeRegime)
        case "market.trap_cancel_deltas": return list(market.trapCancelDeltas)
        case "market.trap_add_deltas": return list(market.trapAddDeltas)
        case "market.trap_trades_cnt": return i(market.trapTradesCnt)
        case "market.obi_sign": return i(market.obiSign)
        case "market.tfi_sign": return i(market.tfiSign)
        case "market.sprt_samples": return list(market.sprtSamples)
        case "market.pnl_today_pct": return d(market.pnlTodayPct)
        case "market.open_positions": return i(market.openPositions)
        case "market.quote_ts_ms": return i(market.quoteTsMs)
        case "market.mid": return d(market.mid)
        case "market.best_bid": return d(market.bestBid)
        case "market.best_ask": return d(market.bestAsk)
        case "market.vol_std_bps": return d(market.volStdBps)
        case "market.symbol": return s(market.symbol)
        case "market.dq":
            return market.dq.map {
                .object(JSONObject([("stale_book", .bool($0.staleBook)), ("crossed_book", .bool($0.crossedBook)),
                                    ("abnormal_spread", .bool($0.abnormalSpread))]))
            }
        case "fees_bps": return d(feesBps)
        case "ts": return i(ts)
        case "req_id": return s(reqId)
        default: return nil
        }
    }
}
