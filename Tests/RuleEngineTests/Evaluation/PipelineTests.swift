import AuroraTesting
import RuleEngine
import Synchronization
import Testing

/// Pipeline semantics of gates.md §1.2–§1.6 and rule-files.md §2.2–§2.3, with the test rule types.
@Suite struct PipelineTests {
    func load(_ pipeline: String) throws -> CompiledRuleSet {
        try InlineRuleSet.load("version: 1\nname: t\npipeline:\n" + pipeline, registry: FakeRegistry.standard)
    }

    func context(score: Double?, qty: Double? = 1, symbol: String = "BTCUSDT", mode: String? = "testnet",
                 shared: SharedState = SharedState(), reduceOnly: Bool? = nil, side: String = "buy") -> RuleContext {
        .fixture(shared: shared) {
            $0.market.score = score
            $0.order.qty = qty
            $0.order.symbol = symbol
            $0.order.side = side
            $0.account.mode = mode
            $0.order.reduceOnly = reduceOnly
        }
    }

    @Test func firstEnforcingDenyDecidesAndEveryRuleIsEvaluated() throws {
        let set = try load("""
              - {id: a, type: threshold, params: {max: 5}}
              - {id: b, type: threshold, params: {max: 1, hard: true}}
              - {id: c, type: threshold, params: {max: 0}}
            """)
        let d = set.evaluate(context(score: 3))
        #expect(!d.allow)
        #expect(d.reason.rawValue == "score_too_high")
        #expect(d.decidedBy?.id == "b")
        #expect(d.hard)
        #expect(d.trace.steps.map(\.verdict) == [.pass, .deny, .deny])
        // entries of every deny, in order, without repeats
        #expect(d.reasons == ["score_too_high", "detail:3.0"])
        #expect(d.maxQty == 0)
        #expect(d.events.map(\.event.code) == ["THRESHOLD.TRIP", "RULE.DENY", "THRESHOLD.TRIP", "RULE.DENY", "THRESHOLD.TRIP"])
    }

    @Test func shadowDenyNeverBlocksAndIsPrefixed() throws {
        let set = try load("""
              - {id: s, type: threshold, mode: shadow, params: {max: 1, cap: 0.1}}
              - {id: e, type: threshold, params: {max: 10}}
            """)
        let d = set.evaluate(context(score: 3))
        #expect(d.allow)
        #expect(d.reason == .ok)
        #expect(d.trace.steps.map(\.verdict) == [.shadowDeny, .pass])
        #expect(d.reasons == ["shadow:score_too_high", "shadow:detail:3.0"])
        #expect(d.maxQty == 1)  // a shadow rule's cap is ignored
        // shadow: no type events, only RULE.SHADOW_DENY; the enforce pass contributes its type event
        #expect(d.events.map(\.event.code) == ["RULE.SHADOW_DENY", "THRESHOLD.TRIP"])
    }

    @Test func offRulesAreNotEvaluatedNorTraced() throws {
        let set = try load("""
              - {id: off1, type: threshold, mode: off, params: {max: 0}}
              - {id: e, type: threshold, params: {max: 10}}
            """)
        let d = set.evaluate(context(score: 3))
        #expect(d.allow)
        #expect(d.trace.steps.map(\.key.id) == ["e"])
    }

    @Test func missingInputFollowsOnMissing() throws {
        let set = try load("""
              - {id: deny, type: threshold}
              - {id: skip, type: threshold, on_missing: skip}
              - {id: shadow, type: threshold, mode: shadow}
            """)
        let d = set.evaluate(context(score: nil))
        #expect(!d.allow)
        #expect(d.reason.rawValue == "missing_input:market.score")
        #expect(d.hard)
        #expect(d.trace.steps.map(\.verdict) == [.deny, .skip, .shadowDeny])
        #expect(d.reasons == ["missing_input:market.score", "shadow:missing_input:market.score"])
        #expect(d.diagnostics == ["missing_input:market.score"])
    }

    @Test(arguments: [
        (OnError.deny, false, DecisionTrace.Verdict.deny),
        (OnError.allow, true, DecisionTrace.Verdict.pass),
        (OnError.skip, true, DecisionTrace.Verdict.skip),
    ])
    func internalErrorFollowsOnError(policy: OnError, allowed: Bool, verdict: DecisionTrace.Verdict) throws {
        let set = try load("  - {id: r, type: threshold, on_error: \(policy.rawValue), params: {error_at: 7}}\n")
        let d = set.evaluate(context(score: 7))
        #expect(d.allow == allowed)
        #expect(d.trace.steps[0].verdict == verdict)
        #expect(d.trace.steps[0].reason == "rule_error:non_finite")
        #expect(d.events.first?.event.code == "RULE.ERROR")
        if policy == .deny {
            #expect(d.reason.rawValue == "rule_error:non_finite" && d.hard)
        } else {
            #expect(d.diagnostics == ["rule_error:non_finite"])
        }
    }

