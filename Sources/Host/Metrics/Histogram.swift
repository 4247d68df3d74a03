/// A Prometheus histogram's state: one count per bucket (not cumulative; the last is `+Inf`), the sum and the
/// count. Shards keep one each; a scrape merges them.
public struct Histogram: Sendable, Hashable {
    public let bounds: [Double]
    public private(set) var buckets: [UInt64]
    public private(set) var sum: Double = 0
    public private(set) var count: UInt64 = 0

    public init(bounds: [Double]) {
        self.bounds = bounds
        buckets = Array(repeating: 0, count: bounds.count + 1)
    }

    public mutating func observe(_ value: Double) {
        var index = bounds.count
        for (i, bound) in bounds.enumerated() where value <= bound {
            index = i
            break
        }
        buckets[index] += 1
        sum += value
        count += 1
    }

    public mutating func merge(_ other: Histogram) {
        for i in buckets.indices { buckets[i] += other.buckets[i] }
        sum += other.sum
        count += other.count
    }

    /// Cumulative counts for each bound, then `+Inf`.
    public var cumulative: [UInt64] {
        var running: UInt64 = 0
        return buckets.map { running += $0; return running }
    }

    /// observability.md §8.3.
    public static let ruleDurationBounds: [Double] = [1e-07, 2.5e-07, 5e-07, 1e-06, 2.5e-06, 5e-06, 1e-05, 2.5e-05,
                                                      5e-05, 0.0001, 0.001]
    public static let httpDurationBounds: [Double] = [5e-06, 1e-05, 2.5e-05, 5e-05, 0.0001, 0.00025, 0.0005, 0.001,
                                                      0.0025, 0.005, 0.01, 0.025, 0.1, 1.0]
    public static let predictionBounds: [Double] = [1e-06, 5e-06, 1e-05, 5e-05, 0.0001, 0.0005, 0.001, 0.01, 0.1]
}
