extension Pipeline {
    /// What evaluation needs of one non-off step, resolved once when the pipeline is built: the policies, and each
    /// instance with its capabilities already cast (`CommitObserver`, `RiskScaling`), so a request pays for neither
    /// copying the whole `PipelineStep` nor a dynamic cast per step.
    final class Stage: Sendable {
        /// One rule instance of the step (the base or an override) and its optional capabilities; a class, so
        /// choosing it costs one reference, not copies of three existentials.
        final class Instance: Sendable {
            let rule: any Rule
            let commitObserver: (any CommitObserver)?
            let riskScaling: (any RiskScaling)?

            init(_ rule: any Rule) {
                self.rule = rule
                commitObserver = rule as? any CommitObserver
                riskScaling = rule as? any RiskScaling
            }
        }

        /// An override instance with its `match` and its index in `PipelineStep.overrides`.
        struct Override: Sendable {
            let match: OverrideMatch
            let index: Int
            let instance: Instance
        }

        /// Index of the step in the pipeline.
        let index: Int
        let key: RuleKey
        let mode: RuleMode
        let onError: OnError
        let onMissing: OnMissing?
        /// Reducing orders skip the step (`reducing_orders: exempt`).
        let exemptsReducing: Bool
        let stop: Bool
        let base: Instance
        let overrides: [Override]
        /// `reducing_order_exempt:<id>`, built once.
        let exemptNote: String

        init(_ step: PipelineStep, index: Int) {
            self.index = index
            key = step.key
            mode = step.mode
            onError = step.onError
            onMissing = step.onMissing
            exemptsReducing = step.reducingOrders == .exempt
            stop = step.stop
            base = Instance(step.base)
            overrides = step.overrides.map { Override(match: $0.match, index: $0.index, instance: Instance($0.rule)) }
            exemptNote = "reducing_order_exempt:\(step.key.id)"
        }

        /// The instance that applies to a request (first matching override, else the base), with the override's
        /// index; the same choice as `PipelineStep.select`.
        func select(symbol: Symbol?, accountMode: String) -> (instance: Instance, overrideIndex: Int?) {
            for candidate in overrides where candidate.match.matches(symbol: symbol, accountMode: accountMode) {
                return (candidate.instance, candidate.index)
            }
            return (base, nil)
        }
    }
}
