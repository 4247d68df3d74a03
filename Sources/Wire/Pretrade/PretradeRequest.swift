public import Codec

/// The body of `POST /pretrade/check` (http-api.md §4.1), validated and coerced; unknown fields are ignored.
///
/// Every field is a typed optional: absent and `null` are nil. `raw` keeps the body as received.
public struct PretradeRequest: Sendable, Hashable {
    public var account: Account
    public var order: Order
    public var market: Market
    /// Client send time, epoch ms (≥ 0).
    public var ts: Int64?
    /// Client request id (≤ 256 characters).
    public var reqID: String?
    /// Logged only (≤ 1,000 strings of ≤ 256 characters).
    public var riskTags: [String]?
    /// Round-trip fees in bps; nil means `0.0` (see `effectiveFeesBps`).
    public var feesBps: Double?
    /// The body exactly as parsed, unknown fields included.
    public var raw: JSONValue

    public init(
        account: Account = .init(), order: Order = .init(), market: Market = .init(), ts: Int64? = nil,
        reqID: String? = nil, riskTags: [String]? = nil, feesBps: Double? = nil, raw: JSONValue = .object([:])
    ) {
        self.account = account
        self.order = order
        self.market = market
        self.ts = ts
        self.reqID = reqID
        self.riskTags = riskTags
        self.feesBps = feesBps
        self.raw = raw
    }

    /// `fees_bps`, `0.0` when absent.
    public var effectiveFeesBps: Double { feesBps ?? 0 }

    /// `account` (§4.1.1).
    public struct Account: Sendable, Hashable {
        /// As sent; see `normalizedMode`.
        public var mode: String?
        public var accountID: String?
        public var subaccount: String?

        public init(mode: String? = nil, accountID: String? = nil, subaccount: String? = nil) {
            self.mode = mode
            self.accountID = accountID
            self.subaccount = subaccount
        }

        /// `mode` trimmed and lower-cased; nil when absent.
        public var normalizedMode: String? { mode.map { Coercion.trimmed($0).lowercased() } }
    }

    /// `order` (§4.1.2).
    public struct Order: Sendable, Hashable {
        /// As sent (canonicalisation is the engine's, rule-files.md §2.7).
        public var symbol: String?
        /// The side word as sent (`" Long"`); `canonicalSide` is what rules read.
        public var side: String?
        public var canonicalSide: OrderSide?
        public var qty: Double?
        public var price: Double?
        public var baseNotional: Double?
        public var notional: Double?
        /// Logged as `order_type`.
        public var type: String?
        /// Absent means `false`.
        public var reduceOnly: Bool?
        /// Logged as `cid`.
        public var clientOrderID: String?

        public init(
            symbol: String? = nil, side: String? = nil, qty: Double? = nil, price: Double? = nil,
            baseNotional: Double? = nil, notional: Double? = nil, type: String? = nil, reduceOnly: Bool? = nil,
            clientOrderID: String? = nil
        ) {
            self.symbol = symbol
            self.side = side
            self.canonicalSide = side.flatMap(OrderSide.init(word:))
            self.qty = qty
            self.price = price
            self.baseNotional = baseNotional
            self.notional = notional
            self.type = type
            self.reduceOnly = reduceOnly
            self.clientOrderID = clientOrderID
        }
    }

    /// `market.dq` (§4.1.3): each flag absent = `false`.
    public struct DataQuality: Sendable, Hashable {
        public var staleBook: Bool?
        public var crossedBook: Bool?
        public var abnormalSpread: Bool?

        public init(staleBook: Bool? = nil, crossedBook: Bool? = nil, abnormalSpread: Bool? = nil) {
            self.staleBook = staleBook
            self.crossedBook = crossedBook
            self.abnormalSpread = abnormalSpread
        }
    }
}
