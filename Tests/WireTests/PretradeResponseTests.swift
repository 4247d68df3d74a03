import Codec
import Testing
import Wire

/// Golden bodies: http-api.md §4.8 Examples 1–3, compared byte for byte with the compact form of the spec's text.
@Suite struct PretradeResponseTests {
    private static let ruleset = ObservabilityBody.RulesetInfo(
        name: "default", fingerprint: "sha256:495264c3f6a031e0a9ba170c1c3902a45d0b7090672ba885d47259f5a4b8332d",
        loadedAt: "2026-01-05T09:00:00.000Z")

    private static let risk = ObservabilityBody.Risk(
        cfg: [
            "dd_day_pct": 10.0, "max_concurrent": 10, "size_scale": 1.0, "trades_per_minute": 60,
            "max_order_notional_usdt": 5000.0, "max_symbol_exposure_usdt": 20000.0, "notional_action": "clip",
            "min_order_notional_usdt": 0.0,
        ],
        ctx: ["size_scale": 1.0, "base_notional": 1000.0, "scaled_notional": 1000.0])

    private static func trace(spread: RuleTraceItem, governance: RuleTraceItem) -> [RuleTraceItem] {
        [
            governance,
            RuleTraceItem(id: "anti_churn", type: "anti_churn", mode: "enforce", verdict: .pass, us: 0.1),
            RuleTraceItem(
                id: "latency", type: "latency", mode: "enforce", verdict: .pass, measured: 1.0, threshold: 30.0, us: 0.1),
            RuleTraceItem(
                id: "health_guard", type: "health_guard", mode: "enforce", verdict: .pass, threshold: 30.0, us: 0.3),
            RuleTraceItem(
                id: "freshness", type: "freshness", mode: "shadow", verdict: .pass, measured: 12.0, threshold: 250.0,
                us: 0.1),
            spread,
            RuleTraceItem(
                id: "trap", type: "trap", mode: "enforce", verdict: .skip,
                reason: "missing_input:market.trap_cancel_deltas", us: 0.1),
            RuleTraceItem(
                id: "expected_return", type: "expected_return", mode: "enforce", verdict: .pass,
                measured: 7.307970779778824, threshold: 2.0, us: 0.2),
            RuleTraceItem(
                id: "slippage", type: "slippage", mode: "enforce", verdict: .pass, measured: 0.5, threshold: 3.0, us: 0.1),
            RuleTraceItem(
                id: "risk_caps", type: "risk_caps", mode: "enforce", verdict: .pass, measured: 1000.0,
                threshold: 5000.0, us: 0.3),
            RuleTraceItem(
                id: "sprt", type: "sprt", mode: "enforce", verdict: .skip, reason: "missing_input:market.sprt_samples",
                us: 0.0),
        ]
    }

    private static let passingGovernance = RuleTraceItem(
        id: "governance", type: "governance", mode: "enforce", verdict: .pass, us: 0.2)
    private static let passingSpread = RuleTraceItem(
        id: "spread", type: "spread", mode: "enforce", verdict: .pass, measured: 2.0, threshold: 80.0, us: 0.1)

    private static func response(
        allow: Bool, reason: String, hard: Bool, spreadBps: Double, reasons: [String], rules: [RuleTraceItem],
        decisionID: String, reqID: String
    ) -> PretradeResponse {
        PretradeResponse(
            allow: allow, maxQty: allow ? 0.01 : 0.0, riskScale: 1.0, cooldownMs: 0, reason: reason, hardGate: hard,
            quotas: .init(tradesPmLeft: 59, symbolExposureLeftUsdt: 20000.0),
            observability: ObservabilityBody(
                gateState: allow ? .pass : .block, spreadBps: spreadBps, mode: "testnet", latencyMs: 1.0,
                slipBpsEst: 0.5, aBps: 0.0, bBps: 10.0, score: 1.0, risk: risk, trap: nil, sprt: .none,
                reasons: reasons,
                diagnostics: ["missing_input:market.trap_cancel_deltas", "missing_input:market.sprt_samples"],
                rules: rules, ruleset: ruleset, decisionID: decisionID, reqID: reqID))
    }

