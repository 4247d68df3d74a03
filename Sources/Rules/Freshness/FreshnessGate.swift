import Codec
import RuleEngine

/// `freshness` (gates.md §13): deny when the quote the order is based on is too old, or when the client's clock
/// disagrees with the server's by more than a tolerance. The first failing step decides.
struct FreshnessGate: Rule {
    struct Config: Sendable {
        var maxAgeMs: Int64
        var maxSkewMs: Int64
    }

    let config: Config

    func evaluate(_ context: RuleContext) throws(RuleError) -> Verdict {
        let now = context.now.ms
        var skew: Int64?
        if let ts = context.input.ts {
            let value = try Self.difference(ts, now)
            skew = value
            let magnitude = value.magnitude
            if magnitude > UInt64(config.maxSkewMs) {
                let details = JSONObject([("age_ms", .null), ("skew_ms", .int(value))])
                return .deny(Denial(code: "clock_skew", entries: ["clock_skew:\(magnitude)>\(config.maxSkewMs)"],
                                    hard: false,
                                    evidence: Evidence(measured: Double(magnitude), threshold: Double(config.maxSkewMs),
                                                       details: details)))
            }
        }
        guard let quoteTs = context.input.market.quoteTsMs else { return .missing(MissingInput("market.quote_ts_ms")) }
        let age = try Self.difference(now, quoteTs)
        let evidence = Evidence(measured: Double(age), threshold: Double(config.maxAgeMs), deferredDetails: { [skew] in
            JSONObject([("age_ms", .int(age)), ("skew_ms", skew.map { .int($0) } ?? .null)])
        })
        if age < -config.maxSkewMs {
            return .deny(Denial(code: "clock_skew", entries: ["clock_skew:\(age.magnitude)>\(config.maxSkewMs)"],
                                hard: false, evidence: evidence))
        }
        if age > config.maxAgeMs {
            return .deny(Denial(code: "quote_stale", entries: ["quote_stale:\(age)>\(config.maxAgeMs)"], hard: false,
                                evidence: evidence))
        }
        return .pass(evidence)
    }

    /// `a − b`, or an `internal` error when the wire values are too far apart for 64 bits.
    private static func difference(_ a: Int64, _ b: Int64) throws(RuleError) -> Int64 {
        let (value, overflow) = a.subtractingReportingOverflow(b)
        guard !overflow else { throw RuleError(.internal, "time difference \(a) − \(b) overflows 64 bits") }
        return value
    }
}