    @Test func stopEndsEvaluationOnlyOnAnEnforcingDeny() throws {
        let set = try load("""
              - {id: s, type: threshold, mode: shadow, stop: true, params: {max: 0}}
              - {id: a, type: threshold, stop: true, params: {max: 1}}
              - {id: b, type: counter}
            """)
        let d = set.evaluate(context(score: 3))
        #expect(d.trace.steps.map(\.verdict) == [.shadowDeny, .deny, .notEvaluated])
        let counter = try #require(set.states[RuleKey(id: "b", type: "counter")] as? CounterRule.State)
        #expect(counter.counts.withLock { $0.evaluations } == 0)
        let passing = set.evaluate(context(score: 0.5))
        #expect(passing.trace.steps.map(\.verdict) == [.shadowDeny, .pass, .pass])
    }

    @Test func firstMatchingOverrideWins() throws {
        let set = try load("""
              - id: r
                type: threshold
                params: {max: 5}
                overrides:
                  - match: {symbols: ["eth/usdt"]}
                    params: {max: 1}
                  - match: {symbols: [ETHUSDT], account_modes: [prod]}
                    params: {max: 0}
                  - match: {account_modes: [prod]}
                    params: {max: 2}
            """)
        #expect(set.evaluate(context(score: 3, symbol: "BTCUSDT")).allow)
        let eth = set.evaluate(context(score: 3, symbol: "binance:ETH-USDT"))
        #expect(!eth.allow && eth.trace.steps[0].overrideIndex == 0 && eth.trace.steps[0].threshold == 1)
        let prod = set.evaluate(context(score: 3, symbol: "BTCUSDT", mode: " PROD "))
        #expect(!prod.allow && prod.trace.steps[0].overrideIndex == 2)
        // a request without account.mode takes the default mode (testnet): no override
        #expect(set.evaluate(context(score: 3, mode: nil)).allow)
    }

    @Test func maxQtyIsQtyCappedByEnforcePasses() throws {
        let set = try load("""
              - {id: a, type: threshold, params: {max: 5, cap: 0.4}}
              - {id: b, type: threshold, params: {max: 5, cap: 0.25}}
            """)
        #expect(set.evaluate(context(score: 1, qty: 1)).maxQty == 0.25)
        #expect(set.evaluate(context(score: 1, qty: 0.1)).maxQty == 0.1)
        #expect(set.evaluate(context(score: 1, qty: nil)).maxQty == 0)
    }

    @Test func commitHooksRunOnlyForEnforcePassesOfAnAllow() throws {
        let set = try load("""
              - {id: c, type: counter}
              - {id: shadow, type: counter, mode: shadow}
              - {id: t, type: threshold, params: {max: 5}}
            """)
        let enforce = try #require(set.states[RuleKey(id: "c", type: "counter")] as? CounterRule.State)
        let shadow = try #require(set.states[RuleKey(id: "shadow", type: "counter")] as? CounterRule.State)
        set.evaluate(context(score: 1)).commit()
        set.evaluate(context(score: 9)).commit()  // a deny commits nothing
        var failed = set.evaluate(context(score: 1))
        failed.failForLogUnavailable()
        failed.commit()
        #expect(failed.reason == .logUnavailable && failed.hard && failed.reasons == ["log_unavailable"])
        #expect(enforce.counts.withLock { ($0.evaluations, $0.commits) } == (3, 1))
        #expect(shadow.counts.withLock { ($0.evaluations, $0.commits) } == (3, 0))
    }

    @Test func reducingOrdersSkipExemptRules() throws {
        let set = try load("""
              - {id: exempt, type: threshold, params: {max: 0}}
              - {id: checked, type: counter}
            """)
        let shared = SharedState()
        shared.update { $0.positions[Symbol(canonicalizing: "BTCUSDT")!] = Position(qty: 0.5, sinceMs: 0, lastFillPrice: 100, averageEntryPrice: 100) }
        let exit = set.evaluate(context(score: 3, shared: shared, reduceOnly: true, side: "sell"))
        #expect(exit.allow)
        #expect(exit.trace.steps.map(\.verdict) == [.skip, .pass])
        #expect(exit.diagnostics == ["reducing_order_exempt:exempt"])
        // reduce_only on the position's own side is an ordinary order
        #expect(!set.evaluate(context(score: 3, shared: shared, reduceOnly: true, side: "buy")).allow)
    }

    @Test func reloadCarriesStateByIDAndType() throws {
        let first = try load("  - {id: c, type: counter}\n")
        first.evaluate(context(score: 1)).commit()
        let second = try InlineRuleSet.load("version: 1\nname: t\npipeline:\n  - {id: c, type: counter, mode: shadow}\n  - {id: d, type: counter}\n",
                                            registry: FakeRegistry.standard, previous: first)
        let key = RuleKey(id: "c", type: "counter")
        #expect(second.states[key] === first.states[key])
        #expect(second.states[RuleKey(id: "d", type: "counter")] !== first.states[key])
        #expect(first.apply(.reset, now: WallTime(ms: 0))?.map(\.event.code) == ["COUNTER.RESET"])
        #expect(try load("  - {id: t, type: threshold}\n").apply(.reset, now: WallTime(ms: 0)) == nil)
    }

    @Test func traceTimesEveryRuleWithTheInjectedClock() throws {
        let set = try load("  - {id: a, type: threshold, params: {max: 5}}\n  - {id: b, type: counter}\n")
        let d = set.evaluate(context(score: 1), clock: ManualClock(step: .microseconds(2)))
        #expect(d.trace.steps.map(\.microseconds) == [2, 2])
    }
}
