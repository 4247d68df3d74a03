public import Codec
import RuleEngine

/// The output of `aurora test` (rule-files.md §7.6): text or JSON.
public enum RuleTestReport {
    public static func text(_ r: RuleTestRunner.Results, verbose: Bool) -> String {
        var lines: [String] = []
        for file in r.files {
            lines.append(file.path)
            for c in file.cases {
                lines.append("  \(c.ok ? "ok  " : "FAIL")  \(c.name)")
                for f in c.failures {
                    lines.append("        step \(f.step) at +\(f.atMs) ms: \(f.field): want \(render(f.want, f)), got \(render(f.got, f))")
                }
                if !c.ok, let trace = c.trace { lines.append("        trace: " + trace) }
                if c.ok, verbose, let trace = c.lastTrace { lines.append("        trace: " + trace) }
            }
        }
        let cases = r.passed + r.failed
        lines.append("\(r.files.count) file\(r.files.count == 1 ? "" : "s"), \(cases) case\(cases == 1 ? "" : "s"): \(r.passed) passed, \(r.failed) failed")
        let required = r.coverage.filter { $0.mode != .off }
        let covered = required.filter { $0.pass && $0.deny }.count
        let off = r.coverage.count - required.count
        lines.append("coverage: \(covered) of \(required.count) rules covered" + (off > 0 ? " (\(off) off)" : ""))
        for rule in required where !(rule.pass && rule.deny) {
            let what = !rule.pass && !rule.deny ? "pass and deny" : (rule.pass ? "deny" : "pass")
            lines.append("  missing \(what): \(rule.id) (\(rule.type)) at \(rule.location)")
        }
        if r.filtered && !r.coverageComplete { lines.append("  (--run selects cases: coverage is reported, not enforced)") }
        return lines.joined(separator: "\n")
    }

    /// JSON-rendered, except the two words of a verdict mismatch (rule-files.md §7.6: `want deny, got pass`).
    static func render(_ value: JSONValue, _ failure: RuleTestRunner.StepFailure) -> String {
        if failure.isVerdict, case .string(let word) = value { return word }
        return value.serializedString
    }

    public static func json(_ r: RuleTestRunner.Results) -> JSONValue {
        let files: [JSONValue] = r.files.map { file in
            .object(JSONObject([
                ("file", .string(file.path)),
                ("cases", .array(file.cases.map { c in
                    .object(JSONObject([
                        ("name", .string(c.name)), ("ok", .bool(c.ok)),
                        ("failures", .array(c.failures.map { f in
                            .object(JSONObject([("step", .int(Int64(f.step))), ("at_ms", .int(f.atMs)),
                                                ("field", .string(f.field)), ("want", f.want), ("got", f.got)]))
                        })),
                    ]))
                })),
            ]))
        }
        let rules: [JSONValue] = r.coverage.map { rule in
            .object(JSONObject([("file", .string(rule.file)), ("id", .string(rule.id)), ("type", .string(rule.type)),
                                ("mode", .string(rule.mode.rawValue)), ("pass", .bool(rule.pass)), ("deny", .bool(rule.deny))]))
        }
        return .object(JSONObject([
            ("files", .array(files)), ("passed", .int(Int64(r.passed))), ("failed", .int(Int64(r.failed))),
            ("coverage", .object(JSONObject([("complete", .bool(r.coverageComplete)), ("rules", .array(rules))]))),
        ]))
    }
}
