import Codec
import Foundation
import Host
import RuleEngine
import Rules

/// `aurora replay`: what would a candidate rule set have decided on recorded traffic (rule-files.md §9).
enum ReplayCommand: Command {
    static let name = "replay"
    static let summary = "re-evaluate a session's recorded decisions under candidate rules; list what changes"
    static let help = """
        usage: aurora replay --rules FILE [--rules FILE]... [--from TIME] [--to TIME] [--symbol SYM]...
                             [--examples N] [--json] (EVENTS.jsonl | SESSION_DIR)...

        Re-evaluates every recorded POLICY.DECISION input under the candidate rule files, replaying the posttrade
        reports and operator actions between them, and reports ALLOW→DENY and DENY→ALLOW changes grouped by rule
        and symbol. A changed decision is information, not an error.

          --rules FILE    candidate rule file (repeatable; required)
          --from TIME     report decisions at or after TIME (RFC 3339 or epoch ms); earlier ones still build state
          --to TIME       report decisions before TIME
          --symbol SYM    report only this symbol (repeatable, canonicalised)
          --examples N    up to N examples under each group
          --json          one JSON object instead of text

        exit status: 0 replay completed, 1 invalid candidate rules or unreadable events, 2 usage error

        example:
          aurora replay --rules rules/candidate.yaml logs/20260105-090000/
        """

    static func run(_ raw: [String]) throws(UsageError) -> ExitCode {
        let args = try Arguments(raw, options: ["rules": .repeated, "from": .value, "to": .value, "symbol": .repeated,
                                                "examples": .value, "json": .flag])
        guard !args.all("rules").isEmpty else { throw UsageError("--rules FILE is required (the candidate rule set)") }
        guard !args.positionals.isEmpty else { throw UsageError("name at least one events file or session directory") }
        var options = DecisionReplayer.Options()
        for (flag, keyPath) in [("from", \DecisionReplayer.Options.fromMs), ("to", \DecisionReplayer.Options.toMs)] {
            if let text = args.value(flag) {
                guard let ms = RFC3339.parse(text) else { throw UsageError("--\(flag) takes RFC 3339 or epoch ms, got '\(text)'") }
                options[keyPath: keyPath] = ms
            }
        }
        for s in args.all("symbol") {
            guard let symbol = Symbol(canonicalizing: s) else { throw UsageError("--symbol '\(s)' is not a valid symbol") }
            options.symbols.insert(symbol.rawValue)
        }
        if let n = args.value("examples") {
            guard let count = Int(n), count >= 0 else { throw UsageError("--examples takes a number ≥ 0, got '\(n)'") }
            options.examples = count
        }
        var eventFiles: [String] = []
        for path in args.positionals {
            if path.hasSuffix(".gz") || path.hasSuffix(".zst") || path.hasSuffix(".xz") {
                Output.err("aurora replay: '\(path)' is compressed: decompress it first")
                return .failure
            }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                Output.err("aurora replay: cannot read '\(path)': No such file or directory")
                return .failure
            }
            if isDirectory.boolValue {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
                // rotated parts (aurora_events.<stamp>.part<N>.jsonl) sort before the live file
                let parts = names.filter { $0.hasPrefix("aurora_events.") && $0.hasSuffix(".jsonl") && $0 != "aurora_events.jsonl" }.sorted()
                eventFiles += parts.map { path + "/" + $0 }
                if names.contains("aurora_events.jsonl") { eventFiles.append(path + "/aurora_events.jsonl") }
            } else {
                eventFiles.append(path)
            }
        }
        let replayer = DecisionReplayer(registry: .standard(), files: args.all("rules"), options: options)
        let report: DecisionReplayer.Report
        do {
            report = try replayer.replay(eventFiles: eventFiles)
        } catch {
            if case .invalidRules(let rendered) = error { Output.err(rendered) }
            return .failure
        }
        if args.flag("json") {
            Output.out(ReplayReport.json(report, candidateFiles: args.all("rules")).serializedString)
        } else {
            Output.out(ReplayReport.text(report, candidateFiles: args.all("rules")))
        }
        return .success
    }
}
