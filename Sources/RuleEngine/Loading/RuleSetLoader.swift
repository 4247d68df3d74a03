public import YAMLKit
import Codec

/// Files → nodes → schema → factories → `CompiledRuleSet`, or every problem as `Diagnostics` (rule-files.md §3).
/// The same loader runs for `serve`, reload, `check`, `test`, `eval` and `replay`.
public struct RuleSetLoader: Sendable {
    public struct Options: Sendable {
        /// `aurora test`, `eval`, `replay`: warnings marked server-only (missing-governance) are not reported.
        public var offline: Bool
        /// The load time recorded in the identity (`ruleset.loaded_at`).
        public var loadedAt: WallTime
        public var yamlLimits: YAMLLimits
        public init(offline: Bool = false, loadedAt: WallTime = WallTime(ms: 0), yamlLimits: YAMLLimits = YAMLLimits()) {
            self.offline = offline
            self.loadedAt = loadedAt
            self.yamlLimits = yamlLimits
        }
    }

    public let registry: RuleRegistry

    public init(registry: RuleRegistry) { self.registry = registry }

    /// Loads `files` (root files, in order) as one rule set. `previous` hands its rule states to the rules with the
    /// same `(id, type)`. On any error no rule set is built.
    public func load(files: [String], previous: CompiledRuleSet? = nil, options: Options = Options()) -> RuleSetLoadResult {
        var resolver = IncludeResolver(limits: options.yamlLimits)
        resolver.expand(roots: files)
        var diagnostics = resolver.diagnostics
        var compiler = EntryCompiler(registry: registry)
        var parsed: [ParsedEntry] = []
        for entry in resolver.entries {
            if let p = compiler.compile(entry) { parsed.append(p) }
        }
        diagnostics.append(contentsOf: compiler.diagnostics)
        let setFile = files.first ?? ""
        if resolver.entries.isEmpty && !diagnostics.hasErrors {
            diagnostics.append(Diagnostic(.error, .emptyRuleset,
                                          "the rule set has no rules: every request would be allowed", file: setFile))
        }
        if !diagnostics.hasErrors {
            diagnostics.append(contentsOf: setWarnings(parsed, file: setFile, offline: options.offline))
        }
        guard !diagnostics.hasErrors else {
            return RuleSetLoadResult(ruleSet: nil, diagnostics: diagnostics, sources: resolver.sources)
        }
        let steps = build(parsed, previous: previous)
        let identity = RuleSetIdentity(
            name: resolver.firstName ?? "", fingerprint: RuleSetFingerprint.fingerprint(of: steps),
            loadedAt: options.loadedAt,
            files: resolver.files.map { .init(path: $0.path, sha256: Hex.encode(SHA256.hash($0.bytes)), isRoot: $0.isRoot) })
        var states: [RuleKey: any RuleState] = [:]
        for step in steps { if let state = step.base.state { states[step.key] = state } }
        let set = CompiledRuleSet(identity: identity, pipeline: Pipeline(steps: steps), states: states,
                                  includeCounts: resolver.includeCounts)
        return RuleSetLoadResult(ruleSet: set, diagnostics: diagnostics, sources: resolver.sources)
    }

    private func build(_ parsed: [ParsedEntry], previous: CompiledRuleSet?) -> [PipelineStep] {
        parsed.map { entry in
            let base = entry.factory.makeRule(id: entry.id, config: entry.config, carrying: previous?.states[entry.key])
            let overrides = entry.overrides.map { o in
                PipelineStep.Override(index: o.index, match: o.match,
                                      rule: entry.factory.makeRule(id: entry.id, config: o.config, carrying: base.state),
                                      declaredAt: o.declaredAt, params: o.params)
            }
            return PipelineStep(key: entry.key, mode: entry.mode, onError: entry.onError, onMissing: entry.onMissing,
                                reducingOrders: entry.reducingOrders, stop: entry.stop, base: base, overrides: overrides,
                                declaredAt: entry.declaredAt, root: entry.root, description: entry.description, params: entry.params,
                                info: entry.factory.info)
        }
    }

    private func setWarnings(_ parsed: [ParsedEntry], file: String, offline: Bool) -> Diagnostics {
        var warnings = Diagnostics()
        if !parsed.isEmpty && !parsed.contains(where: { $0.mode == .enforce }) {
            warnings.append(Diagnostic(.warning, .noEnforcingRule, "no rule is in enforce mode: every request will be allowed",
                                       file: file))
        }
        for info in registry.catalog {
            guard let warning = info.warningWhenNotEnforced, !offline || warning.reportedOffline else { continue }
            if !parsed.contains(where: { $0.factory.info.name == info.name && $0.mode == .enforce }) {
                warnings.append(Diagnostic(.warning, warning.code, warning.message, file: file))
            }
        }
        return warnings
    }
}

/// What a load produced: the rule set (nil on any error), every diagnostic (warnings too), and the sources the
/// diagnostics point into (for rendering).
public struct RuleSetLoadResult: Sendable {
    public var ruleSet: CompiledRuleSet?
    public var diagnostics: Diagnostics
    public var sources: SourceCache

    public var rendered: String { diagnostics.rendered(sources: sources) }
}
