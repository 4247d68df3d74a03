import Foundation
import Host
import RuleEngine
import Rules

/// `aurora eval`: one request (or a JSONL sequence of steps) → decision, outside the server (rule-files.md §8).
enum EvalCommand: Command {
    static let name = "eval"
    static let summary = "evaluate a request against rule files and explain the decision"
    static let help = """
        usage: aurora eval [--rules FILE]... [--input FILE|- | --steps FILE|-] [--now TIME] [--mode MODE]
                           [--explain[=deny|all]] [--json] [--fail-on-deny]

        Evaluates one POST /pretrade/check body against the rule files, exactly as the server would, and prints the
        response JSON. The input is validated like the HTTP layer does: an invalid body prints the 422 detail list.
        Nothing is written to any log; every rule starts with empty state.

          --rules FILE      rule file (repeatable); default: AURORA_RULES, rules.files of configs/aurora.yaml,
                            rules/default.yaml
          --input FILE|-    the request body (default: standard input)
          --steps FILE|-    JSON Lines of steps, each {"at": epoch_ms, and one of "pretrade": body,
                            "posttrade": body, "ops": {"action": "halt"|"resume"|…, …body}, "reload": "file.yaml"},
                            evaluated in one process with all state carried over; one JSON answer per line
          --now TIME        RFC 3339 UTC time or epoch milliseconds (default: the wall clock)
          --mode MODE       account mode of a request without account.mode (default testnet)
          --explain[=deny|all]  print a report: every rule's verdict, measured value and threshold, and for
                            denying rules (or all) where it is declared, its params and the inputs it read
          --json            with --explain: the ?explain=full response JSON instead of the report
          --fail-on-deny    exit 3 when the request is denied

        exit status: 0 evaluated, 3 denied with --fail-on-deny, 1 invalid rules or input, 2 usage error

        example:
          aurora eval --rules rules/default.yaml --input examples/allow.json --explain
          echo '{"account":{},"order":{"symbol":"BTCUSDT","side":"buy","qty":0.01},"market":{}}' | aurora eval --json --explain
          aurora eval --rules rules/default.yaml --steps examples/steps.jsonl
        """

    static func run(_ raw: [String]) throws(UsageError) -> ExitCode {
        let args = try Arguments(raw, options: ["rules": .repeated, "input": .value, "steps": .value, "now": .value, "mode": .value,
                                                "explain": .flag, "json": .flag, "fail-on-deny": .flag])
        guard args.positionals.isEmpty else { throw UsageError("unexpected argument '\(args.positionals[0])'") }
        var detail: ExplainReport.Detail?
        if args.flag("explain") {
            switch args.value("explain") {
            case nil, "deny": detail = .deny
            case "all": detail = .all
            case let other?: throw UsageError("--explain takes deny or all, got '\(other)'")
            }
        }
        if args.value("steps") != nil {
            if args.value("now") != nil { throw UsageError("--now is not allowed with --steps: each step has its 'at'") }
            if args.value("input") != nil { throw UsageError("--input and --steps cannot be used together") }
            return runSteps(args)
        }
        var now = WallTime(ms: Int64((Date().timeIntervalSince1970 * 1000).rounded(.down)))
        if let text = args.value("now") {
            guard let ms = RFC3339.parse(text) else {
                throw UsageError("--now takes an RFC 3339 UTC time or epoch milliseconds, got '\(text)'")
            }
            now = WallTime(ms: ms)
        }
        let path = args.value("input") ?? "-"
        let body: Data
        if path == "-" {
            body = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            guard let data = FileManager.default.contents(atPath: path) else {
                Output.err("aurora eval: cannot read '\(path)'")
                return .failure
            }
            body = data
        }
        let selection = RuleFileSelection.resolve(flags: args.all("rules"))
        let evaluator: Evaluator
        do {
            evaluator = try Evaluator(registry: .standard(), files: selection.files, now: now,
                                      defaultMode: args.value("mode") ?? "testnet")
        } catch {
            if case .invalidRules(let rendered) = error { Output.err(rendered) }
            return .failure
        }
        switch evaluator.service.pretrade(body: Array(body), explain: detail != nil && args.flag("json"), now: now) {
        case .invalid(let detailBody):
            Output.out(String(decoding: detailBody, as: UTF8.self))
            return .failure
        case .decided(let outcome):
            outcome.decision.commit()
            if let detail, !args.flag("json") {
                Output.out(ExplainReport.render(outcome, detail: detail))
            } else {
                Output.out(String(decoding: outcome.responseBody(), as: UTF8.self))
            }
            return !outcome.decision.allow && args.flag("fail-on-deny") ? .denied : .success
        }
    }

    private static func runSteps(_ args: Arguments) -> ExitCode {
        let path = args.value("steps") ?? "-"
        let data = path == "-" ? FileHandle.standardInput.readDataToEndOfFile() : FileManager.default.contents(atPath: path)
        guard let data else {
            Output.err("aurora eval: cannot read '\(path)'")
            return .failure
        }
        let selection = RuleFileSelection.resolve(flags: args.all("rules"))
        let run = StepsRun(registry: .standard(), files: selection.files, defaultMode: args.value("mode") ?? "testnet",
                           explain: args.flag("explain"))
        var denied = false
        do {
            try run.run(String(decoding: data, as: UTF8.self)) { line in
                if line.hasPrefix(#"{"allow":false"#) { denied = true }
                Output.out(line)
            }
        } catch {
            switch error {
            case .invalidRules(let rendered): Output.err(rendered)
            case .invalidStep(let step): Output.err("aurora eval: \(path): \(step)")
            }
            return .failure
        }
        return denied && args.flag("fail-on-deny") ? .denied : .success
    }
}
