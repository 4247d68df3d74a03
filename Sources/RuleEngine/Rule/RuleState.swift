public import Codec

/// A rule's mutable state: one object shared by every instance of one `(id, type)` (base and overrides), handed by
/// reference to the rule that replaces it on reload. Implementations hold a Mutex; every update is atomic.
public protocol RuleState: AnyObject, Sendable {
    /// A JSON view for `GET /ops/state` and explain output; never persisted (gates.md §1.8).
    func snapshot() -> JSONValue
}
