import AuroraTesting
import Codec
import RuleEngine
import Rules
import Testing

/// gates.md §12 boundary table Q1–Q6 (`sigma` 1, `A` 2, `B` −2, `max_obs` 10, `score` 1 unless stated), the
/// load-time rules and the compatibility section.
@Suite struct SPRTGateTests {
    let registry = RuleRegistry.standard()

    func decide(_ samples: [Double]?, score: Double? = 1, params: String = "{sigma: 1.0, A: 2.0, B: -2.0, max_obs: 10}",
                extra: String = "") throws -> Decision {
        let set = try InlineRuleSet.load(InlineRuleSet.single("sprt", params: params, extra: extra), registry: registry)
        return set.evaluate(.fixture {
            $0.market.sprtSamples = samples
            $0.market.score = score
        })
    }

    func section(_ d: Decision) -> JSONValue? { d.sections["sprt"] }

    @Test("Q1: ACCEPT as soon as llr reaches A (inclusive)") func accept() throws {
        let d = try decide([1, 1, 1, 1, 1])
        #expect(d.allow)
        #expect(d.diagnostics == ["sprt_accept"])
        #expect(d.trace.steps[0].measured == 2.0)
        #expect(d.trace.steps[0].threshold == 2.0)
        #expect(section(d) == ["decision": "ACCEPT", "llr": 2.0, "n_obs": 4])
        #expect(d.trace.steps[0].details["llr_after"] == [0.5, 1.0, 1.5, 2.0])
    }

    @Test("Q2: REJECT as soon as llr reaches B (inclusive): soft deny sprt_reject") func reject() throws {
        let d = try decide([-1, -1, -1])
        #expect(!d.allow)
        #expect(d.reason.rawValue == "sprt_reject")
        #expect(d.reasons == ["sprt_reject"])
        #expect(!d.hard)
        #expect(d.cooldownMs == 0)
        #expect(d.trace.steps[0].measured == -3.0)
        #expect(d.trace.steps[0].threshold == -2.0)
        #expect(section(d) == ["decision": "REJECT", "llr": -3.0, "n_obs": 2])
    }

    @Test("Q3: no decision passes with sprt_continue; an empty array is present, not missing",
          arguments: [([0.5], 1), ([], 0)] as [([Double], Int64)])
    func continues(samples: [Double], n: Int64) throws {
        let d = try decide(samples)
        #expect(d.allow)
        #expect(d.trace.steps[0].verdict == .pass)
        #expect(d.diagnostics == ["sprt_continue"])
        #expect(section(d) == ["decision": "CONTINUE", "llr": 0.0, "n_obs": .int(n)])
    }

    @Test("Q4: at max_obs the sign of llr decides; values from python3 (0.6 → 0.29999999999999993)") func maxObs() throws {
        let params = "{max_obs: 3}"
        let up = try decide([0.6, 0.6, 0.6], params: params)
        #expect(up.allow)
        #expect(up.diagnostics == ["sprt_accept"])
        #expect(up.trace.steps[0].measured == 0.29999999999999993)
        let down = try decide([0.4, 0.4, 0.4], params: params)
        #expect(!down.allow)
        #expect(down.reason.rawValue == "sprt_reject")
        #expect(down.trace.steps[0].measured == -0.29999999999999993)
        #expect(section(down) == ["decision": "REJECT", "llr": -0.29999999999999993, "n_obs": 3])
    }

    @Test("Q5: score 0 makes both hypotheses coincide: ACCEPT at max_obs with llr 0") func zeroScore() throws {
        let d = try decide(Array(repeating: 1, count: 12), score: 0)
        #expect(d.allow)
        #expect(section(d) == ["decision": "ACCEPT", "llr": 0.0, "n_obs": 10])
    }

    @Test("Q6: alpha/beta set A and B (python3: ln(0.9/0.05), ln(0.1/0.95))") func alphaBeta() throws {
        let d = try decide([1, 1, 1, 1, 1, 1], params: "{alpha: 0.05, beta: 0.10}")
        #expect(d.allow)
        #expect(section(d) == ["decision": "ACCEPT", "llr": 3.0, "n_obs": 6])
        #expect(d.trace.steps[0].threshold == 2.8903717578961645)
        #expect(d.trace.steps[0].details["B"] == .double(-2.251291798606495))
    }

