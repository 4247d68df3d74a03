import Codec
import Testing
@testable import Host

/// Requests, time, initial state, OPS and reload steps of rule test cases (rule-files.md §7.1–§7.3).
extension RuleTestRunnerTests {
    /// Runs `tests` against `rules` (written as `rules.yaml`) and returns the single file's case results.
    static func cases(_ tests: String, rules: String = W.thresholdAndAge, base: String = W.base,
                      extra: [String: String] = [:]) -> [RuleTestRunner.CaseResult] {
        let w = W()
        w.write("rules.yaml", rules)
        for (name, contents) in extra { w.write(name, contents) }
        w.write("t.yaml", testFile(tests, base: base))
        let results = w.run(["t.yaml"])
        #expect(results.loadErrors == "", "\(results.loadErrors)")
        return results.files.first?.cases ?? []
    }

    /// A quote fixed at the start time: the age rule's `measured` is then the step's offset.
    static let fixedQuoteBase = """
        base:
          account: {mode: testnet}
          order: {symbol: BTCUSDT, side: buy, qty: 2.0}
          market: {score: 0.5, quote_ts_ms: 1735689600000}
        """

    @Test func repeatRunsEveryMsApartAndChecksEachRepetition() {
        let results = Self.cases("""
              - name: three within the age limit
                steps:
                  - {at_ms: 0, request: {}, repeat: 3, every_ms: 500, expect: {allow: true}}
                  - {at_ms: 1000, request: {}, expect: {rules: {age: {measured: 1000}}}}
              - name: the fourth repetition is too old
                steps:
                  - {at_ms: 0, request: {}, repeat: 4, every_ms: 400, expect: {allow: true}}
                  - {at_ms: 5000, request: {}, expect: {allow: true}}
              - name: start_time is not at_ms 0 of a repetition
                steps:
                  - {at_ms: 100, request: {}, repeat: 2, every_ms: 0, expect: {rules: {age: {measured: 100}}}}
            """, base: Self.fixedQuoteBase)
        #expect(results.map(\.ok) == [true, false, true])
        // Repetitions at 0, 400, 800, 1200: the fourth (1200 ms > 1000) fails, reported at its own time, step 1.
        let failures = results[1].failures
        #expect(failures.map(\.step) == [1])
        #expect(failures.map(\.atMs) == [1200])
        #expect(failures.map(\.field) == ["allow"])
    }

    @Test func startTimeSetsTheClock() {
        let results = Self.cases("""
              - name: at_ms 0 is one second after the quote
                request: {}
                expect: {rules: {age: {measured: 1000}}}
            """, base: "start_time: \"2025-01-01T00:00:01Z\"\n" + Self.fixedQuoteBase)
        #expect(results.map(\.ok) == [true])
    }

    @Test func nowMsTemplatesAreResolvedAtEachStep() {
        let results = Self.cases("""
              - name: a quote 250 ms old at every step
                steps:
                  - {at_ms: 0, request: {market: {quote_ts_ms: {now_ms: -250}}}, expect: {rules: {age: {measured: 250}}}}
                  - {at_ms: 7000, request: {market: {quote_ts_ms: {now_ms: -250}}}, repeat: 2, every_ms: 10,
                     expect: {rules: {age: {measured: 250}}}}
                  - {at_ms: 9000, request: {market: {quote_ts_ms: {now_ms: 0}}}, expect: {rules: {age: {measured: 0}}}}
            """)
        #expect(results.map(\.ok) == [true])
    }

    @Test func nullRemovesABaseKeyAndTheRestOfTheBaseStays() {
        let results = Self.cases("""
              - name: score removed
                request: {market: {score: null}}
                expect: {allow: false, reason: "missing_input:market.score", reasons: ["missing_input:market.score"],
                         hard_gate: true, rules: {age: {verdict: pass, measured: 100}}}
              - name: a nested mapping merges key by key, an array replaces
                request: {market: {score: 0.25}, risk_tags: [a, b]}
                expect: {allow: true, rules: {threshold: {measured: 0.25}, age: {measured: 100}}}
            """)
        #expect(results.map(\.ok) == [true, true])
    }

