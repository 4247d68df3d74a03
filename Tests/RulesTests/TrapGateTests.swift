import AuroraTesting
import Codec
import RuleEngine
import Rules
import Testing

/// gates.md §8: boundary table T1–T7 (`delta_window_s` 2, `levels` 5, `window_s` 60, `cancel_pctl` 90,
/// `score_threshold` 0.8; one symbol; requests 1 s apart), the reference scores, and vectors whose expected values
/// were computed independently with a 40-line python3 transcription of steps 1–16 (Python floats, the same order of
/// operations, the §1.9 percentile); also the per-symbol LRU bound, error and shadow paths, reload and the params'
/// load-time rules.
@Suite struct TrapGateTests {
    static let t0: Int64 = 1_735_689_600_000
    let registry = RuleRegistry.standard()

    struct Request: Sendable {
        var cancels: [Double]? = [0]
        var adds: [Double]? = [0]
        var count: Int64? = 1
        var obi: Int64? = nil
        var tfi: Int64? = nil
        var symbol: String? = "BTCUSDT"
    }

    struct Trap {
        var set: CompiledRuleSet

        init(params: String, extra: String = "") throws {
            set = try InlineRuleSet.load(InlineRuleSet.single("trap", params: params, extra: extra),
                                         registry: RuleRegistry.standard())
        }

        func send(_ r: Request, at t: Int64) -> Decision {
            set.evaluate(.fixture(now: TrapGateTests.t0 + t) {
                $0.market.trapCancelDeltas = r.cancels
                $0.market.trapAddDeltas = r.adds
                $0.market.trapTradesCnt = r.count
                $0.market.obiSign = r.obi
                $0.market.tfiSign = r.tfi
                $0.order.symbol = r.symbol
            })
        }
    }

    static let t4Params = "{min_history: 2, z_threshold: 1.5}"

    func details(_ d: Decision) -> JSONObject { d.trace.steps[0].details }

    @Test("T1–T3: empty history; the three reference scores (python3: 0.018117981532748607, 0.5965345295782387, 0.9055810527656261)",
          arguments: [
            (Request(cancels: [0, 0, 0, 0, 0], adds: [0, 0, 0, 0, 0], count: 0), 0.018117981532748607, 0.0, nil as String?),
            (Request(cancels: [10, 10, 10, 10, 10], adds: [0, 0, 0, 0, 0]), 0.5965345295782387, 25.0, nil),
            (Request(cancels: [100], adds: [10]), 0.9055810527656261, 45.0, "trap_guard_score:0.91>0.80"),
          ])
    func emptyHistory(request: Request, score: Double, raw: Double, entry: String?) throws {
        let d = try Trap(params: "{min_history: 30}").send(request, at: 0)
        #expect(details(d)["trap_score"] == .double(score))
        #expect(details(d)["trap_raw"] == .double(raw))
        #expect(details(d)["trap_z"] == .double(0))
        #expect(d.diagnostics == ["trap_flat_history"])
        if let entry {
            #expect(!d.allow)
            #expect(d.reason.rawValue == "trap_guard_score")
            #expect(d.reasons == [entry])
            #expect(!d.hard)
            #expect(d.cooldownMs == 0)
            #expect(d.trace.steps[0].measured == score)
            #expect(d.trace.steps[0].threshold == 0.8)
            #expect(d.events.map(\.event.code) == ["RULE.DENY", "POLICY.TRAP_GUARD"])
        } else {
            #expect(d.allow)
            #expect(d.trace.steps[0].measured == 0)
            #expect(d.trace.steps[0].threshold == 1.64)
        }
    }

    @Test("score_flag is strict: a score exactly at score_threshold passes, just below it denies",
          arguments: [("0.5965345295782387", true), ("0.5965345295782386", false)])
    func scoreStrict(threshold: String, allowed: Bool) throws {
        let d = try Trap(params: "{score_threshold: \(threshold)}").send(Request(cancels: [10, 10, 10, 10, 10]), at: 0)
        #expect(d.allow == allowed)
    }

