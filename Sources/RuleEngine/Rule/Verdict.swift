public import Codec

/// What one rule says about one request (gates.md §1.2). Mode, policies and timing are the pipeline's business.
public enum Verdict: Sendable {
    /// The check ran and the request is acceptable.
    case pass(Evidence)
    /// The check failed.
    case deny(Denial)
    /// A required input is absent or outside the rule's domain: the step's `on_missing` decides.
    case missing(MissingInput)
}

/// The numbers and side effects of a passing rule.
public struct Evidence: Sendable {
    public var measured: Double?
    public var threshold: Double?
    /// A quantity cap (only `risk_caps` returns one, gates.md §1.6).
    public var qtyCap: Double?
    public var quotas: Quotas?
    /// Diagnostics entries (`risk_qty_capped:order_notional`, `sprt_accept`, …).
    public var notes: [String]
    public var events: [RuleEvent]
    /// The type's "Explain details", possibly deferred until explain reads them.
    public var explainDetails: ExplainDetails
    /// The type's "Explain details" (builds deferred ones).
    public var details: JSONObject {
        get { explainDetails.object }
        set { explainDetails = ExplainDetails(newValue) }
    }
    /// Response sections this rule fills (`risk`, `trap`, `sprt` of `observability`); the first rule to set one wins.
    public var sections: [(key: String, value: JSONValue)]
    /// A trading-state latch asked for by an enforce-mode rule (governance's daily drawdown): the pipeline applies
    /// the most restrictive one, as one change, when the request's evaluation ends (gates.md §10 step 5).
    public var latch: TradingLatch?

    public init(measured: Double? = nil, threshold: Double? = nil, qtyCap: Double? = nil, quotas: Quotas? = nil,
                notes: [String] = [], events: [RuleEvent] = [], details: JSONObject = JSONObject(),
                sections: [(key: String, value: JSONValue)] = [], latch: TradingLatch? = nil,
                deferredDetails: (@Sendable () -> JSONObject)? = nil) {
        self.measured = measured
        self.threshold = threshold
        self.qtyCap = qtyCap
        self.quotas = quotas
        self.notes = notes
        self.events = events
        self.explainDetails = deferredDetails.map { ExplainDetails(deferred: $0) } ?? ExplainDetails(details)
        self.sections = sections
        self.latch = latch
    }
}

/// A failed check: the reason code, the reasons entries, hardness and cooldown (gates.md §1.6).
public struct Denial: Sendable {
    public var code: ReasonCode
    /// The `observability.reasons` entries, in the order the type's section gives.
    public var entries: [String]
    public var hard: Bool
    /// Remaining cooldown for cooldown-type denies, else 0.
    public var cooldownMs: Int64
    public var evidence: Evidence

    public init(code: ReasonCode, entries: [String]? = nil, hard: Bool, cooldownMs: Int64 = 0,
                evidence: Evidence = Evidence()) {
        self.code = code
        self.entries = entries ?? [code.rawValue]
        self.hard = hard
        self.cooldownMs = cooldownMs
        self.evidence = evidence
    }
}

/// A required input that is absent or invalid (gates.md §1.4).
public struct MissingInput: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable { case missing = "missing_input", invalid = "invalid_input" }
    public var kind: Kind
    /// JSON path of the input: `market.latency_ms`.
    public var path: String
    /// A type-specific diagnostic used instead of the code on a skip (`slippage_guard_skipped_no_b`).
    public var skipNote: String?

    public init(_ path: String, kind: Kind = .missing, skipNote: String? = nil) {
        self.kind = kind
        self.path = path
        self.skipNote = skipNote
    }
    public static func invalid(_ path: String, skipNote: String? = nil) -> MissingInput {
        MissingInput(path, kind: .invalid, skipNote: skipNote)
    }
    /// `missing_input:market.latency_ms`.
    public var code: String { "\(kind.rawValue):\(path)" }
}

/// The risk quotas of a response (http-api.md §4.4).
public struct Quotas: Sendable, Hashable {
    /// Remaining approvals when this decision is not an allow.
    public var tradesPerMinuteLeft: Int64
    public var symbolExposureLeftUsdt: Double
    /// Remaining approvals when this decision is an allow (the allow's own stamps counted, gates.md §9); defaults to
    /// `tradesPerMinuteLeft` (the decision consumes nothing).
    public var tradesPerMinuteLeftOnAllow: Int64
    public init(tradesPerMinuteLeft: Int64 = 999, symbolExposureLeftUsdt: Double = 1e12,
                tradesPerMinuteLeftOnAllow: Int64? = nil) {
        self.tradesPerMinuteLeft = tradesPerMinuteLeft
        self.symbolExposureLeftUsdt = symbolExposureLeftUsdt
        self.tradesPerMinuteLeftOnAllow = tradesPerMinuteLeftOnAllow ?? tradesPerMinuteLeft
    }
    public static let unlimited = Quotas()
    public func merged(with other: Quotas) -> Quotas {
        Quotas(tradesPerMinuteLeft: min(tradesPerMinuteLeft, other.tradesPerMinuteLeft),
               symbolExposureLeftUsdt: min(symbolExposureLeftUsdt, other.symbolExposureLeftUsdt),
               tradesPerMinuteLeftOnAllow: min(tradesPerMinuteLeftOnAllow, other.tradesPerMinuteLeftOnAllow))
    }
    /// The quotas a response reports: with the allow's own approval counted when `allowed`.
    public func reported(allowed: Bool) -> Quotas {
        allowed ? Quotas(tradesPerMinuteLeft: tradesPerMinuteLeftOnAllow, symbolExposureLeftUsdt: symbolExposureLeftUsdt)
            : Quotas(tradesPerMinuteLeft: tradesPerMinuteLeft, symbolExposureLeftUsdt: symbolExposureLeftUsdt)
    }
}
