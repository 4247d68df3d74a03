import Synchronization

/// The labelled counters and histograms one thread updates (architecture.md §8: per-loop shards, summed at scrape).
/// Only its own loop writes a shard, so its lock is uncontended but for the scrape.
final class MetricShard: Sendable {
    struct RuleLabels: Hashable, Sendable {
        var rule: String
        var type: String
    }

    struct LabelledRule: Hashable, Sendable {
        var rule: RuleLabels
        /// The verdict, `on_error` or `on_missing` value.
        var value: String
    }

    struct HTTPLabels: Hashable, Sendable {
        var route: String
        var code: Int
    }

    struct Data: Sendable {
        var verdicts: [LabelledRule: UInt64] = [:]
        var ruleErrors: [LabelledRule: UInt64] = [:]
        var missingInputs: [LabelledRule: UInt64] = [:]
        var ruleDurations: [RuleLabels: Histogram] = [:]
        var httpRequests: [HTTPLabels: UInt64] = [:]
        var httpDurations: [String: Histogram] = [:]
        var eventsEmitted: [String: UInt64] = [:]
        var prediction = Histogram(bounds: Histogram.predictionBounds)

        mutating func merge(_ other: Data) {
            verdicts.merge(other.verdicts, uniquingKeysWith: +)
            ruleErrors.merge(other.ruleErrors, uniquingKeysWith: +)
            missingInputs.merge(other.missingInputs, uniquingKeysWith: +)
            ruleDurations.merge(other.ruleDurations) { var a = $0; a.merge($1); return a }
            httpRequests.merge(other.httpRequests, uniquingKeysWith: +)
            httpDurations.merge(other.httpDurations) { var a = $0; a.merge($1); return a }
            eventsEmitted.merge(other.eventsEmitted, uniquingKeysWith: +)
            prediction.merge(other.prediction)
        }
    }

    private let data = Mutex(Data())

    func update(_ body: (inout Data) -> Void) { data.withLock { body(&$0) } }

    var snapshot: Data { data.withLock { $0 } }
}
