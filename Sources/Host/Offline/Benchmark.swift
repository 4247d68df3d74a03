import Codec
import Foundation
import Synchronization
public import RuleEngine
import Wire

/// `aurora bench`: in-process timings of the decision path and of rule-set loads, as medians over batches, with a
/// reference measured in the same run (Foundation's JSONSerialization on the same body).
public struct Benchmark: Sendable {
    /// Where the results of the measured calls end up, so that the optimiser cannot drop the calls.
    private static let observed = Atomic<Int>(0)
    public struct Result: Sendable {
        public var name: String
        /// Per-operation times of each batch, in nanoseconds, sorted.
        public var samples: [Double]
        public var median: Double { samples.isEmpty ? 0 : samples[samples.count / 2] }
        public var p99: Double { samples.isEmpty ? 0 : samples[min(samples.count - 1, samples.count * 99 / 100)] }
    }

    /// Which operations run and how they are warmed up.
    public struct Options: Sendable {
        /// Case-insensitive substrings of operation names; an operation runs when its name contains one of them
        /// (all run when empty).
        public var only: [String]
        /// Calls before the timed batches (nil: one batch's worth). Stateful rules reach their steady state (a full
        /// latency window, for instance) only after enough calls.
        public var warmup: Int?
        /// Also time every step of the pipeline alone (same rule instances, same state).
        public var perRule: Bool

        public init(only: [String] = [], warmup: Int? = nil, perRule: Bool = false) {
            self.only = only
            self.warmup = warmup
            self.perRule = perRule
        }

        func selects(_ name: String) -> Bool {
            only.isEmpty || only.contains { name.lowercased().contains($0.lowercased()) }
        }
    }

    public let registry: RuleRegistry
    public let ruleFiles: [String]
    public let body: [UInt8]
    public let batches: Int
    public let batchSize: Int
    public let options: Options

    public init(registry: RuleRegistry, ruleFiles: [String], body: [UInt8], batches: Int = 200, batchSize: Int = 500,
                options: Options = Options()) {
        self.registry = registry
        self.ruleFiles = ruleFiles
        self.body = body
        self.batches = batches
        self.batchSize = batchSize
        self.options = options
    }

    /// Times `operation` in `batches` batches of `size` calls after `warmup` calls; returns per-call nanoseconds per
    /// batch, sorted.
    static func measure(_ name: String, batches: Int, size: Int, warmup: Int? = nil, _ operation: () -> Void) -> Result {
        for _ in 0..<(warmup ?? size) { operation() }
        var samples: [Double] = []
        samples.reserveCapacity(batches)
        let clock = ContinuousClock()
        for _ in 0..<batches {
            let start = clock.now
            for _ in 0..<size { operation() }
            let elapsed = start.duration(to: clock.now).components
            samples.append((Double(elapsed.seconds) * 1e9 + Double(elapsed.attoseconds) / 1e9) / Double(size))
        }
        return Result(name: name, samples: samples.sorted())
    }

    /// Runs `operation` as the operation `name` unless the options leave it out.
    private func run(_ name: String, into results: inout [Result], _ operation: () -> Void) {
        guard options.selects(name) else { return }
        results.append(Self.measure(name, batches: batches, size: batchSize, warmup: options.warmup, operation))
    }

    public func runDecisionPath() throws(Evaluator.LoadError) -> [Result] {
        let now = WallTime(ms: 1_767_605_400_002)
        let evaluator = try Evaluator(registry: registry, files: ruleFiles, now: now)
        let service = evaluator.service
        let data = Data(body)
        var sink = 0
        var results: [Result] = []
        run("reference: Foundation JSONSerialization parse", into: &results) {
            if let o = try? JSONSerialization.jsonObject(with: data) as? [String: Any] { sink &+= o.count }
        }
        run("JSONReader parse", into: &results) {
            if case .object(let o)? = try? JSONReader.parse(body) { sink &+= o.count }
        }
        run("PretradeRequest decode (parse + validate)", into: &results) {
            if case .success(let r) = PretradeRequest.decode(body) { sink &+= r.order.qty == nil ? 0 : 1 }
        }
        guard case .success(let request) = PretradeRequest.decode(body) else { return results }
        let set = service.store.current
        let shared = service.shared
        let input = WireMapping.input(request)
        run("pipeline evaluate (\(set.steps.count) rules)", into: &results) {
            let d = set.evaluate(RuleContext(input: input, now: now, shared: shared))
            sink &+= d.allow ? 1 : 0
        }
        if options.perRule {
            for step in set.steps {
                let single = Pipeline(steps: [step])
                run("  rule \(step.key.id.rawValue) (\(step.key.type.rawValue)) alone", into: &results) {
                    let d = single.evaluate(RuleContext(input: input, now: now, shared: shared), ruleSet: set.identity)
                    sink &+= d.allow ? 1 : 0
                }
            }
        }
        if case .decided(let decided) = service.pretrade(body: body, explain: false, now: now) {
            run("response encode (decision → response bytes)", into: &results) {
                sink &+= decided.responseBody().count
            }
        }
        run("full decision: bytes → decision → response bytes", into: &results) {
            if case .decided(let p) = service.pretrade(body: body, explain: false, now: now) {
                sink &+= p.responseBody().count
            }
        }
        Self.observed.store(sink, ordering: .relaxed)  // keeps the measured work observable to the optimiser
        return results
    }

    /// Loads of `files`, and of a generated rule file with `syntheticRules` entries.
    public func runLoads(syntheticRules: Int, directory: String) -> [Result] {
        let loader = RuleSetLoader(registry: registry)
        var results: [Result] = []
        let name = "load \(ruleFiles.joined(separator: ", "))"
        if options.selects(name) {
            results.append(Self.measure(name, batches: 50, size: 4) { _ = loader.load(files: ruleFiles) })
        }
        let syntheticName = "load a \(syntheticRules)-rule file"
        guard options.selects(syntheticName) else { return results }
        var text = "version: 1\nname: synthetic\npipeline:\n"
        for i in 0..<syntheticRules {
            text += i % 2 == 0 ? "  - {id: spread\(i), type: spread, params: {max_bps: \(i % 90 + 10)}}\n"
                : "  - {id: latency\(i), type: latency, mode: shadow, params: {max_ms: \(i % 50 + 5)}}\n"
        }
        let path = directory + "/synthetic-\(syntheticRules).yaml"
        _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        defer { try? FileManager.default.removeItem(atPath: path) }
        results.append(Self.measure(syntheticName, batches: 15, size: 1) { _ = loader.load(files: [path]) })
        return results
    }
}
