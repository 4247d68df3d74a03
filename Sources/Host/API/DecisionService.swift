public import Codec
public import RuleEngine
import Wire

/// Request bytes → validated request → `Decision` → response body: the one path every front end uses (the
/// server's handlers, `aurora eval`, `eval --steps`, `aurora test`, `aurora replay`). Synchronous, no I/O.
public final class DecisionService: Sendable {
    public let store: RuleSetStore
    public let shared: SharedState
    public let identity: RunIdentity
    public let defaultMode: String

    public init(store: RuleSetStore, shared: SharedState, identity: RunIdentity, defaultMode: String) {
        self.store = store
        self.shared = shared
        self.identity = identity
        self.defaultMode = defaultMode
    }

    /// One evaluated pretrade check, ready to be recorded and answered.
    public struct Pretrade: Sendable {
        public var decision: Decision
        public let seq: UInt64
        public let decisionID: String
        /// The validated input (known fields only, after coercion) as the decision log records it.
        public let input: JSONValue
        /// The rule set that decided (for explain output).
        public let ruleSet: CompiledRuleSet
        let request: PretradeRequest
        let explain: Bool

        /// The 200 body (after `decision.failForLogUnavailable()` if the records could not be written).
        public func responseBody() -> [UInt8] {
            var explainBody: JSONValue?
            if explain { explainBody = ExplainBuilder.explain(decision, ruleSet: ruleSet, input: input) }
            return WireMapping.response(decision, request: request, decisionID: decisionID, explain: explainBody)
                .bodyBytes()
        }

        public var symbol: String? { request.order.symbol ?? request.market.symbol }
        public var reqID: String? { request.reqID }
    }

    public enum PretradeOutcome: Sendable {
        /// 422: the `{"detail": [...]}` body.
        case invalid(body: [UInt8])
        case decided(Pretrade)
    }

    /// Validates and evaluates a pretrade body at `now`. Nothing is committed: the caller writes the records, then
    /// calls `decision.commit()` (or `failForLogUnavailable()`).
    public func pretrade(body: some Collection<UInt8>, explain: Bool, now: WallTime) -> PretradeOutcome {
        switch PretradeRequest.decode(body) {
        case .failure(let errors): return .invalid(body: errors.bodyBytes())
        case .success(let request): return .decided(evaluate(request, explain: explain, now: now))
        }
    }

    /// Evaluates an already parsed body (a replayed decision's input, a test step).
    public func pretrade(json: JSONValue, explain: Bool, now: WallTime) -> PretradeOutcome {
        switch PretradeRequest.decode(json) {
        case .failure(let errors): return .invalid(body: errors.bodyBytes())
        case .success(let request): return .decided(evaluate(request, explain: explain, now: now))
        }
    }

    private func evaluate(_ request: PretradeRequest, explain: Bool, now: WallTime) -> Pretrade {
        let context = RuleContext(input: WireMapping.input(request), now: now, shared: shared, defaultMode: defaultMode)
        let set = store.current
        let decision = set.evaluate(context)
        let seq = identity.nextSeq()
        return Pretrade(decision: decision, seq: seq, decisionID: identity.decisionID(seq: seq),
                        input: request.validatedInput, ruleSet: set, request: request, explain: explain)
    }
}
