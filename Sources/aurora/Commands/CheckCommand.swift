import Codec
import RuleEngine
import Rules
import YAMLKit

/// `aurora check`: validate rule files, every problem compiler-style (rule-files.md §4.2).
enum CheckCommand: Command {
    static let name = "check"
    static let summary = "validate rule files and print their fingerprint"
    static let help = """
        usage: aurora check [--strict] [--json] [--effective] [FILE ...]

        Validates the rule files (with their includes) as one rule set and reports every problem at once, as
        file:line:col diagnostics with the source line and a caret. Without FILE, checks the rule files of
        --rules / AURORA_RULES / rules.files of configs/aurora.yaml / rules/default.yaml.

          --strict      treat warnings as errors
          --json        print one JSON object instead of text
          --effective   after a successful check, print the compiled pipeline with every effective value

        exit status: 0 valid, 1 invalid (or warnings with --strict), 2 usage error

        example:
          aurora check rules/default.yaml
          aurora check --strict --json rules/default.yaml rules/extra.yaml
        """

    static func run(_ raw: [String]) throws(UsageError) -> ExitCode {
        let args = try Arguments(raw, options: ["strict": .flag, "json": .flag, "effective": .flag])
        let selection = RuleFileSelection.resolve(flags: args.positionals)
        let result = RuleSetLoader(registry: .standard()).load(files: selection.files)
        let strict = args.flag("strict")
        let failed = result.diagnostics.hasErrors || (strict && result.diagnostics.warningCount > 0)
        if args.flag("json") {
            Output.out(json(result, ok: !failed).serializedString)
            return failed ? .failure : .success
        }
        if !result.diagnostics.isEmpty { Output.err(result.rendered) }
        guard !failed, let set = result.ruleSet else { return .failure }
        for file in selection.files {
            let steps = set.steps.filter { $0.root == file }
            let count = { (mode: RuleMode) in steps.filter { $0.mode == mode }.count }
            let includes = set.includeCounts[file] ?? 0
            Output.out("\(file): OK (\(steps.count) rule\(steps.count == 1 ? "" : "s"): \(count(.enforce)) enforce, "
                + "\(count(.shadow)) shadow, \(count(.off)) off; \(includes) include\(includes == 1 ? "" : "s"))")
        }
        Output.out("ruleset \(set.identity.name) fingerprint \(set.identity.fingerprint)")
        if args.flag("effective") { Output.out(EffectiveRules.yaml(set)) }
        return .success
    }

    private static func json(_ result: RuleSetLoadResult, ok: Bool) -> JSONValue {
        let ruleset: JSONValue = result.ruleSet.map { set in
            .object(JSONObject([("name", .string(set.identity.name)), ("fingerprint", .string(set.identity.fingerprint)),
                                ("rules", .int(Int64(set.steps.count)))]))
        } ?? .null
        let items: [JSONValue] = result.diagnostics.sorted.map { d in
            .object(JSONObject([
                ("file", (d.location?.file ?? d.file).map { .string($0) } ?? .null),
                ("line", d.location.map { .int(Int64($0.line)) } ?? .null),
                ("col", d.location.map { .int(Int64($0.column)) } ?? .null),
                ("severity", .string(d.severity.rawValue)), ("code", .string(d.code.rawValue)),
                ("message", .string(d.message)), ("notes", .array(d.notes.map { .string($0) })),
            ]))
        }
        return .object(JSONObject([
            ("ok", .bool(ok)), ("ruleset", ok ? ruleset : .null),
            ("errors", .int(Int64(result.diagnostics.errorCount))),
            ("warnings", .int(Int64(result.diagnostics.warningCount))), ("diagnostics", .array(items)),
        ]))
    }
}