    @Test("sigma scales every increment; vector computed with python3") func sigmaVector() throws {
        // python3: increments ((x-0)^2-(x-0.8)^2)/(2*1.5^2) over [0.3, 1.7, -0.2, 2.5] → llr 0.9600000000000001
        let d = try decide([0.3, 1.7, -0.2, 2.5], score: 0.8, params: "{sigma: 1.5}")
        #expect(d.allow)
        #expect(d.diagnostics == ["sprt_continue"])
        #expect(d.trace.steps[0].details["llr_after"]
            == [-0.035555555555555556, 0.4266666666666667, 0.21333333333333337, 0.9600000000000001])
    }

    @Test("samples, then score, are required (type default skip)",
          arguments: [(nil, 1, "missing_input:market.sprt_samples"), ([1], nil, "missing_input:market.score"),
                      (nil, nil, "missing_input:market.sprt_samples")] as [([Double]?, Double?, String)])
    func missing(samples: [Double]?, score: Double?, code: String) throws {
        let d = try decide(samples, score: score)
        #expect(d.allow)
        #expect(d.trace.steps[0].verdict == .skip)
        #expect(d.diagnostics == [code])
        #expect(d.sections["sprt"] == nil)
        let denied = try decide(samples, score: score, extra: "on_missing: deny")
        #expect(denied.reason.rawValue == code)
        #expect(denied.hard)
    }

    @Test("a non-finite llr is rule_error:non_finite") func nonFinite() throws {
        let d = try decide([1e300], score: -1e300)
        #expect(!d.allow)
        #expect(d.reason.rawValue == "rule_error:non_finite")
    }

    @Test("params outside their ranges are refused at load", arguments: [
        ("{sigma: 0}", "'sigma' must be > 0 and ≤ 1000000, got 0"),
        ("{A: 0}", "'A' must be > 0 and ≤ 1000, got 0"),
        ("{B: 0}", "'B' must be ≥ -1000 and < 0, got 0"),
        ("{B: -1001}", "'B' must be ≥ -1000 and < 0, got -1001"),
        ("{alpha: 1, beta: 0.1}", "'alpha' must be > 0 and < 1, got 1"),
        ("{max_obs: 0}", "'max_obs' must be ≥ 1 and ≤ 100000, got 0"),
    ])
    func ranges(params: String, message: String) {
        let text = InlineRuleSet.diagnostics(InlineRuleSet.single("sprt", params: params), registry: registry)
        #expect(text.contains("error: \(message) [out-of-range]"))
    }

    @Test("cross-param rules are param-conflict errors naming both keys", arguments: [
        ("{A: 2.0, alpha: 0.05, beta: 0.1}", "'A' and 'alpha' cannot both be set: give A and B, or alpha and beta"),
        ("{B: -2.0, beta: 0.1}", "'B' and 'beta' cannot both be set: give A and B, or alpha and beta"),
        ("{alpha: 0.05}", "'alpha' and 'beta' must be given together: set both, or neither and give A and B"),
        ("{alpha: 0.5, beta: 0.5}", "'alpha' + 'beta' must be < 1, got 0.5 + 0.5"),
    ])
    func conflicts(params: String, message: String) {
        let text = InlineRuleSet.diagnostics(InlineRuleSet.single("sprt", params: params), registry: registry)
        #expect(text.contains("error: \(message) [param-conflict]"))
    }

    @Test("an override is checked with the base params merged in") func overrideConflict() {
        let yaml = InlineRuleSet.single("sprt", params: "{A: 3.0}", extra: """
            overrides:
              - match: {symbols: [BTCUSDT]}
                params: {alpha: 0.05, beta: 0.1}
            """)
        let text = InlineRuleSet.diagnostics(yaml, registry: registry)
        #expect(text.contains("error: 'A' and 'alpha' cannot both be set: give A and B, or alpha and beta [param-conflict]"))
    }
}