    /// The spec's pretty-printed example in compact form (the reader keeps key order and int/float literals).
    private func compact(_ pretty: String) throws -> String {
        try JSONReader.parse(Array(pretty.utf8)).serializedString
    }

    private func encoded(_ response: PretradeResponse) -> String {
        String(decoding: response.bodyBytes(), as: UTF8.self)
    }

    @Test func example1AllowMatchesTheSpecByteForByte() throws {
        let response = Self.response(
            allow: true, reason: "ok", hard: false, spreadBps: 2.0, reasons: [],
            rules: Self.trace(spread: Self.passingSpread, governance: Self.passingGovernance),
            decisionID: "20260105-090000-1", reqID: "rq-1767605399998001")
        #expect(encoded(response) == (try compact(Self.example1)))
    }

    @Test func example2SpreadDenyMatchesTheSpecByteForByte() throws {
        let spread = RuleTraceItem(
            id: "spread", type: "spread", mode: "enforce", verdict: .deny, reason: "spread_bps_too_wide:80.1",
            measured: 80.1, threshold: 80.0, us: 0.1)
        let response = Self.response(
            allow: false, reason: "spread_bps_too_wide:80.1", hard: false, spreadBps: 80.1,
            reasons: ["spread_bps_too_wide:80.1"], rules: Self.trace(spread: spread, governance: Self.passingGovernance),
            decisionID: "20260105-090000-2", reqID: "rq-1767605399998002")
        #expect(encoded(response) == (try compact(Self.example2)))
    }

    @Test func example3KillSwitchDenyMatchesTheSpecByteForByte() throws {
        let governance = RuleTraceItem(
            id: "governance", type: "governance", mode: "enforce", verdict: .deny, reason: "AURORA.HALT", us: 0.2)
        let response = Self.response(
            allow: false, reason: "AURORA.HALT", hard: true, spreadBps: 2.0, reasons: ["AURORA.HALT", "killswitch_active"],
            rules: Self.trace(spread: Self.passingSpread, governance: governance),
            decisionID: "20260105-090000-4", reqID: "rq-1767605399998003")
        #expect(encoded(response) == (try compact(Self.example3)))
    }

    @Test func absentOptionalValuesAreNullAndOptionalKeysAreLeftOut() {
        let response = PretradeResponse(
            allow: false, maxQty: 0, riskScale: 1, cooldownMs: 1500, reason: "open_rate_limit", hardGate: false,
            quotas: .unlimited,
            observability: ObservabilityBody(
                gateState: .block, mode: "prod",
                trap: .init(trapZ: 1.5, cancelRate: 0.25, replRate: 0.0, nTrades: 3, trapScore: 0.0989),
                sprt: .init(decision: "CONTINUE", llr: 0.06765, nObs: 3),
                rules: [
                    RuleTraceItem(id: "a", type: "anti_churn", mode: "enforce", verdict: .notEvaluated, us: 3.2),
                    RuleTraceItem(id: "b", type: "latency", mode: "shadow", verdict: .shadowDeny, reason: "x", us: 1.23456),
                ],
                ruleset: Self.ruleset, decisionID: "r-9", explain: ["now_ms": 1]))
        let expected =
            #"{"allow":false,"max_qty":0.0,"risk_scale":1.0,"cooldown_ms":1500,"reason":"open_rate_limit","hard_gate":false,"quotas":{"trades_pm_left":999,"symbol_exposure_left_usdt":1000000000000.0},"observability":{"gate_state":"BLOCK","spread_bps":null,"mode":"prod","latency_ms":null,"slip_bps_est":null,"a_bps":null,"b_bps":null,"score":null,"risk":null,"trap":{"trap_z":1.5,"cancel_rate":0.25,"repl_rate":0.0,"n_trades":3,"trap_score":0.0989},"sprt":{"decision":"CONTINUE","llr":0.06765,"n_obs":3},"reasons":[],"diagnostics":[],"rules":[{"id":"a","type":"anti_churn","mode":"enforce","verdict":"not_evaluated","us":0.0},{"id":"b","type":"latency","mode":"shadow","verdict":"shadow_deny","reason":"x","us":1.235}],"ruleset":{"name":"default","fingerprint":"sha256:495264c3f6a031e0a9ba170c1c3902a45d0b7090672ba885d47259f5a4b8332d","loaded_at":"2026-01-05T09:00:00.000Z"},"decision_id":"r-9","explain":{"now_ms":1}}}"#
        #expect(encoded(response) == expected)
    }

