import Foundation
import Testing

/// `aurora test` (rule-files.md §7.6) run as a process: exit codes, the text report and the --json shape.
@Suite struct TestCommandTests {
    /// A temporary directory with a two-rule file (latency 30 ms, spread 80 bps) and test files against it.
    final class Workspace {
        let path = NSTemporaryDirectory() + "aurora-test-command-\(UUID().uuidString)"

        init() throws {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            try write("rules.yaml", """
                version: 1
                name: tc
                pipeline:
                  - id: latency
                    type: latency
                    params: {max_ms: 30}
                  - id: spread
                    type: spread
                    params: {max_bps: 80}
                """)
        }
        deinit { try? FileManager.default.removeItem(atPath: path) }

        func write(_ name: String, _ text: String) throws {
            let file = path + "/" + name
            try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            try text.write(toFile: file, atomically: true, encoding: .utf8)
        }

        /// A test file against rules.yaml with these `tests:` items.
        func writeTests(_ name: String, _ tests: String, rules: String = "rules.yaml") throws {
            try write(name, """
                version: 1
                rule_files: [\(rules)]
                base:
                  account: {mode: testnet}
                  order: {symbol: BTCUSDT, side: buy, qty: 0.01}
                  market: {latency_ms: 1.0, spread_bps: 2.0}
                tests:
                \(tests)
                """)
        }
    }

    static let happy = """
          - name: happy path is allowed
            request: {}
            expect: {allow: true, reason: ok}
        """
    static let spreadDenies = """
          - name: spread above the limit denies
            request: {market: {spread_bps: 80.1}}
            expect: {allow: false, reason: "spread_bps_too_wide:80.1", reasons: ["spread_bps_too_wide:80.1"],
                     rules: {spread: deny}}
        """
    static let latencyDenies = """
          - name: latency above the limit denies
            request: {market: {latency_ms: 31}}
            expect: {allow: false, reason: latency_guard}
        """

