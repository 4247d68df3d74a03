import Codec
import RuleEngine
import Synchronization
import YAMLKit

/// Rule types for engine tests: the engine never names a real gate.

/// `threshold`: deny iff `market.score > max`; `missing` when the score is absent; throws `non_finite` when the
/// score equals `error_at`; optional quantity cap and cooldown on deny.
struct ThresholdRule: Rule {
    struct Config: Sendable {
        var max: Double
        var errorAt: Double?
        var cap: Double?
        var hard: Bool
        var cooldownMs: Int
    }
    let config: Config

    func evaluate(_ context: RuleContext) throws(RuleError) -> Verdict {
        guard let score = context.input.market.score else { return .missing(MissingInput("market.score")) }
        if let errorAt = config.errorAt, score == errorAt { throw RuleError(.nonFinite) }
        let evidence = Evidence(measured: score, threshold: config.max, qtyCap: config.cap, notes: ["threshold_seen"],
                                events: [RuleEvent(code: "THRESHOLD.TRIP")])
        guard score > config.max else { return .pass(evidence) }
        return .deny(Denial(code: "score_too_high", entries: ["score_too_high", "detail:\(score)"], hard: config.hard,
                            cooldownMs: Int64(config.cooldownMs), evidence: evidence))
    }

    struct Factory: RuleFactory {
        static let max = ConfigKey<Double>("max", default: 1, unit: nil, range: "≥ 0", help: "deny above this",
                                           isValid: { $0 >= 0 })
        static let errorAt = ConfigKey<Double?>("error_at", default: nil, help: "throw at this score")
        static let cap = ConfigKey<Double?>("cap", default: nil, help: "quantity cap")
        static let hard = ConfigKey<Bool>("hard", default: false, help: "hard deny")
        static let cooldownMs = ConfigKey<Int>("cooldown_ms", default: 0, unit: "ms", help: "cooldown on deny")
        static let info = RuleTypeInfo(
            name: "threshold", summary: "test rule",
            params: [.init(max.info), .init(errorAt.info), .init(cap.info), .init(hard.info, overridable: .no),
                     .init(cooldownMs.info)],
            inputs: ["market.score"], defaultOnMissing: .deny, reducingOrders: .exempt,
            warningWhenNotEnforced: .init(code: "missing-threshold", message: "no threshold rule in enforce mode",
                                          reportedOffline: false))

        func parseConfig(_ params: inout ConfigReader) -> Config? {
            let config = Config(max: params.read(Self.max), errorAt: params.read(Self.errorAt), cap: params.read(Self.cap),
                                hard: params.read(Self.hard), cooldownMs: params.read(Self.cooldownMs))
            return params.diagnostics.hasErrors ? nil : config
        }
        func makeRule(id: RuleID, config: Config, carrying state: (any RuleState)?) -> any Rule { ThresholdRule(config: config) }
    }
}

/// `counter`: always passes; counts evaluations and commits in a state carried across reloads.
struct CounterRule: Rule, CommitObserver, OperatorControlled {
    final class State: RuleState {
        let counts = Mutex((evaluations: 0, commits: 0, resets: 0))
        func snapshot() -> JSONValue {
            let c = counts.withLock { $0 }
            return .object(JSONObject([("evaluations", .int(Int64(c.evaluations))), ("commits", .int(Int64(c.commits)))]))
        }
    }
    let counter: State
    var state: (any RuleState)? { counter }

    func evaluate(_ context: RuleContext) throws(RuleError) -> Verdict {
        counter.counts.withLock { $0.evaluations += 1 }
        return .pass(Evidence())
    }
    func commit(_ context: RuleContext) { counter.counts.withLock { $0.commits += 1 } }
    func apply(_ command: OperatorCommand, now: WallTime) -> [RuleEvent]? {
        guard command == .reset else { return nil }
        counter.counts.withLock { $0.resets += 1 }
        return [RuleEvent(code: "COUNTER.RESET")]
    }

    struct Factory: RuleFactory {
        static let scope = ConfigKey<String>("scope", default: "global", allowed: ["global", "symbol"], help: "scope")
        static let perSymbol = ConfigKey<Int>("per_symbol", default: 1, help: "only with scope symbol")
        static let info = RuleTypeInfo(name: "counter", summary: "test rule",
                                       params: [.init(scope.info, overridable: .no),
                                                .init(perSymbol.info, overridable: .onlyWithSymbolScope)],
                                       inputs: [], defaultOnMissing: nil, reducingOrders: .check,
                                       warningWhenExempt: .init(code: "counter-exempt",
                                                                message: "counter rule '{id}' is exempt", reportedOffline: true))
        func parseConfig(_ params: inout ConfigReader) -> String? {
            let scope = params.read(Self.scope)
            _ = params.read(Self.perSymbol)
            return params.diagnostics.hasErrors ? nil : scope
        }
        func makeRule(id: RuleID, config: String, carrying state: (any RuleState)?) -> any Rule {
            CounterRule(counter: (state as? State) ?? State())
        }
    }
}


/// Stand-ins with the param tables of `latency` and `spread`, for the fingerprint vector of rule-files.md §2.8.
struct NumberLimitRule: Rule {
    func evaluate(_ context: RuleContext) throws(RuleError) -> Verdict { .pass(Evidence()) }
}

struct LatencyLike: RuleFactory {
    static let maxMs = ConfigKey<Double>("max_ms", default: 30, unit: "ms", range: "> 0 and ≤ 600000", help: "limit",
                                         isValid: { $0 > 0 && $0 <= 600_000 })
    static let info = RuleTypeInfo(name: "latency", summary: "test stand-in", params: [.init(maxMs.info)],
                                   inputs: ["market.latency_ms"], defaultOnMissing: .deny, reducingOrders: .exempt)
    func parseConfig(_ params: inout ConfigReader) -> Double? {
        let v = params.read(Self.maxMs)
        return params.diagnostics.hasErrors ? nil : v
    }
    func makeRule(id: RuleID, config: Double, carrying state: (any RuleState)?) -> any Rule { NumberLimitRule() }
}

struct SpreadLike: RuleFactory {
    static let maxBps = ConfigKey<Double>("max_bps", default: 80, unit: "bps", range: "> 0 and ≤ 100000", help: "limit",
                                          isValid: { $0 > 0 && $0 <= 100_000 })
    static let info = RuleTypeInfo(name: "spread", summary: "test stand-in", params: [.init(maxBps.info)],
                                   inputs: ["market.spread_bps"], defaultOnMissing: .deny, reducingOrders: .exempt)
    func parseConfig(_ params: inout ConfigReader) -> Double? {
        let v = params.read(Self.maxBps)
        return params.diagnostics.hasErrors ? nil : v
    }
    func makeRule(id: RuleID, config: Double, carrying state: (any RuleState)?) -> any Rule { NumberLimitRule() }
}

enum FakeRegistry {
    static let standard: RuleRegistry = {
        var registry = RuleRegistry()
        try! registry.register(ThresholdRule.Factory())
        try! registry.register(CounterRule.Factory())
        try! registry.register(LatencyLike())
        try! registry.register(SpreadLike())
        return registry
    }()
}
