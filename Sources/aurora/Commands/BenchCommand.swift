import Foundation
import Host
import Rules

/// `aurora bench`: in-process benchmarks of the decision path and of rule loading.
enum BenchCommand: Command {
    static let name = "bench"
    static let summary = "in-process benchmark of the decision path and of rule-set loads"
    static let help = """
        usage: aurora bench [--rules FILE]... [--input REQUEST.json] [--batches N] [--batch-size N]
                            [--warmup N] [--only NAME]... [--per-rule]

        Times, in the same run: Foundation's JSONSerialization on the request body (the reference), Aurora's JSON
        reader, request validation, the pipeline, the full decision (bytes in, response bytes out), the load of the
        rule files and of a generated 1,000-rule file. Prints the median and p99 per operation over the batches.
        Timings on a shared machine are noisy: compare ratios against the reference from the same run.

        options:
          --warmup N     calls before the timed batches of each operation (default: one batch)
          --only NAME    run only the operations whose name contains NAME (case-insensitive; repeatable)
          --per-rule     also time each pipeline step alone, on the same rule instances and state

        example:
          aurora bench --rules rules/default.yaml --input examples/allow.json
        """

    static func run(_ raw: [String]) throws(UsageError) -> ExitCode {
        let args = try Arguments(raw, options: [
            "rules": .repeated, "input": .value, "batches": .value, "batch-size": .value, "warmup": .value,
            "only": .repeated, "per-rule": .flag,
        ])
        let path = args.value("input") ?? "examples/allow.json"
        guard let body = FileManager.default.contents(atPath: path) else {
            Output.err("aurora bench: cannot read '\(path)'")
            return .failure
        }
        let batches = Int(args.value("batches") ?? "200") ?? 200
        let size = Int(args.value("batch-size") ?? "500") ?? 500
        let options = Benchmark.Options(only: args.all("only"), warmup: args.value("warmup").flatMap { Int($0) },
                                        perRule: args.flag("per-rule"))
        let files = RuleFileSelection.resolve(flags: args.all("rules")).files
        let bench = Benchmark(registry: .standard(), ruleFiles: files, body: Array(body), batches: batches, batchSize: size,
                              options: options)
        let decision: [Benchmark.Result]
        do { decision = try bench.runDecisionPath() } catch {
            if case .invalidRules(let rendered) = error { Output.err(rendered) }
            return .failure
        }
        let reference = decision.first { $0.name.hasPrefix("reference") }?.median
        Output.out("decision path (\(body.count)-byte body \(path), \(batches) batches × \(size)), per operation:")
        Output.out("  " + "operation".padding(52) + "median        p99      vs reference")
        for r in decision {
            Output.out("  " + r.name.padding(52) + format(r.median).padding(14) + format(r.p99).padding(12)
                + (reference.map { String(format: "%.2f×", r.median / $0) } ?? "-"))
        }
        let loads = bench.runLoads(syntheticRules: 1000, directory: NSTemporaryDirectory())
        guard !loads.isEmpty else { return .success }
        Output.out("rule-set loads (median, p99):")
        for r in loads { Output.out("  " + r.name.padding(52) + format(r.median).padding(14) + format(r.p99)) }
        return .success
    }

    private static func format(_ ns: Double) -> String {
        if ns >= 1e6 { return String(format: "%.2f ms", ns / 1e6) }
        if ns >= 1e3 { return String(format: "%.2f µs", ns / 1e3) }
        return String(format: "%.0f ns", ns)
    }
}
