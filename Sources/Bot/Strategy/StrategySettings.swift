/// `strategy.*` (bot.md §2, §5).
public struct StrategySettings: Sendable, Hashable {
    public var entryScore = 0.35
    public var exitScore = 0.05
    public var timeStopMs: Int64 = 90_000
    public var reversalTicks = 2
    public var warmupTicks = 30
    public var closeOnExit = true

    public init() {}
}