    @Test func theShippedRuleTestsPassWithFullCoverage() throws {
        let r = try AuroraProcess.run(["test", "rules/tests"])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stderr.isEmpty)
        let lines = r.stdout.split(separator: "\n").map(String.init)
        for name in ["anti_churn", "default", "expected_return", "freshness", "governance", "health_guard", "latency",
                     "risk_caps", "slippage", "spread", "sprt", "trap"] {
            #expect(lines.contains("rules/tests/\(name).yaml"))
        }
        #expect(!lines.contains { $0.hasPrefix("  FAIL") })
        #expect(lines.dropLast().last?.hasSuffix(" passed, 0 failed") == true)
        let coverage = try #require(lines.last)
        let counts = coverage.split(separator: " ")
        #expect(counts.count == 6 && counts[0] == "coverage:" && counts[1] == counts[3], "\(coverage)")
        // The default is rules/tests/*.yaml: the same run.
        #expect(try AuroraProcess.run(["test"]).stdout == r.stdout)
    }

    @Test func aFailingCaseExits1WithWantGotLinesAndTheTrace() throws {
        let w = try Workspace()
        try w.writeTests("t.yaml", Self.happy + "\n" + Self.spreadDenies.replacingOccurrences(of: "80.1}}", with: "80}}"))
        let r = try AuroraProcess.run(["test", w.path + "/t.yaml"])
        #expect(r.status == 1)
        #expect(r.stderr.isEmpty)
        #expect(r.stdout == """
            \(w.path)/t.yaml
              ok    happy path is allowed
              FAIL  spread above the limit denies
                    step 1 at +0 ms: allow: want false, got true
                    step 1 at +0 ms: reason: want "spread_bps_too_wide:80.1", got "ok"
                    step 1 at +0 ms: reasons: want ["spread_bps_too_wide:80.1"], got []
                    step 1 at +0 ms: rules.spread: want deny, got pass
                    trace: latency pass · spread pass (80 vs 80)
            1 file, 2 cases: 1 passed, 1 failed
            coverage: 0 of 2 rules covered
              missing deny: latency (latency) at \(w.path)/rules.yaml:4:5
              missing deny: spread (spread) at \(w.path)/rules.yaml:7:5

            """)
    }

    @Test func jsonHasTheDocumentedShape() throws {
        let w = try Workspace()
        try w.writeTests("t.yaml", Self.happy + "\n" + Self.spreadDenies.replacingOccurrences(of: "80.1}}", with: "80}}"))
        let r = try AuroraProcess.run(["test", "--json", w.path + "/t.yaml"])
        #expect(r.status == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["files", "passed", "failed", "coverage"])
        #expect(object["passed"] as? Int == 1)
        #expect(object["failed"] as? Int == 1)
        let files = try #require(object["files"] as? [[String: Any]])
        #expect(files.count == 1)
        #expect(Set(files[0].keys) == ["file", "cases"])
        #expect(files[0]["file"] as? String == w.path + "/t.yaml")
        let cases = try #require(files[0]["cases"] as? [[String: Any]])
        #expect(cases.map { Set($0.keys) } == [["name", "ok", "failures"], ["name", "ok", "failures"]])
        #expect(cases.map { $0["name"] as? String } == ["happy path is allowed", "spread above the limit denies"])
        #expect(cases.map { $0["ok"] as? Bool } == [true, false])
        #expect((cases[0]["failures"] as? [Any])?.isEmpty == true)
        let failures = try #require(cases[1]["failures"] as? [[String: Any]])
        #expect(failures.map { Set($0.keys) }.allSatisfy { $0 == ["step", "at_ms", "field", "want", "got"] })
        #expect(failures.map { $0["field"] as? String } == ["allow", "reason", "reasons", "rules.spread"])
        #expect(failures.map { $0["step"] as? Int } == [1, 1, 1, 1])
        #expect(failures.map { $0["at_ms"] as? Int } == [0, 0, 0, 0])
        #expect(failures[0]["want"] as? Bool == false && failures[0]["got"] as? Bool == true)
        #expect(failures[2]["want"] as? [String] == ["spread_bps_too_wide:80.1"] && (failures[2]["got"] as? [String])?.isEmpty == true)
        #expect(failures[3]["want"] as? String == "deny" && failures[3]["got"] as? String == "pass")
        let coverage = try #require(object["coverage"] as? [String: Any])
        #expect(Set(coverage.keys) == ["complete", "rules"])
        #expect(coverage["complete"] as? Bool == false)
        let rules = try #require(coverage["rules"] as? [[String: Any]])
        #expect(rules.map { Set($0.keys) }.allSatisfy { $0 == ["file", "id", "type", "mode", "pass", "deny"] })
        #expect(rules.map { $0["id"] as? String } == ["latency", "spread"])
        #expect(rules.map { $0["file"] as? String } == [w.path + "/rules.yaml", w.path + "/rules.yaml"])
        #expect(rules.map { $0["mode"] as? String } == ["enforce", "enforce"])
        #expect(rules.map { $0["pass"] as? Bool } == [true, true])
        #expect(rules.map { $0["deny"] as? Bool } == [false, false])
    }

    @Test func aCoverageGapAloneExits1AndVerbosePrintsPassingTraces() throws {
        let w = try Workspace()
        try w.writeTests("t.yaml", Self.happy + "\n" + Self.spreadDenies)
        let r = try AuroraProcess.run(["test", "--verbose", w.path + "/t.yaml"])
        #expect(r.status == 1)
        #expect(r.stdout == """
            \(w.path)/t.yaml
              ok    happy path is allowed
                    trace: latency pass (1 vs 30) · spread pass (2 vs 80)
              ok    spread above the limit denies
                    trace: latency pass (1 vs 30) · spread deny (80.1 vs 80)
            1 file, 2 cases: 2 passed, 0 failed
            coverage: 1 of 2 rules covered
              missing deny: latency (latency) at \(w.path)/rules.yaml:4:5

            """)
    }

    @Test func fullCoverageExits0AndADirectoryRunsItsYAMLFilesSorted() throws {
        let w = try Workspace()
        try w.writeTests("tests/b.yaml", Self.happy + "\n" + Self.spreadDenies, rules: "../rules.yaml")
        try w.writeTests("tests/a.yaml", Self.latencyDenies, rules: "../rules.yaml")
        // Only the directory's own *.yaml files are test files: not other files, not subdirectories.
        try w.write("tests/notes.txt", "not a test file")
        try w.write("tests/fixtures/ignored.yaml", "not: [a test file")
        let r = try AuroraProcess.run(["test", w.path + "/tests"])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout == """
            \(w.path)/tests/a.yaml
              ok    latency above the limit denies
            \(w.path)/tests/b.yaml
              ok    happy path is allowed
              ok    spread above the limit denies
            2 files, 3 cases: 3 passed, 0 failed
            coverage: 2 of 2 rules covered

            """)
    }

    @Test func runFiltersCasesAndDoesNotEnforceCoverage() throws {
        let w = try Workspace()
        try w.writeTests("t.yaml", Self.happy + "\n" + Self.spreadDenies + "\n" + Self.latencyDenies)
        let r = try AuroraProcess.run(["test", "--run", "^spread", w.path + "/t.yaml"])
        #expect(r.status == 0, "\(r.stdout)")
        #expect(r.stdout == """
            \(w.path)/t.yaml
              ok    spread above the limit denies
            1 file, 1 case: 1 passed, 0 failed
            coverage: 0 of 2 rules covered
              missing deny: latency (latency) at \(w.path)/rules.yaml:4:5
              missing pass: spread (spread) at \(w.path)/rules.yaml:7:5
              (--run selects cases: coverage is reported, not enforced)

            """)
    }

    @Test func anInvalidRuleFileExits1WithItsDiagnostics() throws {
        let w = try Workspace()
        try w.write("sprt.yaml", """
            version: 1
            name: sprt0
            pipeline:
              - id: sprt
                type: sprt
                params: {sigma: 0}
            """)
        try w.write("t.yaml", """
            version: 1
            rule_files: [sprt.yaml]
            tests:
              - name: never runs
                request: {}
                expect: {allow: true}
            """)
        let r = try AuroraProcess.run(["test", w.path + "/t.yaml"])
        #expect(r.status == 1)
        #expect(r.stderr == """
            \(w.path)/sprt.yaml:6:21: error: 'sigma' must be > 0 and ≤ 1000000, got 0 [out-of-range]
               6 |     params: {sigma: 0}
                 |                     ^

            1 error, 0 warnings in 1 file

            """)
        #expect(r.stdout == "0 files, 0 cases: 0 passed, 0 failed\ncoverage: 0 of 0 rules covered\n")
    }

    @Test(arguments: [["--bogus"], ["--run", "("], ["--run"]])
    func usageErrorsExit2(_ arguments: [String]) throws {
        let r = try AuroraProcess.run(["test"] + arguments)
        #expect(r.status == 2)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.hasPrefix("aurora test: "))
        #expect(r.stderr.contains("\n\nusage: aurora test [--run REGEX] [--json] [--verbose] [FILE_OR_DIR ...]\n"))
    }

    @Test func runPatternErrorNamesThePattern() throws {
        let r = try AuroraProcess.run(["test", "--run", "("])
        #expect(r.stderr.hasPrefix("aurora test: --run takes a regular expression, got '('\n"))
    }
}
