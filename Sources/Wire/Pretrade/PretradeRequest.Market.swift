extension PretradeRequest {
    /// `market` (§4.1.3): every field optional; nil means "not measured", never 0.
    public struct Market: Sendable, Hashable {
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
        /// As sent; `obiSignum` reduces it to −1, 0 or 1.
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
        /// The symbol when `order.symbol` is absent.
        public var symbol: String?

        public init() {}

        /// `obi_sign` reduced to its sign.
        public var obiSignum: Int64? { obiSign.map { $0.signum() } }
        /// `tfi_sign` reduced to its sign.
        public var tfiSignum: Int64? { tfiSign.map { $0.signum() } }
    }
}