    @Test func aClientReadsTheDecisionBackFromTheBody() throws {
        let decision = try #require(PretradeResponse.Decision.decode(Array(Self.example2.utf8)))
        #expect(
            decision
                == PretradeResponse.Decision(
                    allow: false, maxQty: 0, cooldownMs: 0, reason: "spread_bps_too_wide:80.1", hardGate: false,
                    riskScale: 1.0, decisionID: "20260105-090000-2"))
    }

    @Test(arguments: [#"{"allow":"yes","max_qty":1}"#, #"{"allow":true,"max_qty":-1}"#, #"{"allow":true}"#, "[]", "<html>"])
    func malformedAnswersAreNotDecisions(_ body: String) {
        #expect(PretradeResponse.Decision.decode(Array(body.utf8)) == nil)
    }

    static let example1 = """
        {
          "allow": true,
          "max_qty": 0.01,
          "risk_scale": 1.0,
          "cooldown_ms": 0,
          "reason": "ok",
          "hard_gate": false,
          "quotas": {"trades_pm_left": 59, "symbol_exposure_left_usdt": 20000.0},
          "observability": {
            "gate_state": "PASS",
            "spread_bps": 2.0,
            "mode": "testnet",
            "latency_ms": 1.0,
            "slip_bps_est": 0.5,
            "a_bps": 0.0,
            "b_bps": 10.0,
            "score": 1.0,
            "risk": {"cfg": {"dd_day_pct": 10.0, "max_concurrent": 10, "size_scale": 1.0, "trades_per_minute": 60,
                             "max_order_notional_usdt": 5000.0, "max_symbol_exposure_usdt": 20000.0,
                             "notional_action": "clip", "min_order_notional_usdt": 0.0},
                     "ctx": {"size_scale": 1.0, "base_notional": 1000.0, "scaled_notional": 1000.0}},
            "trap": null,
            "sprt": {"decision": null, "llr": null, "n_obs": null},
            "reasons": [],
            "diagnostics": ["missing_input:market.trap_cancel_deltas", "missing_input:market.sprt_samples"],
            "rules": [
              {"id": "governance", "type": "governance", "mode": "enforce", "verdict": "pass", "us": 0.2},
              {"id": "anti_churn", "type": "anti_churn", "mode": "enforce", "verdict": "pass", "us": 0.1},
              {"id": "latency", "type": "latency", "mode": "enforce", "verdict": "pass", "measured": 1.0, "threshold": 30.0, "us": 0.1},
              {"id": "health_guard", "type": "health_guard", "mode": "enforce", "verdict": "pass", "threshold": 30.0, "us": 0.3},
              {"id": "freshness", "type": "freshness", "mode": "shadow", "verdict": "pass", "measured": 12.0, "threshold": 250.0, "us": 0.1},
              {"id": "spread", "type": "spread", "mode": "enforce", "verdict": "pass", "measured": 2.0, "threshold": 80.0, "us": 0.1},
              {"id": "trap", "type": "trap", "mode": "enforce", "verdict": "skip", "reason": "missing_input:market.trap_cancel_deltas", "us": 0.1},
              {"id": "expected_return", "type": "expected_return", "mode": "enforce", "verdict": "pass", "measured": 7.307970779778824, "threshold": 2.0, "us": 0.2},
              {"id": "slippage", "type": "slippage", "mode": "enforce", "verdict": "pass", "measured": 0.5, "threshold": 3.0, "us": 0.1},
              {"id": "risk_caps", "type": "risk_caps", "mode": "enforce", "verdict": "pass", "measured": 1000.0, "threshold": 5000.0, "us": 0.3},
              {"id": "sprt", "type": "sprt", "mode": "enforce", "verdict": "skip", "reason": "missing_input:market.sprt_samples", "us": 0.0}
            ],
            "ruleset": {"name": "default",
                        "fingerprint": "sha256:495264c3f6a031e0a9ba170c1c3902a45d0b7090672ba885d47259f5a4b8332d",
                        "loaded_at": "2026-01-05T09:00:00.000Z"},
            "decision_id": "20260105-090000-1",
            "req_id": "rq-1767605399998001"
          }
        }
        """

    static let example2 = """
        {
          "allow": false,
          "max_qty": 0.0,
          "risk_scale": 1.0,
          "cooldown_ms": 0,
          "reason": "spread_bps_too_wide:80.1",
          "hard_gate": false,
          "quotas": {"trades_pm_left": 59, "symbol_exposure_left_usdt": 20000.0},
          "observability": {
            "gate_state": "BLOCK",
            "spread_bps": 80.1,
            "mode": "testnet",
            "latency_ms": 1.0,
            "slip_bps_est": 0.5,
            "a_bps": 0.0,
            "b_bps": 10.0,
            "score": 1.0,
            "risk": {"cfg": {"dd_day_pct": 10.0, "max_concurrent": 10, "size_scale": 1.0, "trades_per_minute": 60,
                             "max_order_notional_usdt": 5000.0, "max_symbol_exposure_usdt": 20000.0,
                             "notional_action": "clip", "min_order_notional_usdt": 0.0},
                     "ctx": {"size_scale": 1.0, "base_notional": 1000.0, "scaled_notional": 1000.0}},
            "trap": null,
            "sprt": {"decision": null, "llr": null, "n_obs": null},
            "reasons": ["spread_bps_too_wide:80.1"],
            "diagnostics": ["missing_input:market.trap_cancel_deltas", "missing_input:market.sprt_samples"],
            "rules": [
              {"id": "governance", "type": "governance", "mode": "enforce", "verdict": "pass", "us": 0.2},
              {"id": "anti_churn", "type": "anti_churn", "mode": "enforce", "verdict": "pass", "us": 0.1},
              {"id": "latency", "type": "latency", "mode": "enforce", "verdict": "pass", "measured": 1.0, "threshold": 30.0, "us": 0.1},
              {"id": "health_guard", "type": "health_guard", "mode": "enforce", "verdict": "pass", "threshold": 30.0, "us": 0.3},
              {"id": "freshness", "type": "freshness", "mode": "shadow", "verdict": "pass", "measured": 12.0, "threshold": 250.0, "us": 0.1},
              {"id": "spread", "type": "spread", "mode": "enforce", "verdict": "deny", "reason": "spread_bps_too_wide:80.1", "measured": 80.1, "threshold": 80.0, "us": 0.1},
              {"id": "trap", "type": "trap", "mode": "enforce", "verdict": "skip", "reason": "missing_input:market.trap_cancel_deltas", "us": 0.1},
              {"id": "expected_return", "type": "expected_return", "mode": "enforce", "verdict": "pass", "measured": 7.307970779778824, "threshold": 2.0, "us": 0.2},
              {"id": "slippage", "type": "slippage", "mode": "enforce", "verdict": "pass", "measured": 0.5, "threshold": 3.0, "us": 0.1},
              {"id": "risk_caps", "type": "risk_caps", "mode": "enforce", "verdict": "pass", "measured": 1000.0, "threshold": 5000.0, "us": 0.3},
              {"id": "sprt", "type": "sprt", "mode": "enforce", "verdict": "skip", "reason": "missing_input:market.sprt_samples", "us": 0.0}
            ],
            "ruleset": {"name": "default",
                        "fingerprint": "sha256:495264c3f6a031e0a9ba170c1c3902a45d0b7090672ba885d47259f5a4b8332d",
                        "loaded_at": "2026-01-05T09:00:00.000Z"},
            "decision_id": "20260105-090000-2",
            "req_id": "rq-1767605399998002"
          }
        }
        """

    static let example3 = """
        {
          "allow": false,
          "max_qty": 0.0,
          "risk_scale": 1.0,
          "cooldown_ms": 0,
          "reason": "AURORA.HALT",
          "hard_gate": true,
          "quotas": {"trades_pm_left": 59, "symbol_exposure_left_usdt": 20000.0},
          "observability": {
            "gate_state": "BLOCK",
            "spread_bps": 2.0,
            "mode": "testnet",
            "latency_ms": 1.0,
            "slip_bps_est": 0.5,
            "a_bps": 0.0,
            "b_bps": 10.0,
            "score": 1.0,
            "risk": {"cfg": {"dd_day_pct": 10.0, "max_concurrent": 10, "size_scale": 1.0, "trades_per_minute": 60,
                             "max_order_notional_usdt": 5000.0, "max_symbol_exposure_usdt": 20000.0,
                             "notional_action": "clip", "min_order_notional_usdt": 0.0},
                     "ctx": {"size_scale": 1.0, "base_notional": 1000.0, "scaled_notional": 1000.0}},
            "trap": null,
            "sprt": {"decision": null, "llr": null, "n_obs": null},
            "reasons": ["AURORA.HALT", "killswitch_active"],
            "diagnostics": ["missing_input:market.trap_cancel_deltas", "missing_input:market.sprt_samples"],
            "rules": [
              {"id": "governance", "type": "governance", "mode": "enforce", "verdict": "deny", "reason": "AURORA.HALT", "us": 0.2},
              {"id": "anti_churn", "type": "anti_churn", "mode": "enforce", "verdict": "pass", "us": 0.1},
              {"id": "latency", "type": "latency", "mode": "enforce", "verdict": "pass", "measured": 1.0, "threshold": 30.0, "us": 0.1},
              {"id": "health_guard", "type": "health_guard", "mode": "enforce", "verdict": "pass", "threshold": 30.0, "us": 0.3},
              {"id": "freshness", "type": "freshness", "mode": "shadow", "verdict": "pass", "measured": 12.0, "threshold": 250.0, "us": 0.1},
              {"id": "spread", "type": "spread", "mode": "enforce", "verdict": "pass", "measured": 2.0, "threshold": 80.0, "us": 0.1},
              {"id": "trap", "type": "trap", "mode": "enforce", "verdict": "skip", "reason": "missing_input:market.trap_cancel_deltas", "us": 0.1},
              {"id": "expected_return", "type": "expected_return", "mode": "enforce", "verdict": "pass", "measured": 7.307970779778824, "threshold": 2.0, "us": 0.2},
              {"id": "slippage", "type": "slippage", "mode": "enforce", "verdict": "pass", "measured": 0.5, "threshold": 3.0, "us": 0.1},
              {"id": "risk_caps", "type": "risk_caps", "mode": "enforce", "verdict": "pass", "measured": 1000.0, "threshold": 5000.0, "us": 0.3},
              {"id": "sprt", "type": "sprt", "mode": "enforce", "verdict": "skip", "reason": "missing_input:market.sprt_samples", "us": 0.0}
            ],
            "ruleset": {"name": "default",
                        "fingerprint": "sha256:495264c3f6a031e0a9ba170c1c3902a45d0b7090672ba885d47259f5a4b8332d",
                        "loaded_at": "2026-01-05T09:00:00.000Z"},
            "decision_id": "20260105-090000-4",
            "req_id": "rq-1767605399998003"
          }
        }
        """
}
