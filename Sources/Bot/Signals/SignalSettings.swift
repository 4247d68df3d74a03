/// The parameters of the signal computation (bot.md §2 `market_data.*`, `signals.*`, `dq.*`).
public struct SignalSettings: Sendable, Hashable {
    /// L: book levels for OBI and TRAP.
    public var levels = 5
    public var tradeWindowMs: Int64 = 5000
    public var wObi = 0.6
    public var wTfi = 0.4
    public var volWindow = 60
    public var trapWindowMs: Int64 = 2000
    public var volFloorBps = 2.0
    public var volCapBps = 150.0
    public var sprtWindow = 10
    public var emaFast = 15
    public var emaSlow = 60
    public var tpMult = 1.0
    public var slMult = 1.0
    public var staleAfterMs: Int64 = 2000
    public var abnormalSpreadBps = 50.0

    public init() {}
}
