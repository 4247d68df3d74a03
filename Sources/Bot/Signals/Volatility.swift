/// Volatility and regime from the recent mids (bot.md §4).
enum Volatility {
    /// Population standard deviation of the log returns between `mids`, · 1e4; nil with fewer than 3 mids.
    static func stdBps(_ mids: [Double]) -> Double? {
        guard mids.count >= 3 else { return nil }
        let returns = zip(mids.dropFirst(), mids).map { Math.log($0 / $1) }
        return populationStd(returns) * 1e4
    }

    /// Dispersion: population standard deviation of `mids` / `current` · 1e4; nil with fewer than 2 mids.
    static func dispersionBps(_ mids: [Double], current: Double) -> Double? {
        guard mids.count >= 2, current > 0 else { return nil }
        return populationStd(mids) / current * 1e4
    }

    static func populationStd(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return 0 }
        let mean = values.reduce(0, +) / Double(values.count)
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count)
        return variance.squareRoot()
    }
}

/// An exponential moving average with α = 2/(n+1), seeded with its first sample.
struct EMA: Sendable, Hashable {
    let alpha: Double
    private(set) var value: Double?

    init(span: Int) { alpha = 2 / Double(span + 1) }

    mutating func add(_ x: Double) {
        value = value.map { $0 + alpha * (x - $0) } ?? x
    }
}
