/// A stream of market updates (bot.md §3).
///
/// Contract: `next()` blocks until the next update is available (a polling source sleeps to its next period; replay
/// and synthetic sources return at once, the run loop paces them) and returns nil when the data has ended. It runs
/// on the bot's one thread. Errors that lose an update for one period are counted in `errorCount`, never thrown.
public protocol MarketDataSource: AnyObject {
    func next() -> MarketUpdate?
    /// Updates lost to timeouts, 5xx or malformed answers (`md_errors`).
    var errorCount: Int { get }
    /// True when the source runs on a virtual clock (replay, synthetic): the bot clock is the update's `ts_ms`.
    var isVirtualClock: Bool { get }
}