    @Test func initialStateSetsTradingStateArmedPositionsAndRiskOverrides() {
        let rules = """
            version: 1
            name: shared
            pipeline:
              - {id: trading, type: trading}
              - {id: guard, type: health_guard}
              - {id: risk, type: risk_caps}
              - {id: threshold, type: threshold, params: {max: 1}}
            """
        let results = Self.cases("""
              - name: halted
                state: {trading_state: HALTED}
                request: {}
                expect: {allow: false, reason: trading_halted, hard_gate: true}
              - name: reducing
                state: {trading_state: REDUCING}
                request: {}
                expect: {allow: false, reason: trading_reducing}
              - name: disarmed
                state: {armed: false}
                request: {}
                expect: {allow: false, reason: disarmed, rules: {trading: pass, guard: deny}}
              - name: a long in the book makes a reduce_only sell a reducing order
                state: {positions: {"btc/usdt": {position_qty: 0.5, fill_price: 60000.0, since_ms: -1000}}}
                request: {order: {side: sell, reduce_only: true}, market: {score: 5.0}}
                expect: {allow: true, diagnostics: ["reducing_order_exempt:guard", "reducing_order_exempt:threshold"],
                         risk_scale: 1.0, rules: {trading: pass, risk: pass, threshold: skip}}
              - name: a runtime size_scale
                state: {risk_overrides: {size_scale: 0.5}}
                request: {}
                expect: {allow: true, risk_scale: 0.5, max_qty: 1.0}
              - name: every case starts from a fresh engine
                request: {}
                expect: {allow: true, risk_scale: 1.0, max_qty: 2.0, rules: {guard: {measured: 1}}}
            """, rules: rules)
        #expect(results.map(\.name) == ["halted", "reducing", "disarmed",
                                         "a long in the book makes a reduce_only sell a reducing order",
                                         "a runtime size_scale", "every case starts from a fresh engine"])
        #expect(results.map(\.ok) == [true, true, true, true, true, true])
    }

    @Test func opsStepsActOnTheEngine() {
        let rules = """
            version: 1
            name: shared
            pipeline:
              - {id: trading, type: trading}
              - {id: guard, type: health_guard}
              - {id: risk, type: risk_caps}
            """
        let results = Self.cases("""
              - name: trading state
                steps:
                  - {at_ms: 0, ops: halt}
                  - {at_ms: 1, request: {}, expect: {reason: trading_halted}}
                  - {at_ms: 2, ops: {resume: {reason: "drill over", to: REDUCING}}}
                  - {at_ms: 3, request: {}, expect: {reason: trading_reducing}}
                  - {at_ms: 4, ops: {resume: "all clear"}}
                  - {at_ms: 5, request: {}, expect: {allow: true}}
                  - {at_ms: 6, ops: reduce}
                  - {at_ms: 7, request: {}, expect: {reason: trading_reducing}}
              - name: armed flag, reset and risk overrides
                steps:
                  - {at_ms: 0, ops: disarm}
                  - {at_ms: 1, request: {}, expect: {reason: disarmed, rules: {guard: {measured: 1}}}}
                  - {at_ms: 2, ops: arm}
                  - {at_ms: 3, request: {}, expect: {allow: true, rules: {guard: {measured: 2}}}}
                  - {at_ms: 4, ops: reset}
                  - {at_ms: 5, request: {}, expect: {rules: {guard: {measured: 1}}}}
                  - {at_ms: 6, ops: {risk_set: {size_scale: 0.25}}}
                  - {at_ms: 7, request: {}, expect: {risk_scale: 0.25, max_qty: 0.5}}
                  - {at_ms: 8, ops: {risk_set: {reset: true}}}
                  - {at_ms: 9, request: {}, expect: {risk_scale: 1.0}}
                  - {at_ms: 10, ops: {cooloff_s: 30}}
              - name: a refused action fails its step
                steps:
                  - {at_ms: 0, ops: halt}
                  - {at_ms: 10, ops: reduce}
                  - {at_ms: 20, request: {}, expect: {allow: true}}
            """, rules: rules)
        #expect(results.map(\.ok) == [true, true, false])
        let refused = results[2].failures
        #expect(refused.map(\.step) == [2])
        #expect(refused.map(\.atMs) == [10])
        #expect(refused.map(\.field) == ["ops.reduce"])
        #expect(refused.first?.want == "200")
        #expect(refused.first?.got.stringValue?.hasPrefix("409 ") == true)
    }

    @Test func posttradeStepsBookPositions() {
        let results = Self.cases("""
              - name: a fill opens a long that a reduce_only sell then reduces
                steps:
                  - {at_ms: 0, posttrade: {symbol: BTCUSDT, side: buy, qty: 0.5, filled: 0.5, price: 60000.0,
                                           status: filled, order_id: o1, ts: {now_ms: 0}}}
                  - {at_ms: 10, request: {order: {side: sell, reduce_only: true}, market: {score: 5.0}},
                     expect: {allow: true, diagnostics: ["reducing_order_exempt:threshold", "reducing_order_exempt:age"]}}
              - name: an invalid report fails its step
                steps:
                  - {at_ms: 0, posttrade: {symbol: BTCUSDT, side: buy, status: filled, filled: 0.5, order_id: o1}}
            """)
        #expect(results.map(\.ok) == [true, false])
        #expect(results[1].failures.map(\.field) == ["posttrade"])
        #expect(results[1].failures.first?.got.stringValue?.hasPrefix("422 ") == true)
    }

    @Test func reloadStepsCarryStateByIdAndType() {
        let first = """
            version: 1
            name: first
            pipeline:
              - {id: guard, type: health_guard, params: {label: a}}
            """
        let second = """
            version: 1
            name: second
            pipeline:
              - {id: guard, type: health_guard, params: {label: b}}
              - {id: threshold, type: threshold, params: {max: 1}}
            """
        let renamed = """
            version: 1
            name: renamed
            pipeline:
              - {id: guard2, type: health_guard}
            """
        let results = Self.cases("""
              - name: the counter survives a reload and restarts under a new id
                steps:
                  - {at_ms: 0, request: {market: {score: 5.0}}, repeat: 2, every_ms: 10, expect: {allow: true}}
                  - {at_ms: 100, reload: second.yaml}
                  - {at_ms: 110, request: {},
                     expect: {allow: true, rules: {guard: {measured: 3}, threshold: pass}}}
                  - {at_ms: 120, request: {market: {score: 5.0}}, expect: {allow: false, reason: score_too_high}}
                  # a reload to the same rule set changes nothing
                  - {at_ms: 130, reload: [second.yaml]}
                  - {at_ms: 140, request: {}, expect: {rules: {guard: {measured: 5}}}}
                  - {at_ms: 150, reload: renamed.yaml}
                  - {at_ms: 160, request: {}, expect: {rules: {guard2: {measured: 1}}}}
                  # 'guard' was removed by the last reload, so its state is gone; the armed flag is process-wide
                  # state, which a reload keeps
                  - {at_ms: 170, ops: disarm}
                  - {at_ms: 180, reload: first.yaml}
                  - {at_ms: 190, request: {}, expect: {allow: false, reason: disarmed, rules: {guard: {measured: 1}}}}
            """, rules: first, extra: ["second.yaml": second, "renamed.yaml": renamed, "first.yaml": first])
        #expect(results.map(\.ok) == [true], "\(results.first?.failures.map { "step \($0.step): \($0.field)" } ?? [])")
    }
}

extension RuleTestRunnerTests {
    @Test func rulesLoadedOnlyByAReloadAreNotRequiredForCoverage() {
        let w = W()
        w.write("rules.yaml", W.thresholdAndAge)
        w.write("other.yaml", """
            version: 1
            name: other
            pipeline:
              - {id: extra, type: threshold, params: {max: 3}}
            """)
        w.write("t.yaml", Self.testFile(Self.coveringCases + """

              - name: after a reload
                steps:
                  - {at_ms: 0, reload: other.yaml}
                  - {at_ms: 10, request: {}, expect: {allow: true, rules: {extra: pass}}}
            """))
        let results = w.run(["t.yaml"])
        #expect(results.ok)
        #expect(results.coverage.map(\.id) == ["threshold", "age"])
    }
}
