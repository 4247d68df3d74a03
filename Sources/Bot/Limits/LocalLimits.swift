/// The bot's own limits, checked before the gate call (bot.md §10); exits are never limited locally.
struct LocalLimits: Sendable, Hashable {
    var tradesPerMinute: Int
    var maxSymbolExposureUsdt: Double

    /// `rate_limit`, `exposure_cap` or nil. `entryTimes` are the bot times of the symbol's entry orders.
    func skip(entryTimes: [Int64], nowMs: Int64, position: Double, entryQty: Double, mid: Double) -> String? {
        if entryTimes.count(where: { $0 > nowMs - 60_000 }) >= tradesPerMinute { return "rate_limit" }
        if (abs(position) + entryQty) * mid > maxSymbolExposureUsdt { return "exposure_cap" }
        return nil
    }
}
