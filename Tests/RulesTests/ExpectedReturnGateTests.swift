import AuroraTesting
import Codec
import RuleEngine
import Rules
import Testing

/// gates.md §6 boundary table E1–E9, two independently computed vectors, and the load-time ranges.
@Suite struct ExpectedReturnGateTests {
    let registry = RuleRegistry.standard()

    struct Market: Sendable, CustomTestStringConvertible {
        var score: Double?, a: Double?, b: Double?, fees: Double? = nil, slip: Double? = nil, side: String? = "buy"
        var testDescription: String { "score \(String(describing: score)), a \(String(describing: a)), b \(String(describing: b)), fees \(String(describing: fees)), slip \(String(describing: slip)), \(side ?? "no side")" }
    }

    func decide(_ m: Market, params: String = "{k: 2, pi_min_bps: 2.0}", extra: String = "",
                shared: SharedState = SharedState(), reduceOnly: Bool? = nil) throws -> Decision {
        let set = try InlineRuleSet.load(InlineRuleSet.single("expected_return", params: params, extra: extra),
                                         registry: registry)
        return set.evaluate(.fixture(shared: shared) {
            $0.market.score = m.score
            $0.market.aBps = m.a
            $0.market.bBps = m.b
            $0.feesBps = m.fees
            $0.market.slipBpsEst = m.slip
            $0.order.side = m.side
            $0.order.reduceOnly = reduceOnly
        })
    }

    @Test("E1–E3: e_pi equal to pi_min_bps denies, above it passes", arguments: [
        (Market(score: 0, a: 0, b: 4.0), 2.0, false),
        (Market(score: 0, a: 0, b: 4.04), 2.02, true),
        (Market(score: 0, a: 0, b: 10, fees: 3.0), 2.0, false),
        (Market(score: 0, a: 0, b: 10, fees: 2.9), 2.1, true),
    ])
    func boundary(market: Market, ePi: Double, allowed: Bool) throws {
        let d = try decide(market)
        #expect(d.allow == allowed)
        #expect(abs(d.trace.steps[0].measured! - ePi) < 1e-12)
        #expect(d.trace.steps[0].threshold == 2.0)
        if !allowed {
            #expect(d.reason.rawValue == "expected_return_gate")
            #expect(d.reasons == ["expected_return_below_threshold"])
            #expect(!d.hard)
            #expect(d.cooldownMs == 0)
            #expect(d.events.map(\.event.code) == ["RULE.DENY"])
        }
    }

    @Test("E4/E7: the score is oriented to the side; vectors computed with python3 math.exp") func oriented() throws {
        // python3: p = 1/(1+math.exp(-2*1)) = 0.8807970779778823, e_pi = p*10 = 8.807970779778824
        let buy = try decide(Market(score: 1, a: 0, b: 10))
        #expect(buy.allow)
        #expect(buy.trace.steps[0].measured == 8.807970779778824)
        #expect(buy.trace.steps[0].details["p"] == .double(0.8807970779778823))
        let shortOnNegative = try decide(Market(score: -1, a: 0, b: 10, side: "sell"))
        #expect(shortOnNegative.allow)
        #expect(shortOnNegative.trace.steps[0].measured == 8.807970779778824)
        #expect(shortOnNegative.trace.steps[0].details["s"] == .double(1))
        // python3: p = 1/(1+math.exp(2)) = 0.11920292202211755, e_pi = 1.1920292202211755
        let shortOnPositive = try decide(Market(score: 1, a: 0, b: 10, side: "sell"))
        #expect(!shortOnPositive.allow)
        #expect(shortOnPositive.reason.rawValue == "expected_return_gate")
        #expect(shortOnPositive.trace.steps[0].measured == 1.1920292202211755)
    }

