import Testing
@testable import Host

/// Load errors of rule test files (rule-files.md §7): every problem with file:line:col, and the run fails.
extension RuleTestRunnerTests {
    @Test func loadErrorsAreCollectedWithFileLineColAndHints() {
        let w = W()
        w.write("rules.yaml", W.thresholdAndAge)
        w.write("t.yaml", Self.testFile("""
              - name: a typo in a request field
                request: {market: {scroe: 2.0}}
                expect: {allow: false}
              - name: an unknown rule id
                request: {}
                expect: {rules: {threshhold: pass}}
              - name: a wrong type
                steps:
                  - {at_ms: soon, request: {}}
                  - {at_ms: 0, request: {}, expect: {allow: "yes"}}
            """))
        let results = w.run(["t.yaml"])
        #expect(!results.ok)
        #expect(results.files.isEmpty)
        let marketKeys = "a_bps, b_bps, best_ask, best_bid, dq, latency_ms, mid, mode_regime, obi_sign, open_positions, "
            + "pnl_today_pct, quote_ts_ms, score, slip_bps_est, spread_bps, sprt_samples, symbol, tfi_sign, "
            + "trap_add_deltas, trap_cancel_deltas, trap_trades_cnt, vol_std_bps"
        #expect(w.loadErrors(results) == """
            <dir>/t.yaml:9:24: error: unknown key 'scroe' in request 'market' [unknown-key]
               9 |     request: {market: {scroe: 2.0}}
                 |                        ^~~~~
               note: did you mean 'score'?
               note: valid keys: \(marketKeys)

            <dir>/t.yaml:13:22: error: expectation names rule 'threshhold', which the rule set does not have [unknown-rule-id]
              13 |     expect: {rules: {threshhold: pass}}
                 |                      ^~~~~~~~~~
               note: did you mean 'threshold'?
               note: rules: age, threshold

            <dir>/t.yaml:16:17: error: 'at_ms' must be an integer, got the string "soon" [type-mismatch]
              16 |       - {at_ms: soon, request: {}}
                 |                 ^~~~

            <dir>/t.yaml:17:49: error: 'allow' must be true or false, got the string "yes" [type-mismatch]
              17 |       - {at_ms: 0, request: {}, expect: {allow: "yes"}}
                 |                                                 ^~~~~

            4 errors, 0 warnings in 1 file

            """)
        // The report still ends with the totals, and the run fails.
        #expect(w.text(results).hasPrefix("0 files, 0 cases: 0 passed, 0 failed"))
    }

    @Test func stepShapeAndTimeOrderAreCheckedAtLoad() {
        let w = W()
        w.write("rules.yaml", W.thresholdAndAge)
        w.write("t.yaml", Self.testFile("""
              - name: shapes
                steps:
                  - {at_ms: 0, request: {}, repeat: 3, every_ms: 500}
                  - {at_ms: 999, request: {}}
                  - {at_ms: 1000, ops: halt, expect: {allow: true}}
                  - {at_ms: 1000, request: {}, repeat: 2}
                  - {at_ms: 1000}
            """))
        let errors = w.loadErrors(w.run(["t.yaml"]))
        #expect(errors.contains("<dir>/t.yaml:11:17: error: 'at_ms' must not be earlier than the previous step (1000), got 999 [out-of-range]"))
        #expect(errors.contains("<dir>/t.yaml:12:42: error: 'expect' belongs to a request step [invalid-value]"))
        #expect(errors.contains("<dir>/t.yaml:13:9: error: missing required key 'every_ms' in a step with repeat > 1 [missing-key]"))
        #expect(errors.contains("<dir>/t.yaml:14:9: error: a step has exactly one of 'request', 'posttrade', 'ops', 'reload', got none [invalid-value]"))
        #expect(errors.hasSuffix("4 errors, 0 warnings in 1 file\n"))
    }

    @Test func anInvalidRuleFileOrReloadTargetIsALoadErrorNotAFailedStep() {
        let w = W()
        w.write("rules.yaml", W.thresholdAndAge)
        w.write("broken.yaml", """
            version: 1
            name: broken
            pipeline:
              - id: threshold
                type: threshhold
            """)
        w.write("t.yaml", Self.testFile(Self.coveringCases + """

              - name: reloads a broken file
                steps:
                  - {at_ms: 0, reload: broken.yaml}
            """))
        w.write("ok.yaml", Self.testFile(Self.coveringCases))
        let results = w.run(["t.yaml", "ok.yaml"])
        #expect(!results.ok)
        // The broken file is not run; the other file still is.
        #expect(results.files.map { w.scrub($0.path) } == ["<dir>/ok.yaml"])
        #expect(w.loadErrors(results).hasPrefix("""
            <dir>/broken.yaml:5:11: error: unknown rule type 'threshhold' [unknown-type]
               5 |     type: threshhold
                 |           ^~~~~~~~~~
               note: did you mean 'threshold'?
            """))
    }

    @Test func aMissingTestFileIsAnIOError() {
        let w = W()
        let results = w.run(["absent.yaml"])
        #expect(!results.ok)
        #expect(w.loadErrors(results).hasPrefix(
            "<dir>/absent.yaml: error: cannot read '<dir>/absent.yaml': No such file or directory [io-error]"))
    }
}
