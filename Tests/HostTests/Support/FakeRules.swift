import Codec
import RuleEngine
import Synchronization
import YAMLKit

// Rule types for the offline tools' tests. Host never imports Rules: these stand-ins have just enough behaviour to
// make every part of `aurora test` observable (copied in spirit from Tests/RuleEngineTests/Support/FakeRules.swift).

/// `threshold`: deny `score_too_high` iff `market.score > max`; `missing_input:market.score` when the score is
/// absent; throws `non_finite` when the score equals `error_at`. Exempt for orders that reduce exposure.
struct ThresholdRule: Rule {
    struct Config: Sendable {
        var max: Double
        var errorAt: Double?
    }
    let config: Config

    func evaluate(_ context: RuleContext) throws(RuleError) -> Verdict {
        guard let score = context.input.market.score else { return .missing(MissingInput("market.score")) }
        if let errorAt = config.errorAt, score == errorAt { throw RuleError(.nonFinite) }
        let evidence = Evidence(measured: score, threshold: config.max)
        guard score > config.max else { return .pass(evidence) }
        return .deny(Denial(code: "score_too_high", entries: ["score_too_high", "detail:\(score)"], hard: false,
                            evidence: evidence))
    }

    struct Factory: RuleFactory {
        static let max = ConfigKey<Double>("max", default: 1, unit: nil, range: "≥ 0", help: "deny above this",
                                           isValid: { $0 >= 0 })
        static let errorAt = ConfigKey<Double?>("error_at", default: nil, help: "throw at this score")
        static let info = RuleTypeInfo(name: "threshold", summary: "test rule",
                                       params: [.init(max.info), .init(errorAt.info)],
                                       inputs: ["market.score"], defaultOnMissing: .deny, reducingOrders: .exempt)

        func parseConfig(_ params: inout ConfigReader) -> Config? {
            let config = Config(max: params.read(Self.max), errorAt: params.read(Self.errorAt))
            return params.diagnostics.hasErrors ? nil : config
        }
        func makeRule(id: RuleID, config: Config, carrying state: (any RuleState)?) -> any Rule {
            ThresholdRule(config: config)
        }
    }
}

/// `age`: `measured = now_ms − market.quote_ts_ms`, deny `too_old` iff it is above `max_ms`: makes the virtual clock
/// and `{now_ms: N}` visible in the trace.
struct AgeRule: Rule {
    let maxMs: Double

    func evaluate(_ context: RuleContext) throws(RuleError) -> Verdict {
        guard let quote = context.input.market.quoteTsMs else { return .missing(MissingInput("market.quote_ts_ms")) }
        let age = Double(context.now.ms - quote)
        let evidence = Evidence(measured: age, threshold: maxMs)
        guard age > maxMs else { return .pass(evidence) }
        return .deny(Denial(code: "too_old", hard: false, evidence: evidence))
    }

    struct Factory: RuleFactory {
        static let maxMs = ConfigKey<Double>("max_ms", default: 1000, unit: "ms", range: "≥ 0", help: "oldest age",
                                             isValid: { $0 >= 0 })
        static let info = RuleTypeInfo(name: "age", summary: "test rule", params: [.init(maxMs.info)],
                                       inputs: ["market.quote_ts_ms"], defaultOnMissing: .deny, reducingOrders: .exempt)
        func parseConfig(_ params: inout ConfigReader) -> Double? {
            let v = params.read(Self.maxMs)
            return params.diagnostics.hasErrors ? nil : v
        }
        func makeRule(id: RuleID, config: Double, carrying state: (any RuleState)?) -> any Rule { AgeRule(maxMs: config) }
    }
}

/// `health_guard` stand-in (the OPS arm/disarm/reset actions need a rule of that type name): deny `disarmed` (hard)
/// while the armed flag is false; `measured` = evaluations since the last `POST /ops/reset`, a count kept in state
/// that a reload carries over by `(id, type)`.
struct FakeHealthGuard: Rule, OperatorControlled {
    final class State: RuleState {
        let evaluations = Mutex(0)
        func snapshot() -> JSONValue { .int(Int64(evaluations.withLock { $0 })) }
    }
    let counter: State
    var state: (any RuleState)? { counter }