    @Test("T4: z against the symbol's own history; equal to z_threshold denies; A just below passes") func t4() throws {
        let trap = try Trap(params: Self.t4Params)
        let first = trap.send(Request(cancels: [0]), at: 0)
        let second = trap.send(Request(cancels: [20]), at: 1000)
        #expect(first.allow && second.allow)
        #expect(first.diagnostics == ["trap_flat_history"] && second.diagnostics == ["trap_flat_history"])
        let third = trap.send(Request(cancels: [34]), at: 2000)
        #expect(!third.allow)
        #expect(third.reason.rawValue == "trap_guard")
        #expect(third.reasons == ["trap_guard:z=1.50"])
        #expect(third.trace.steps[0].measured == 1.5)
        #expect(third.trace.steps[0].threshold == 1.5)
        #expect(third.events.map(\.event.code) == ["RULE.DENY", "POLICY.TRAP_BLOCK"])
        #expect(third.events[1].event.details == JSONObject([("trap_z", .double(1.5)), ("cancel_rate", .double(17)),
                                                             ("repl_rate", .double(0)), ("n_trades", .int(1))]))
        #expect(details(third)["p10"] == .double(1) && details(third)["p50"] == .double(5)
            && details(third)["p90"] == .double(9))
        #expect(third.diagnostics.isEmpty)

        let variantA = try Trap(params: Self.t4Params)
        _ = variantA.send(Request(cancels: [0]), at: 0)
        _ = variantA.send(Request(cancels: [20]), at: 1000)
        let a = variantA.send(Request(cancels: [33.8]), at: 2000)
        #expect(a.allow)
        #expect(a.trace.steps[0].measured == 1.4874999999999998)  // python3: (33.8/2 - 5)/8
    }

    @Test("T4 B: during the warm-up z is suppressed and says so") func t4Warmup() throws {
        let trap = try Trap(params: "{min_history: 3, z_threshold: 1.5}")
        _ = trap.send(Request(cancels: [0]), at: 0)
        _ = trap.send(Request(cancels: [20]), at: 1000)
        let d = trap.send(Request(cancels: [34]), at: 2000)
        #expect(d.allow)
        #expect(d.diagnostics == ["trap_warmup:2/3"])
        #expect(details(d)["warm"] == .bool(false) && details(d)["z_flag"] == .bool(false))
    }

    @Test("T5: an OBI/TFI conflict with a positive cancel rate at its p90 denies; a zero sign is no conflict",
          arguments: [(1 as Int64, false), (0, true)])
    func t5(obi: Int64, allowed: Bool) throws {
        let trap = try Trap(params: Self.t4Params)
        _ = trap.send(Request(cancels: [0]), at: 0)
        _ = trap.send(Request(cancels: [20]), at: 1000)
        let d = trap.send(Request(cancels: [20], obi: obi, tfi: -1), at: 2000)
        #expect(d.allow == allowed)
        #expect(d.trace.steps[0].measured == 0.625)
        #expect(details(d)["p_cancel"] == .double(10))
        if !allowed {
            #expect(d.reason.rawValue == "trap_guard")
            #expect(d.reasons == ["trap_guard:conflict"])
            #expect(d.events.map(\.event.code) == ["RULE.DENY", "POLICY.TRAP_BLOCK"])
        }
    }

    @Test("T6: entries older than window_s are evicted; another symbol has its own history") func t6() throws {
        let trap = try Trap(params: Self.t4Params)
        _ = trap.send(Request(cancels: [0]), at: 0)
        _ = trap.send(Request(cancels: [20]), at: 1000)
        let other = trap.send(Request(cancels: [34], symbol: "ETHUSDT"), at: 2000)
        #expect(other.allow)
        #expect(other.diagnostics == ["trap_flat_history"])
        let late = trap.send(Request(cancels: [34]), at: 61_001)
        #expect(late.allow)
        #expect(late.diagnostics == ["trap_flat_history"])
        #expect(details(late)["n_history"] == .int(0))
    }

    @Test("an entry exactly window_s old is kept") func windowEdge() throws {
        let trap = try Trap(params: Self.t4Params)
        _ = trap.send(Request(cancels: [0]), at: 0)
        _ = trap.send(Request(cancels: [20]), at: 1000)
        #expect(details(trap.send(Request(cancels: [0]), at: 60_000))["n_history"] == .int(2))
    }

    @Test("T7: after a quiet warm-up the history is flat: a first burst and a zero-rate conflict both pass",
          arguments: [Request(cancels: [1], adds: [0]), Request(cancels: [0], adds: [0], obi: 1, tfi: -1)])
    func t7(last: Request) throws {
        let trap = try Trap(params: "{min_history: 30}")
        for i in 0..<30 { #expect(trap.send(Request(cancels: [0, 0, 0, 0, 0], adds: [0, 0, 0, 0, 0]), at: Int64(i) * 1000).allow) }
        let d = trap.send(last, at: 30_000)
        #expect(d.allow)
        #expect(d.diagnostics == ["trap_flat_history"])
        #expect(details(d)["warm"] == .bool(true))
        #expect(details(d)["conflict_flag"] == .bool(false))
    }

    @Test("vector 1 (python3 reference): levels truncation, negative deltas, trade counts, conflict at p_cancel 8.35")
    func vectorConflict() throws {
        let trap = try Trap(params: "{min_history: 3, z_threshold: 1.0}")
        _ = trap.send(Request(cancels: [4, 2, 0, 1, 9, 9], adds: [1, 0, 0, 0, 0], count: 2), at: 0)
        _ = trap.send(Request(cancels: [0, 5, -3], adds: [2, 2], count: 1), at: 1000)
        _ = trap.send(Request(cancels: [7], adds: [0, 1, 1], count: 4), at: 2000)
        let d = trap.send(Request(cancels: [12, -1, 3, 0, 2, 100], adds: [1, 1, 0, 0, 0, 50], count: 3, obi: 2, tfi: -5),
                          at: 3000)
        #expect(details(d) == JSONObject([
            ("cancel_sum", .double(17)), ("add_sum", .double(2)), ("cancel_rate", .double(8.5)), ("repl_rate", .double(1)),
            ("trap_raw", .double(2.5)), ("n_history", .int(3)), ("p10", .double(0.525)), ("p50", .double(0.625)),
            ("p90", .double(3.125)), ("trap_z", .double(0.7211538461538461)), ("p_cancel", .double(8.35)),
            ("conflict", .bool(true)), ("warm", .bool(true)), ("cancel_ratio", .double(0.8947368421052632)),
            ("repl_ms_proxy", .double(250)), ("trap_score", .double(0.7226829795910132)), ("z_flag", .bool(false)),
            ("conflict_flag", .bool(true)), ("score_flag", .bool(false)),
        ]))
        #expect(d.reasons == ["trap_guard:conflict"])
        #expect(d.sections["trap"] == ["trap_z": 0.7211538461538461, "cancel_rate": 8.5, "repl_rate": 1.0,
                                       "n_trades": 3, "trap_score": 0.7226829795910132])
    }

    @Test("vector 2: z clipped at 4 and the score both deny: the z entry first, then the score entry") func vectorBoth() throws {
        let trap = try Trap(params: Self.t4Params)
        _ = trap.send(Request(cancels: [0]), at: 0)
        _ = trap.send(Request(cancels: [20]), at: 1000)
        // raw = (100/2 − 10/2)/1 = 45; z = clip((45 − 5)/8, −4, 4) = 4; score 0.9055810527656261 (python3)
        let d = trap.send(Request(cancels: [100], adds: [10]), at: 2000)
        #expect(d.reason.rawValue == "trap_guard")
        #expect(d.reasons == ["trap_guard:z=4.00", "trap_guard_score:0.91>0.80"])
        #expect(d.trace.steps[0].measured == 4)
        #expect(d.trace.steps[0].threshold == 1.5)
        #expect(d.events.map(\.event.code) == ["RULE.DENY", "POLICY.TRAP_BLOCK", "POLICY.TRAP_GUARD"])
    }

    @Test("required inputs in table order, type default skip", arguments: [
        (Request(cancels: nil, adds: nil, count: nil, symbol: nil), "missing_input:market.trap_cancel_deltas"),
        (Request(adds: nil, count: nil, symbol: nil), "missing_input:market.trap_add_deltas"),
        (Request(count: nil, symbol: nil), "missing_input:market.trap_trades_cnt"),
        (Request(symbol: nil), "missing_input:order.symbol"),
        (Request(symbol: "x"), "invalid_input:order.symbol"),
    ])
    func missing(request: Request, code: String) throws {
        let skipped = try Trap(params: "{}").send(request, at: 0)
        #expect(skipped.allow)
        #expect(skipped.trace.steps[0].verdict == .skip)
        #expect(skipped.diagnostics == [code])
        #expect(skipped.sections["trap"] == nil)
        let denied = try Trap(params: "{}", extra: "on_missing: deny").send(request, at: 0)
        #expect(denied.reason.rawValue == code)
        #expect(denied.hard)
    }

    @Test("a non-finite value is rule_error:non_finite and leaves the history unchanged") func nonFinite() throws {
        let trap = try Trap(params: Self.t4Params)
        _ = trap.send(Request(cancels: [0]), at: 0)
        let d = trap.send(Request(cancels: [1e308, 1e308]), at: 1000)
        #expect(d.reason.rawValue == "rule_error:non_finite")
        #expect(details(trap.send(Request(cancels: [0]), at: 2000))["n_history"] == .int(1))
    }

    @Test("shadow mode feeds the history but emits only RULE.SHADOW_DENY") func shadow() throws {
        let trap = try Trap(params: Self.t4Params, extra: "mode: shadow")
        _ = trap.send(Request(cancels: [0]), at: 0)
        _ = trap.send(Request(cancels: [20]), at: 1000)
        let d = trap.send(Request(cancels: [34]), at: 2000)
        #expect(d.allow)
        #expect(d.reasons == ["shadow:trap_guard:z=1.50"])
        #expect(d.events.map(\.event.code) == ["RULE.SHADOW_DENY"])
    }

    @Test("max_history caps each symbol's history") func maxHistory() throws {
        let trap = try Trap(params: "{max_history: 10, min_history: 0}")
        for i in 0..<12 { _ = trap.send(Request(), at: Int64(i) * 100) }
        #expect(details(trap.send(Request(), at: 1300))["n_history"] == .int(10))
    }

    @Test("at most 10,000 symbols: the least recently used one is evicted") func lruBound() throws {
        let trap = try Trap(params: Self.t4Params)
        for symbol in ["AAAUSDT", "BBBUSDT"] {
            _ = trap.send(Request(cancels: [0], symbol: symbol), at: 0)
            _ = trap.send(Request(cancels: [20], symbol: symbol), at: 1)
        }
        for i in 0..<9_998 { _ = trap.send(Request(symbol: "S\(i)USDT"), at: 2) }
        // AAA is used again, so BBB is now the least recent and the next new symbol evicts it.
        #expect(trap.send(Request(cancels: [34], symbol: "AAAUSDT"), at: 3).reason.rawValue == "trap_guard")
        _ = trap.send(Request(symbol: "NEWUSDT"), at: 4)
        #expect(details(trap.send(Request(cancels: [34], symbol: "BBBUSDT"), at: 5))["n_history"] == .int(0))
        #expect(details(trap.send(Request(cancels: [0], symbol: "AAAUSDT"), at: 6))["n_history"] == .int(3))
    }

    @Test("reload keeps each symbol's history; a shorter window evicts on the next evaluation") func reload() throws {
        var trap = try Trap(params: Self.t4Params)
        _ = trap.send(Request(cancels: [0]), at: 0)
        _ = trap.send(Request(cancels: [20]), at: 1000)
        let old = trap.set
        trap.set = try InlineRuleSet.load(InlineRuleSet.single("trap", params: Self.t4Params), registry: registry,
                                          previous: old)
        #expect(trap.set.states.values.first === old.states.values.first)
        #expect(trap.send(Request(cancels: [34]), at: 2000).reasons == ["trap_guard:z=1.50"])
        trap.set = try InlineRuleSet.load(
            InlineRuleSet.single("trap", params: "{min_history: 2, z_threshold: 1.5, window_s: 1}"), registry: registry,
            previous: trap.set)
        #expect(details(trap.send(Request(), at: 2500))["n_history"] == .int(1))
    }

    @Test("params outside their ranges are refused at load", arguments: [
        ("{window_s: 0.5}", "'window_s' must be ≥ 1 and ≤ 3600, got 0.5"),
        ("{max_history: 9}", "'max_history' must be ≥ 10 and ≤ 100000, got 9"),
        ("{min_history: -1}", "'min_history' must be ≥ 0 and ≤ max_history, got -1"),
        ("{delta_window_s: 0}", "'delta_window_s' must be > 0 and ≤ 3600, got 0"),
        ("{levels: 51}", "'levels' must be ≥ 1 and ≤ 50, got 51"),
        ("{z_threshold: 4.5}", "'z_threshold' must be > 0 and ≤ 4, got 4.5"),
        ("{cancel_pctl: 101}", "'cancel_pctl' must be ≥ 0 and ≤ 100, got 101"),
        ("{score_threshold: 1.1}", "'score_threshold' must be ≥ 0 and ≤ 1, got 1.1"),
    ])
    func ranges(params: String, message: String) {
        let text = InlineRuleSet.diagnostics(InlineRuleSet.single("trap", params: params), registry: registry)
        #expect(text.contains("error: \(message) [out-of-range]"))
    }

    @Test("min_history above max_history is a param conflict") func conflict() {
        let text = InlineRuleSet.diagnostics(InlineRuleSet.single("trap", params: "{max_history: 10, min_history: 11}"),
                                             registry: registry)
        #expect(text.contains(
            "error: 'min_history' (11) cannot exceed 'max_history' (10): the warm-up would never end [param-conflict]"))
    }
}
