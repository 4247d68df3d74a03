import Codec
import Foundation
public import RuleEngine
import Wire

/// `aurora bench`: in-process timings of the decision path and of rule-set loads, as medians over batches, with a
/// reference measured in the same run (Foundation's JSONSerialization on the same body).
public struct Benchmark: Sendable {
    public struct Result: Sendable {
        public var name: String
        /// Per-operation times of each batch, in nanoseconds, sorted.
        public var samples: [Double]
        public var median: Double { samples.isEmpty ? 0 : samples[samples.count / 2] }
        public var p99: Double { samples.isEmpty ? 0 : samples[min(samples.count - 1, samples.count * 99 / 100)] }
    }

    public let registry: RuleRegistry
    public let ruleFiles: [String]
    public let body: [UInt8]
    public let batches: Int
    public let batchSize: Int

    public init(registry: RuleRegistry, ruleFiles: [String], body: [UInt8], batches: Int = 200, batchSize: Int = 500) {
        self.registry = registry
        self.ruleFiles = ruleFiles
        self.body = body
        self.batches = batches
        self.batchSize = batchSize
    }

    /// Times `operation` in `batches` batches of `size` calls; returns per-call nanoseconds per batch, sorted.
    static func measure(_ name: String, batches: Int, size: Int, _ operation: () -> Void) -> Result {
        for _ in 0..<size { operation() }  // warm-up
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

    public func runDecisionPath() throws(Evaluator.LoadError) -> [Result] {
        let now = WallTime(ms: 1_767_605_400_002)
        let evaluator = try Evaluator(registry: registry, files: ruleFiles, now: now)
        let service = evaluator.service
        let data = Data(body)
        var sink = 0
        var results: [Result] = []
        results.append(Self.measure("reference: Foundation JSONSerialization parse", batches: batches, size: batchSize) {
            if let o = try? JSONSerialization.jsonObject(with: data) as? [String: Any] { sink &+= o.count }
        })
        results.append(Self.measure("JSONReader parse", batches: batches, size: batchSize) {
            if case .object(let o)? = try? JSONReader.parse(body) { sink &+= o.count }
        })
        results.append(Self.measure("PretradeRequest decode (parse + validate)", batches: batches, size: batchSize) {
            if case .success(let r) = PretradeRequest.decode(body) { sink &+= r.order.qty == nil ? 0 : 1 }
        })
        guard case .success(let request) = PretradeRequest.decode(body) else { return results }
        let set = service.store.current
        let shared = service.shared
        let input = WireMapping.input(request)
        results.append(Self.measure("pipeline evaluate (\(set.steps.count) rules)", batches: batches, size: batchSize) {
            let d = set.evaluate(RuleContext(input: input, now: now, shared: shared))
            sink &+= d.allow ? 1 : 0
        })
        results.append(Self.measure("full decision: bytes → decision → response bytes", batches: batches, size: batchSize) {
            if case .decided(let p) = service.pretrade(body: body, explain: false, now: now) {
                sink &+= p.responseBody().count
            }
        })
        if sink == 42 { print("") }  // keeps the work observable
        return results
    }

    /// Loads of `files`, and of a generated rule file with `syntheticRules` entries.
    public func runLoads(syntheticRules: Int, directory: String) -> [Result] {
        let loader = RuleSetLoader(registry: registry)
        var results: [Result] = []
        results.append(Self.measure("load \(ruleFiles.joined(separator: ", "))", batches: 50, size: 4) {
            _ = loader.load(files: ruleFiles)
        })
        var text = "version: 1\nname: synthetic\npipeline:\n"
        for i in 0..<syntheticRules {
            text += i % 2 == 0 ? "  - {id: spread\(i), type: spread, params: {max_bps: \(i % 90 + 10)}}\n"
                : "  - {id: latency\(i), type: latency, mode: shadow, params: {max_ms: \(i % 50 + 5)}}\n"
        }
        let path = directory + "/synthetic-\(syntheticRules).yaml"
        _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        defer { try? FileManager.default.removeItem(atPath: path) }
        results.append(Self.measure("load a \(syntheticRules)-rule file", batches: 15, size: 1) {
            _ = loader.load(files: [path])
        })
        return results
    }
}
