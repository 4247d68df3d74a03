public import RuleEngine

/// An engine outside the server, for `aurora eval`, `eval --steps`, `aurora test` and `aurora replay`: the same
/// loader and `DecisionService` as `aurora serve`, with an injected clock and nothing written to any log.
public struct Evaluator: Sendable {
    public let service: DecisionService
    public let loader: RuleSetLoader

    public enum LoadError: Error, Sendable {
        /// Invalid rule files: the rendered diagnostics.
        case invalidRules(String)
    }

    /// Loads `files` as the initial rule set, `loaded_at` = `now`.
    public init(registry: RuleRegistry, files: [String], now: WallTime, defaultMode: String = "testnet",
                shared: SharedState = SharedState()) throws(LoadError) {
        let loader = RuleSetLoader(registry: registry)
        let result = loader.load(files: files, options: .init(offline: true, loadedAt: now))
        guard let set = result.ruleSet else { throw .invalidRules(result.rendered) }
        self.loader = loader
        service = DecisionService(store: RuleSetStore(set), shared: shared, identity: RunIdentity(startedAtMs: now.ms),
                                  defaultMode: defaultMode)
    }

    /// Warnings of the initial load are not kept: offline tools report only what makes a load fail.
    public var ruleSet: CompiledRuleSet { service.store.current }
}
