public import Codec

/// The per-rule record of one evaluation: the compact trace of `observability.rules`, plus what explain adds.
public struct DecisionTrace: Sendable {
    public enum Verdict: String, Sendable, Hashable {
        case pass, deny, skip
        case shadowDeny = "shadow_deny"
        case notEvaluated = "not_evaluated"
    }

    public struct Step: Sendable {
        public var key: RuleKey
        public var mode: RuleMode
        public var verdict: Verdict
        /// The reason on deny/shadow deny, the note on skip, `rule_error:<code>` on a pass after an error.
        public var reason: String?
        public var measured: Double?
        public var threshold: Double?
        public var duration: Duration
        /// The reasons entries this rule contributed (unprefixed).
        public var entries: [String] = []
        public var hard: Bool = false
        public var cooldownMs: Int64 = 0
        public var qtyCap: Double?
        /// The rule's explain details, built when read.
        public var explainDetails = ExplainDetails()
        public var details: JSONObject {
            get { explainDetails.object }
            set { explainDetails = ExplainDetails(newValue) }
        }
        /// The error code when the rule failed internally.
        public var error: String?
        /// The missing input's path, when the verdict came from `on_missing`.
        public var missing: String?
        /// Index into `PipelineStep.overrides` of the override that applied.
        public var overrideIndex: Int?
        /// Index of the step in the pipeline.
        public var stepIndex: Int

        /// Microseconds, at most 3 decimals.
        public var microseconds: Double {
            let (seconds, attoseconds) = duration.components
            let us = Double(seconds) * 1e6 + Double(attoseconds) / 1e12
            return (us * 1000).rounded() / 1000
        }
    }

    public var steps: [Step]
    public init(steps: [Step] = []) { self.steps = steps }

    /// The first `deny` step: the deciding rule.
    public var decidingStep: Step? { steps.first { $0.verdict == .deny } }
}