    func evaluate(_ context: RuleContext) throws(RuleError) -> Verdict {
        let count = counter.evaluations.withLock { value in
            value += 1
            return value
        }
        let evidence = Evidence(measured: Double(count))
        guard context.shared.armed else { return .deny(Denial(code: "disarmed", hard: true, evidence: evidence)) }
        return .pass(evidence)
    }

    func apply(_ command: OperatorCommand, now: WallTime) -> [RuleEvent]? {
        guard command == .reset else { return [] }
        counter.evaluations.withLock { $0 = 0 }
        return [RuleEvent(code: "FAKE.RESET")]
    }

    struct Factory: RuleFactory {
        static let label = ConfigKey<String>("label", default: "a", help: "changes the fingerprint only")
        static let info = RuleTypeInfo(name: "health_guard", summary: "test stand-in", params: [.init(label.info)],
                                       inputs: [], defaultOnMissing: nil, reducingOrders: .exempt)
        func parseConfig(_ params: inout ConfigReader) -> String? {
            let v = params.read(Self.label)
            return params.diagnostics.hasErrors ? nil : v
        }
        func makeRule(id: RuleID, config: String, carrying state: (any RuleState)?) -> any Rule {
            FakeHealthGuard(counter: (state as? State) ?? State())
        }
    }
}

/// `risk_caps` stand-in (`POST /risk/set` needs a rule of that type name): always passes; its `risk_scale` is the
/// runtime `size_scale` override, else its `size_scale` param.
struct FakeRiskCaps: Rule, RiskScaling {
    let sizeScale: Double

    func evaluate(_ context: RuleContext) throws(RuleError) -> Verdict { .pass(Evidence(measured: riskScale(context))) }
    func riskScale(_ context: RuleContext) -> Double { context.shared.riskOverrides[.sizeScale] ?? sizeScale }

    struct Factory: RuleFactory {
        static let sizeScale = ConfigKey<Double>("size_scale", default: 1, unit: nil, range: "0 ≤ x ≤ 1", help: "scale",
                                                 isValid: { $0 >= 0 && $0 <= 1 })
        static let info = RuleTypeInfo(name: "risk_caps", summary: "test stand-in", params: [.init(sizeScale.info)],
                                       inputs: [], defaultOnMissing: nil, reducingOrders: .check)
        func parseConfig(_ params: inout ConfigReader) -> Double? {
            let v = params.read(Self.sizeScale)
            return params.diagnostics.hasErrors ? nil : v
        }
        func makeRule(id: RuleID, config: Double, carrying state: (any RuleState)?) -> any Rule {
            FakeRiskCaps(sizeScale: config)
        }
    }
}

/// `trading`: deny `trading_halted` / `trading_reducing` (hard) unless the trading state is ACTIVE when evaluation
/// starts; evaluates orders that reduce exposure too.
struct TradingRule: Rule {
    func evaluate(_ context: RuleContext) throws(RuleError) -> Verdict {
        switch context.tradingAtStart.state {
        case .active: return .pass(Evidence())
        case .reducing: return .deny(Denial(code: "trading_reducing", hard: true))
        case .halted: return .deny(Denial(code: "trading_halted", hard: true))
        }
    }

    struct Factory: RuleFactory {
        static let info = RuleTypeInfo(name: "trading", summary: "test rule", params: [], inputs: [],
                                       defaultOnMissing: nil, reducingOrders: .check)
        func parseConfig(_ params: inout ConfigReader) -> Bool? { params.diagnostics.hasErrors ? nil : true }
        func makeRule(id: RuleID, config: Bool, carrying state: (any RuleState)?) -> any Rule { TradingRule() }
    }
}

enum FakeRegistry {
    static let standard: RuleRegistry = {
        var registry = RuleRegistry()
        try! registry.register(ThresholdRule.Factory())
        try! registry.register(AgeRule.Factory())
        try! registry.register(FakeHealthGuard.Factory())
        try! registry.register(FakeRiskCaps.Factory())
        try! registry.register(TradingRule.Factory())
        return registry
    }()
}
