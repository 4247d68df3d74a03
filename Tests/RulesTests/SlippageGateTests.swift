import AuroraTesting
import Codec
import RuleEngine
import Rules
import Testing

/// gates.md §7 boundary table P1–P7 (`eta: 0.3`, `on_missing: skip` unless stated) and the range of `eta`.
@Suite struct SlippageGateTests {
    let registry = RuleRegistry.standard()

    func decide(slip: Double?, b: Double?, extra: String = "on_missing: skip", params: String = "{eta: 0.3}") throws
        -> Decision
    {
        let set = try InlineRuleSet.load(InlineRuleSet.single("slippage", params: params, extra: extra), registry: registry)
        return set.evaluate(.fixture {
            $0.market.slipBpsEst = slip
            $0.market.bBps = b
        })
    }

    @Test("P1: slippage equal to eta × b passes") func atThreshold() throws {
        let d = try decide(slip: 3.0, b: 10)
        #expect(d.allow)
        #expect(d.trace.steps[0].verdict == .pass)
        #expect(d.trace.steps[0].measured == 3.0)
        #expect(d.trace.steps[0].threshold == 0.3 * 10)
        #expect(d.trace.steps[0].details == JSONObject([("thr", .double(0.3 * 10))]))
    }

    @Test("P2: slippage above eta × b denies (soft) with both numbers to two decimals") func above() throws {
        let d = try decide(slip: 3.01, b: 10)
        #expect(!d.allow)
        #expect(d.reason.rawValue == "slippage_guard")
        #expect(d.reasons == ["slippage_guard_exceeded:3.01>3.00"])
        #expect(!d.hard)
        #expect(d.cooldownMs == 0)
        #expect(d.events.map(\.event.code) == ["RULE.DENY"])
    }

    @Test("P3/P4/P7: no positive b skips with slippage_guard_skipped_no_b, whatever slip is",
          arguments: [(5.0, 0.0), (5.0, -1.0), (nil, 0.0), (5.0, nil)] as [(Double?, Double?)])
    func noB(slip: Double?, b: Double?) throws {
        let d = try decide(slip: slip, b: b)
        #expect(d.allow)
        #expect(d.trace.steps[0].verdict == .skip)
        #expect(d.trace.steps[0].reason == "slippage_guard_skipped_no_b")
        #expect(d.diagnostics == ["slippage_guard_skipped_no_b"])
    }

    @Test("P5: no positive b under on_missing deny is a hard invalid/missing input deny",
          arguments: [(0.0, "invalid_input:market.b_bps"), (nil, "missing_input:market.b_bps")] as [(Double?, String)])
    func noBDenies(b: Double?, code: String) throws {
        let d = try decide(slip: 5, b: b, extra: "on_missing: deny")
        #expect(!d.allow)
        #expect(d.reason.rawValue == code)
        #expect(d.reasons == [code])
        #expect(d.hard)
    }

    @Test("P6: an absent slip_bps_est with a positive b follows on_missing") func missingSlip() throws {
        let skipped = try decide(slip: nil, b: 10)
        #expect(skipped.allow)
        #expect(skipped.diagnostics == ["missing_input:market.slip_bps_est"])
        let denied = try decide(slip: nil, b: 10, extra: "on_missing: deny")
        #expect(!denied.allow)
        #expect(denied.reason.rawValue == "missing_input:market.slip_bps_est")
        #expect(denied.hard)
    }

    @Test("the type's default on_missing is skip") func defaultSkips() throws {
        let d = try decide(slip: 5, b: 0, extra: "")
        #expect(d.allow)
        #expect(d.diagnostics == ["slippage_guard_skipped_no_b"])
    }

    @Test("a non-finite threshold is rule_error:non_finite") func nonFinite() throws {
        let d = try decide(slip: 1, b: 1e308, params: "{eta: 10}")
        #expect(!d.allow)
        #expect(d.reason.rawValue == "rule_error:non_finite")
    }

    @Test("shadow mode records a prefixed entry and never blocks") func shadow() throws {
        let d = try decide(slip: 3.01, b: 10, extra: "mode: shadow")
        #expect(d.allow)
        #expect(d.reasons == ["shadow:slippage_guard_exceeded:3.01>3.00"])
    }

    @Test("eta outside 0 < eta ≤ 10 is refused at load", arguments: ["0", "-0.1", "10.01"])
    func range(value: String) {
        let text = InlineRuleSet.diagnostics(InlineRuleSet.single("slippage", params: "{eta: \(value)}"), registry: registry)
        #expect(text.contains("error: 'eta' must be > 0 and ≤ 10, got \(value) [out-of-range]"))
    }
}
