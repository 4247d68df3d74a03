/// How a pipeline step's verdict counts (gates.md §1.3).
public enum RuleMode: String, Sendable, Hashable, CaseIterable {
    /// A deny blocks the request.
    case enforce
    /// Evaluated exactly like enforce, but a deny is recorded as `shadow_deny` and never blocks.
    case shadow
    /// Not evaluated.
    case off
}

/// What an internal error of a rule becomes (gates.md §1.5).
public enum OnError: String, Sendable, Hashable, CaseIterable {
    case deny, allow, skip
}

/// What a missing or invalid required input becomes (gates.md §1.4).
public enum OnMissing: String, Sendable, Hashable, CaseIterable {
    case deny, skip
}

/// How a rule meets an order that reduces exposure (gates.md §2.6).
public enum ReducingTreatment: String, Sendable, Hashable, CaseIterable {
    /// The rule does not run for it: verdict skip, `reducing_order_exempt:<id>`.
    case exempt
    /// The rule evaluates it (its algorithm may treat it specially).
    case check
}
