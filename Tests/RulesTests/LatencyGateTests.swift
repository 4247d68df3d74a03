import AuroraTesting
import RuleEngine
import Rules
import Testing

/// gates.md §3 boundary table L1–L5, and the load-time range of `max_ms`.
@Suite struct LatencyGateTests {
    let registry = RuleRegistry.standard()

    func decide(_ latency: Double?, extra: String = "") throws -> Decision {
        let set = try InlineRuleSet.load(InlineRuleSet.single("latency", params: "{max_ms: 30}", extra: extra),
                                         registry: registry)
        return set.evaluate(.fixture { $0.market.latencyMs = latency })
    }

    @Test("L1: equal to the limit passes") func atLimit() throws {
        let d = try decide(30.0)
        #expect(d.allow)
        #expect(d.trace.steps[0].verdict == .pass)
        #expect(d.trace.steps[0].measured == 30 && d.trace.steps[0].threshold == 30)
    }

    @Test("L2/L3: above the limit denies; the text rounds, the comparison does not",
          arguments: [(31.0, "latency_guard_exceeded:31.0>30.0"), (30.04, "latency_guard_exceeded:30.0>30.0")])
    func above(latency: Double, entry: String) throws {
        let d = try decide(latency)
        #expect(!d.allow)
        #expect(d.reason.rawValue == "latency_guard")
        #expect(d.reasons == [entry])
        #expect(!d.hard)
        #expect(d.cooldownMs == 0)
        #expect(d.events.map(\.event.code) == ["RULE.DENY", "HEALTH.LATENCY_HIGH"])
    }

    @Test("L4: absent latency under on_missing deny is a hard missing_input deny") func missingDenies() throws {
        let d = try decide(nil)
        #expect(!d.allow)
        #expect(d.reason.rawValue == "missing_input:market.latency_ms")
        #expect(d.reasons == ["missing_input:market.latency_ms"])
        #expect(d.hard)
        #expect(!d.events.contains { $0.event.code == "HEALTH.LATENCY_HIGH" })
    }

    @Test("L5: absent latency under on_missing skip is a skip with a diagnostic") func missingSkips() throws {
        let d = try decide(nil, extra: "on_missing: skip")
        #expect(d.allow)
        #expect(d.trace.steps[0].verdict == .skip)
        #expect(d.diagnostics == ["missing_input:market.latency_ms"])
    }

    @Test("max_ms outside 0 < x ≤ 600000 is refused at load", arguments: ["0", "-1", "600001"])
    func rangeChecked(value: String) {
        let text = InlineRuleSet.diagnostics(InlineRuleSet.single("latency", params: "{max_ms: \(value)}"), registry: registry)
        #expect(text.contains("error: 'max_ms' must be > 0 and ≤ 600000, got \(value) [out-of-range]"))
    }
}
