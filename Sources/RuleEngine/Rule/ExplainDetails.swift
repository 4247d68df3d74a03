public import Codec

/// A rule's "Explain details" (gates.md, each type's section): only explain output reads them, so a rule may hand
/// over a builder instead of the object, and a request that is not explained never builds it.
///
/// Contract for a deferred builder: it captures only values computed during the evaluation (never a reference to
/// mutable state), so building it later gives exactly the object that building it at once would have given.
public struct ExplainDetails: Sendable {
    private enum Storage: Sendable {
        case built(JSONObject)
        case deferred(@Sendable () -> JSONObject)
    }

    private var storage: Storage

    /// Details already built (empty by default).
    public init(_ object: JSONObject = JSONObject()) { storage = .built(object) }

    /// Details built on first read, from values the closure captured during the evaluation.
    public init(deferred build: @escaping @Sendable () -> JSONObject) { storage = .deferred(build) }

    /// The details object (runs a deferred builder on every read; readers are explain paths only).
    public var object: JSONObject {
        switch storage {
        case .built(let object): object
        case .deferred(let build): build()
        }
    }
}
