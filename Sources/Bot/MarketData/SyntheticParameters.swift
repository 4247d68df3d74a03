/// `market_data.synthetic.*` (bot.md §3.3).
public struct SyntheticParameters: Sendable, Hashable {
    public var seed: UInt64 = 1
    public var startPrice = 60000.0
    public var tickSize = 0.1
    public var lotSize = 0.001
    public var stepMs: Int64 = 100
    public var levels = 20
    public var volBps = 1.0
    public var driftBps = 0.0
    public var levelQtyMean = 1.0
    public var refreshProb = 0.3
    public var tradesPerStep = 2.0
    public var tradeQtyMean = 0.05
    public var wideSpreadProb = 0.01
    public var wideSpreadTicks = 20
    public var spoofProb = 0.005
    public var spoofQtyMult = 20.0
    public var spoofSteps = 3
    public var startTsMs: Int64 = 1_700_000_000_000
    public var dataAgeMs = 0.0

    public init() {}
}

/// A tick or lot size that is an integer or 1/N: counts render exactly (`600001` ticks of 0.1 → `60000.1`).
struct Quantum: Sendable, Hashable {
    let size: Double
    /// N when the size is 1/N, nil when it is an integer.
    let denominator: Double?

    /// nil unless `size` is a positive integer or 1/N for an integer N.
    init?(_ size: Double) {
        guard size > 0, size.isFinite else { return nil }
        self.size = size
        if size >= 1 {
            guard size.rounded() == size else { return nil }
            denominator = nil
        } else {
            let n = (1 / size).rounded()
            guard abs(1 / n - size) <= size * 1e-12 else { return nil }
            denominator = n
        }
    }

    func value(_ count: Int64) -> Double {
        if let denominator { return Double(count) / denominator }
        return Double(count) * size
    }
}