    @Test("costs are subtracted in the written order; vectors computed with python3") func vectors() throws {
        // python3: s=0.41, p=1/(1+math.exp(-2*0.41)) = 0.6942363401080305; p*12-(1-p)*12-2-0.5 = 2.1616721625927307
        let d = try decide(Market(score: 0.41, a: 12, b: 12, fees: 2, slip: 0.5))
        #expect(d.allow)
        #expect(d.trace.steps[0].measured == 2.1616721625927307)
        #expect(d.trace.steps[0].details == JSONObject([
            ("s", .double(0.41)), ("p", .double(0.6942363401080305)), ("e_pi_bps", .double(2.1616721625927307)),
            ("fees_bps", .double(2)), ("slip_bps_est", .double(0.5)),
        ]))
        // python3, k=3, sell, score −0.3: p = 0.7109495026250039; p*8-(1-p)*5-1-0.25 = 2.992343534125051
        let sell = try decide(Market(score: -0.3, a: 5, b: 8, fees: 1, slip: 0.25, side: "sell"),
                              params: "{k: 3, pi_min_bps: 3.0}")
        #expect(!sell.allow)
        #expect(sell.trace.steps[0].measured == 2.992343534125051)
        #expect(sell.trace.steps[0].threshold == 3.0)
    }

    @Test("absent fees and slippage count as 0 and are reported as used") func absentCostsAreZero() throws {
        let d = try decide(Market(score: 0, a: 0, b: 10))
        #expect(d.trace.steps[0].details["fees_bps"] == .double(0))
        #expect(d.trace.steps[0].details["slip_bps_est"] == .double(0))
    }

    @Test("exp overflowing to +inf gives p = 0, a finite e_pi") func saturatedExp() throws {
        let d = try decide(Market(score: -400, a: 5, b: 8), params: "{k: 100}")
        #expect(!d.allow)
        #expect(d.trace.steps[0].details["p"] == .double(0))
        #expect(d.trace.steps[0].measured == -5)
    }

    @Test("E5: a non-finite e_pi is rule_error:non_finite under each on_error") func nonFinite() throws {
        let market = Market(score: 0, a: 0, b: 10, fees: 1e308, slip: 1e308)
        let denied = try decide(market)
        #expect(!denied.allow)
        #expect(denied.reason.rawValue == "rule_error:non_finite")
        #expect(denied.reasons == ["rule_error:non_finite"])
        #expect(denied.hard)
        #expect(denied.events.map(\.event.code) == ["RULE.ERROR", "RULE.DENY"])
        let allowed = try decide(market, extra: "on_error: allow")
        #expect(allowed.allow)
        #expect(allowed.trace.steps[0].verdict == .pass)
        #expect(allowed.diagnostics == ["rule_error:non_finite"])
    }

    @Test("E6/E8: required inputs are checked in table order", arguments: [
        (Market(score: nil, a: nil, b: nil, side: nil), "missing_input:market.score"),
        (Market(score: 1, a: nil, b: nil, side: nil), "missing_input:market.a_bps"),
        (Market(score: 1, a: 0, b: nil, side: nil), "missing_input:market.b_bps"),
        (Market(score: 1, a: 0, b: 10, side: nil), "missing_input:order.side"),
    ])
    func missing(market: Market, code: String) throws {
        let d = try decide(market)
        #expect(!d.allow)
        #expect(d.reason.rawValue == code)
        #expect(d.reasons == [code])
        #expect(d.hard)
        let skipped = try decide(market, extra: "on_missing: skip")
        #expect(skipped.allow)
        #expect(skipped.trace.steps[0].verdict == .skip)
        #expect(skipped.diagnostics == [code])
    }

    @Test("shadow mode records a shadow deny and never blocks") func shadow() throws {
        let d = try decide(Market(score: 0, a: 0, b: 4.0), extra: "mode: shadow")
        #expect(d.allow)
        #expect(d.trace.steps[0].verdict == .shadowDeny)
        #expect(d.reasons == ["shadow:expected_return_below_threshold"])
        #expect(d.events.map(\.event.code) == ["RULE.SHADOW_DENY"])
    }

    @Test("E9: a reducing order skips the rule without needing its inputs") func reducingOrder() throws {
        var values = SharedState.Values()
        values.positions[Symbol(canonicalizing: "BTCUSDT")!] = Position(qty: 1, sinceMs: 0, lastFillPrice: 60000,
                                                                        averageEntryPrice: 60000)
        let d = try decide(Market(score: nil, a: nil, b: nil, side: "sell"), shared: SharedState(values),
                           reduceOnly: true)
        #expect(d.allow)
        #expect(d.trace.steps[0].verdict == .skip)
        #expect(d.diagnostics == ["reducing_order_exempt:expected_return"])
    }

    @Test("params outside their ranges are refused at load", arguments: [
        ("{k: 0}", "'k' must be > 0 and ≤ 100, got 0"),
        ("{k: 100.5}", "'k' must be > 0 and ≤ 100, got 100.5"),
        ("{pi_min_bps: -10001}", "'pi_min_bps' must be ≥ -10000 and ≤ 10000, got -10001"),
        ("{pi_min_bps: 10000.5}", "'pi_min_bps' must be ≥ -10000 and ≤ 10000, got 10000.5"),
    ])
    func ranges(params: String, message: String) {
        let text = InlineRuleSet.diagnostics(InlineRuleSet.single("expected_return", params: params), registry: registry)
        #expect(text.contains("error: \(message) [out-of-range]"))
    }
}
