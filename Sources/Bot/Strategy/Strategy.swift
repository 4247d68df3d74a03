/// The entry and exit rules of bot.md §5 as pure decisions over a symbol's signals and position.
struct Strategy: Sendable {
    let settings: StrategySettings

    enum Entry: Equatable {
        case buy, sell
        case skip(String)
    }

    /// Step 5, the signal part: `warmup`, then the score against `entry_score`.
    func entry(score: Double, updates: Int) -> Entry {
        if updates < settings.warmupTicks { return .skip("warmup") }
        if score >= settings.entryScore { return .buy }
        if score <= -settings.entryScore { return .sell }
        return .skip("no_signal")
    }

    /// Step 4: the first exit that fires for `position` at `mid` and `score`, with the reversal counter updated.
    func exit(position: Position, mid: Double, score: Double, nowMs: Int64, reversalCount: inout Int) -> String? {
        let long = position.qty > 0
        let oriented = long ? score : -score
        reversalCount = oriented <= -settings.entryScore ? reversalCount + 1 : 0
        let entry = position.entryPrice
        if long ? mid >= entry * (1 + position.bBps / 1e4) : mid <= entry * (1 - position.bBps / 1e4) { return "tp" }
        if long ? mid <= entry * (1 - position.aBps / 1e4) : mid >= entry * (1 + position.aBps / 1e4) { return "sl" }
        if nowMs - position.openedAtMs >= settings.timeStopMs { return "time_stop" }
        if reversalCount >= settings.reversalTicks { return "reversal" }
        if abs(score) < settings.exitScore { return "signal_exit" }
        return nil
    }
}
