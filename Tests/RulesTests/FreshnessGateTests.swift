import AuroraTesting
import Codec
import RuleEngine
import Rules
import Testing

/// gates.md §13 boundary table F1–F7 (`max_age_ms` 500, `max_skew_ms` 1000, `now_ms` = T) and the param ranges.
@Suite struct FreshnessGateTests {
    let registry = RuleRegistry.standard()
    static let t: Int64 = 1_735_689_600_000

    func decide(quote: Int64?, ts: Int64? = nil, extra: String = "") throws -> Decision {
        let set = try InlineRuleSet.load(
            InlineRuleSet.single("freshness", params: "{max_age_ms: 500, max_skew_ms: 1000}", extra: extra),
            registry: registry)
        return set.evaluate(.fixture(now: Self.t) {
            $0.market.quoteTsMs = quote.map { Self.t + $0 }
            $0.ts = ts.map { Self.t + $0 }
        })
    }

    @Test("F1/F3: a quote exactly max_age old, or exactly max_skew in the future, passes",
          arguments: [(-500 as Int64, 500.0), (1000, -1000.0)])
    func passes(offset: Int64, age: Double) throws {
        let d = try decide(quote: offset)
        #expect(d.allow)
        #expect(d.trace.steps[0].measured == age)
        #expect(d.trace.steps[0].threshold == 500)
        #expect(d.trace.steps[0].details == JSONObject([("age_ms", .int(Int64(age))), ("skew_ms", .null)]))
    }

    @Test("F2/F4/F5: stale quote, quote from the future, skewed request", arguments: [
        (-501 as Int64, nil as Int64?, "quote_stale", "quote_stale:501>500", 501.0, 500.0),
        (1001, nil, "clock_skew", "clock_skew:1001>1000", -1001.0, 500.0),
        (0, -1001, "clock_skew", "clock_skew:1001>1000", 1001.0, 1000.0),
        (0, 1001, "clock_skew", "clock_skew:1001>1000", 1001.0, 1000.0),
    ])
    func denies(quote: Int64, ts: Int64?, code: String, entry: String, measured: Double, threshold: Double) throws {
        let d = try decide(quote: quote, ts: ts)
        #expect(!d.allow)
        #expect(d.reason.rawValue == code)
        #expect(d.reasons == [entry])
        #expect(!d.hard)
        #expect(d.cooldownMs == 0)
        #expect(d.trace.steps[0].measured == measured)
        #expect(d.trace.steps[0].threshold == threshold)
    }

    @Test("a skew of exactly max_skew_ms passes and is reported") func skewAtLimit() throws {
        let d = try decide(quote: 0, ts: -1000)
        #expect(d.allow)
        #expect(d.trace.steps[0].details == JSONObject([("age_ms", .int(0)), ("skew_ms", .int(-1000))]))
    }

    @Test("F6: an absent quote_ts_ms is a hard missing_input deny, or a skip") func missing() throws {
        let d = try decide(quote: nil)
        #expect(!d.allow)
        #expect(d.reason.rawValue == "missing_input:market.quote_ts_ms")
        #expect(d.hard)
        let skipped = try decide(quote: nil, extra: "on_missing: skip")
        #expect(skipped.allow)
        #expect(skipped.diagnostics == ["missing_input:market.quote_ts_ms"])
    }

    @Test("F7: a skewed ts decides before the quote is required") func skewFirst() throws {
        let d = try decide(quote: nil, ts: -1001)
        #expect(!d.allow)
        #expect(d.reason.rawValue == "clock_skew")
        #expect(d.reasons == ["clock_skew:1001>1000"])
    }

    @Test("shadow (as shipped) never blocks") func shadow() throws {
        let d = try decide(quote: -501, extra: "mode: shadow\non_missing: skip")
        #expect(d.allow)
        #expect(d.reasons == ["shadow:quote_stale:501>500"])
    }

    @Test("params outside their ranges are refused at load", arguments: [
        ("{max_age_ms: 0}", "'max_age_ms' must be ≥ 1 and ≤ 600000, got 0"),
        ("{max_age_ms: 600001}", "'max_age_ms' must be ≥ 1 and ≤ 600000, got 600001"),
        ("{max_skew_ms: -1}", "'max_skew_ms' must be ≥ 0 and ≤ 600000, got -1"),
        ("{max_skew_ms: 600001}", "'max_skew_ms' must be ≥ 0 and ≤ 600000, got 600001"),
    ])
    func ranges(params: String, message: String) {
        let text = InlineRuleSet.diagnostics(InlineRuleSet.single("freshness", params: params), registry: registry)
        #expect(text.contains("error: \(message) [out-of-range]"))
    }

    @Test("max_age_ms is an integer") func integerOnly() {
        let text = InlineRuleSet.diagnostics(InlineRuleSet.single("freshness", params: "{max_age_ms: 1.5}"),
                                             registry: registry)
        #expect(text.contains("error: 'max_age_ms' must be an integer, got"))
    }
}
