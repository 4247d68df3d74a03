import Codec
import Foundation
import Host
import RuleEngine
import Rules

/// `aurora test`: run rule test files and check rule coverage (rule-files.md §7).
enum TestCommand: Command {
    static let name = "test"
    static let summary = "run rule tests (rules/tests/*.yaml) and check that every rule passes and denies"
    static let help = """
        usage: aurora test [--run REGEX] [--json] [--verbose] [FILE_OR_DIR ...]

        Runs rule test files: requests, fills and operator actions fed to a rule set under a virtual clock, each
        decision checked against its expectations. Every rule in enforce or shadow mode must be seen passing and
        denying in passing cases (coverage), otherwise the run fails and names the uncovered rules.
        Default: rules/tests/*.yaml (a directory means its *.yaml files, sorted).

          --run REGEX   run only the cases whose name matches (coverage is reported, not enforced)
          --json        one JSON object instead of text
          --verbose     also print the trace of passing cases

        exit status: 0 all passed and coverage complete, 1 a failure, a load error or a coverage gap, 2 usage error

        example:
          aurora test rules/tests
          aurora test --run 'spread' rules/tests/default.yaml
        """

    static func run(_ raw: [String]) throws(UsageError) -> ExitCode {
        let args = try Arguments(raw, options: ["run": .value, "json": .flag, "verbose": .flag])
        if let pattern = args.value("run"), (try? NSRegularExpression(pattern: pattern)) == nil {
            throw UsageError("--run takes a regular expression, got '\(pattern)'")
        }
        var files: [String] = []
        for item in args.positionals.isEmpty ? ["rules/tests"] : args.positionals {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: item, isDirectory: &isDirectory), isDirectory.boolValue {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: item)) ?? []
                files += names.filter { $0.hasSuffix(".yaml") }.sorted().map { item.hasSuffix("/") ? item + $0 : item + "/" + $0 }
            } else {
                files.append(item)
            }
        }
        if files.isEmpty {
            Output.err("aurora test: no test files found")
            return .failure
        }
        let results = RuleTestRunner(registry: .standard()).run(paths: files, filter: args.value("run"))
        if !results.loadErrors.isEmpty { Output.err(results.loadErrors) }
        if args.flag("json") {
            Output.out(RuleTestReport.json(results).serializedString)
        } else {
            Output.out(RuleTestReport.text(results, verbose: args.flag("verbose")))
        }
        return results.ok ? .success : .failure
    }
}
