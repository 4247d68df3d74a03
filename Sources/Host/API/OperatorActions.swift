import Codec
public import RuleEngine
import Wire
import YAMLKit

/// The OPS actions of http-api.md §6.5 on the engine's state, without HTTP or authentication: shared by the OPS
/// handlers, `aurora eval --steps` and `aurora test`. Each returns the answer and the events to record.
public struct OperatorActions: Sendable {
    public let service: DecisionService

    static let governance: RuleTypeName = "governance"
    static let healthGuard: RuleTypeName = "health_guard"
    static let riskCaps: RuleTypeName = "risk_caps"

    public init(service: DecisionService) { self.service = service }

    var ruleSet: CompiledRuleSet { service.store.current }

    /// An enforce-mode governance rule is active (the trading state is enforced).
    public var enforced: Bool { ruleSet.steps.contains { $0.key.type == Self.governance && $0.mode == .enforce } }

    private func tradingAnswer(_ t: TradingTransition, effect: OpsOutcome.Effect) -> OpsOutcome {
        if t.result == .refused {
            return .detail(409, TradingTransition.reduceWhileHaltedDetail, effect: effect)
        }
        let body = TradingStateResponse(tradingState: Wire.TradingState(rawValue: t.current.rawValue) ?? .halted,
                                        previous: Wire.TradingState(rawValue: t.previous.rawValue) ?? .halted,
                                        enforced: enforced).bodyBytes()
        return OpsOutcome(status: 200, body: body, events: t.events, effect: effect, persistsState: t.changed)
    }

    public func halt(body: some Collection<UInt8>, now: WallTime) -> OpsOutcome {
        switch OpsReasonBody.decode(body) {
        case .failure(let e): return OpsOutcome(status: 422, body: e.bodyBytes(), effect: .readOnly)
        case .success(let b): return tradingAnswer(service.shared.halt(reason: b.reason, now: now), effect: .tightening)
        }
    }

    public func reduce(body: some Collection<UInt8>, now: WallTime) -> OpsOutcome {
        switch OpsReasonBody.decode(body) {
        case .failure(let e): return OpsOutcome(status: 422, body: e.bodyBytes(), effect: .readOnly)
        case .success(let b): return tradingAnswer(service.shared.reduce(reason: b.reason, now: now), effect: .tightening)
        }
    }

    public func resume(body: some Collection<UInt8>, now: WallTime) -> OpsOutcome {
        switch OpsResumeBody.decode(body) {
        case .failure(let e): return OpsOutcome(status: 422, body: e.bodyBytes(), effect: .readOnly)
        case .success(let b):
            let target = RuleEngine.TradingState(rawValue: b.to.rawValue) ?? .active
            return tradingAnswer(service.shared.resume(reason: b.reason, to: target, now: now), effect: .loosening)
        }
    }

    /// `POST /aurora/{mode}`.
    public func arm(mode text: String, now: WallTime) -> OpsOutcome {
        guard let mode = ArmMode(path: text) else { return .detail(400, ArmMode.invalidModeDetail) }
        guard hasHealthGuard else { return .detail(409, "no health_guard rule in the active ruleset") }
        let armed = mode == .arm
        let changed = service.shared.setArmed(armed)
        let state = healthGuardSnapshot(now: now)
        let event = RuleEvent(code: "AURORA.ARM_STATE", level: "WARNING",
                              details: JSONObject([("state", state), ("armed", .bool(armed))]))
        return .ok([("state", state)], events: [event], effect: armed ? .loosening : .tightening, persistsState: changed)
    }

    /// `POST /ops/cooloff/{sec}`.
    public func cooloff(seconds text: String, now: WallTime) -> OpsOutcome {
        let seconds: Int64
        switch CooloffSeconds.parse(text) {
        case .failure(let e): return OpsOutcome(status: 422, body: e.bodyBytes(), effect: .readOnly)
        case .success(let s): seconds = s
        }
        guard hasHealthGuard, let events = ruleSet.apply(.cooloff(seconds: seconds), now: now) else {
            return .detail(409, "no health_guard rule in the active ruleset")
        }
        let until = events.compactMap { $0.event.details["until"]?.doubleValue }.max() ?? 0
        let event = RuleEvent(code: "AURORA.COOL_OFF", level: "WARNING",
                              details: JSONObject([("until", .double(until)), ("sec", .int(seconds))]))
        return .ok([("until", .double(until))], events: [event], effect: .tightening)
    }

    /// `POST /ops/reset`.
    public func reset(now: WallTime) -> OpsOutcome {
        guard hasHealthGuard, ruleSet.apply(.reset, now: now) != nil else {
            return .detail(409, "no health_guard rule in the active ruleset")
        }
        let state = healthGuardSnapshot(now: now)
        return .ok([("state", state)], events: [RuleEvent(code: "OPS.RESET", level: "INFO",
                                                          details: JSONObject([("state", state)]))],
                   effect: .loosening)
    }

    /// `GET /risk/snapshot`.
    public func riskSnapshot() -> OpsOutcome {
        guard let base = riskBase else { return .detail(409, "no risk_caps rule in the active ruleset") }
        let snapshot = service.shared.riskSnapshot(base: base)
        return .ok([("risk", .object(snapshot.risk)), ("overrides", .array(snapshot.overrides.map { .string($0) }))],
                   effect: .readOnly)
    }

    /// `POST /risk/set`.
    public func riskSet(body: some Collection<UInt8>, now: WallTime) -> OpsOutcome {
        let parsed: RiskSetBody
        switch RiskSetBody.decode(body) {
        case .failure(let e): return OpsOutcome(status: 422, body: e.bodyBytes(), effect: .readOnly)
        case .success(let b): parsed = b
        }
        guard let base = riskBase else { return .detail(409, "no risk_caps rule in the active ruleset") }
        var values: [(RiskOverrides.Param, Double)] = []
        for (key, value) in parsed.values {
            if let param = RiskOverrides.Param(rawValue: key), let number = value.doubleValue { values.append((param, number)) }
        }
        do {
            let update = try service.shared.setRisk(values, reset: parsed.reset, reason: parsed.reason, base: base)
            return .ok([("risk", .object(update.risk)), ("overrides", .array(update.overrides.map { .string($0) }))],
                       events: [update.event], effect: .loosening, persistsState: update.overridesChanged)
        } catch {
            return .detail(422, error.description)
        }
    }

    var hasHealthGuard: Bool { ruleSet.steps.contains { $0.key.type == Self.healthGuard } }

    var riskBase: [(name: String, value: PlainValue)]? {
        ruleSet.steps.first { $0.key.type == Self.riskCaps }?.params
    }

    /// The aggregated snapshot of the first health_guard rule (http-api.md §6.4).
    func healthGuardSnapshot(now: WallTime) -> JSONValue {
        guard let step = ruleSet.steps.first(where: { $0.key.type == Self.healthGuard }),
            let reporting = step.base as? any StatusReporting
        else { return .null }
        return reporting.status(now: now, shared: service.shared)["state"] ?? .null
    }
}
