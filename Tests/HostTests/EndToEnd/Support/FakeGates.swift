import Codec
import RuleEngine
import Synchronization
import YAMLKit

/// Rule types for Host tests (Host never sees a real gate).

/// `max_spread`: denies when `market.spread_bps > max` with a spread-style reason and a `SPREAD_GUARD_TRIP`
/// event; `missing` when the spread is absent; counts its commits in its carried state.
struct MaxSpreadRule: Rule, CommitObserver {
    final class Commits: RuleState {
        let count = Atomic<Int>(0)
        func snapshot() -> JSONValue { .object(JSONObject([("commits", .int(Int64(count.load(ordering: .relaxed))))])) }
    }

    let max: Double
    let id: String
    let commits: Commits
    var state: (any RuleState)? { commits }

    func evaluate(_ context: RuleContext) throws(RuleError) -> Verdict {
        guard let spread = context.input.market.spreadBps else { return .missing(MissingInput("market.spread_bps")) }
        if spread.isNaN { throw RuleError(.nonFinite) }
        let evidence = Evidence(measured: spread, threshold: max)
        guard spread > max else { return .pass(evidence) }
        let code = "spread_bps_too_wide:\(spread)"
        let deny = Evidence(measured: spread, threshold: max, events: [
            RuleEvent(code: "SPREAD_GUARD_TRIP", details: JSONObject([("spread_bps", .double(spread)),
                                                                   ("limit_bps", .double(max)), ("rule", .string(id))]))
        ])
        return .deny(Denial(code: ReasonCode(code), entries: [code], hard: false, evidence: deny))
    }

    func commit(_ context: RuleContext) { commits.count.add(1, ordering: .relaxed) }

    struct Factory: RuleFactory {
        static let max = ConfigKey<Double>("max_bps", default: 80, unit: "bps", range: "> 0", help: "limit",
                                           isValid: { $0 > 0 })
        static let info = RuleTypeInfo(name: "max_spread", summary: "test rule", params: [.init(max.info)],
                                       inputs: ["market.spread_bps"], defaultOnMissing: .deny, reducingOrders: .exempt)
        func parseConfig(_ params: inout ConfigReader) -> Double? {
            let v = params.read(Self.max)
            return params.diagnostics.hasErrors ? nil : v
        }
        func makeRule(id: RuleID, config: Double, carrying state: (any RuleState)?) -> any Rule {
            MaxSpreadRule(max: config, id: id.rawValue, commits: (state as? Commits) ?? Commits())
        }
    }
}

/// `max_latency`: denies when `market.latency_ms > max_ms`; `missing` when absent.
struct MaxLatencyRule: Rule {
    let max: Double

    func evaluate(_ context: RuleContext) throws(RuleError) -> Verdict {
        guard let latency = context.input.market.latencyMs else { return .missing(MissingInput("market.latency_ms")) }
        let evidence = Evidence(measured: latency, threshold: max)
        guard latency > max else { return .pass(evidence) }
        let entry = "latency_guard_exceeded:\(latency)>\(max)"
        return .deny(Denial(code: "latency_guard", entries: ["latency_guard", entry], hard: false, evidence: evidence))
    }

    struct Factory: RuleFactory {
        static let max = ConfigKey<Double>("max_ms", default: 30, unit: "ms", range: "> 0", help: "limit",
                                           isValid: { $0 > 0 })
        static let info = RuleTypeInfo(name: "max_latency", summary: "test rule", params: [.init(max.info)],
                                       inputs: ["market.latency_ms"], defaultOnMissing: .deny, reducingOrders: .exempt)
        func parseConfig(_ params: inout ConfigReader) -> Double? {
            let v = params.read(Self.max)
            return params.diagnostics.hasErrors ? nil : v
        }
        func makeRule(id: RuleID, config: Double, carrying state: (any RuleState)?) -> any Rule {
            MaxLatencyRule(max: config)
        }
    }
}

enum FakeGates {
    static let registry: RuleRegistry = {
        var registry = RuleRegistry()
        try! registry.register(MaxSpreadRule.Factory())
        try! registry.register(MaxLatencyRule.Factory())
        return registry
    }()

    /// latency (enforce, 30 ms) then spread (enforce, 80 bps).
    static let rules = """
        version: 1
        name: default
        pipeline:
          - id: latency
            type: max_latency
            params: {max_ms: 30}
          - id: spread
            type: max_spread
            params: {max_bps: 80}
        """
}
