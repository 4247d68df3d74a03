/// What the run loop keeps per symbol between updates.
struct SymbolState {
    /// An order on the exchange and what its report needs.
    struct Working {
        var order: OpenOrder
        var reqID: String
        var decisionID: String?
        var reason: String
        var positionSide: PositionSide
        var spreadBps: Double
        /// Fill already applied to the position.
        var applied: Double = 0
        var appliedNotional: Double = 0
        var appliedFees: Double = 0
        /// Realised pnl of this order's closing fills.
        var pnl: Double = 0
        var entryPriceAtStart: Double
        /// The exit thresholds an entry fixes on the position.
        var aBps: Double
        var bBps: Double
    }

    var engine: SignalEngine
    var position = Position()
    var working: Working?
    var lastUpdate: MarketUpdate?
    var lastSignals: Signals?
    /// Once an exit fired, the reason it keeps closing with until flat.
    var exitReason: String?
    var reversalCount = 0
    var entriesPausedUntilMs: Int64 = .min
    var entryTimes: [Int64] = []
}
