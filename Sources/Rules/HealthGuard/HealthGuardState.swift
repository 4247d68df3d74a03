import Codec
import RuleEngine
import Synchronization

/// The state of one `health_guard` rule (gates.md §4): the manual cooloff, kept once per rule, and per scope key
/// (`*`, or a canonical symbol with `scope: symbol`) the samples, warns, cooloff, halt and last p95. Shared by the
/// rule's base and override instances and carried over on reload unless `scope` changes.
final class HealthGuardState: RuleState {
    struct Store: Sendable {
        var manualCooloffUntil: Int64 = 0
        var scopes = BoundedLRU<String, Scope>()
    }

    /// The scope setting this state was built for: a reload that changes it starts afresh.
    let scope: HealthGuardGate.Config.ScopeKind
    let store = Mutex(Store())

    init(scope: HealthGuardGate.Config.ScopeKind) { self.scope = scope }

    func snapshot() -> JSONValue {
        store.withLock { store in
            var scopes = JSONObject()
            for (key, s) in store.scopes.entries.sorted(by: { $0.key < $1.key }) {
                scopes.append(key, .object(JSONObject([
                    ("samples", .int(Int64(s.samples.count))), ("warns", .array(s.warns.map { .int($0) })),
                    ("cooloff_until_ms", .int(s.cooloffUntil)), ("halted", .bool(s.halted)),
                    ("last_p95", s.lastP95.map { .double($0) } ?? .null),
                ])))
            }
            return .object(JSONObject([("scope", .string(scope.rawValue)),
                                       ("manual_cooloff_until_ms", .int(store.manualCooloffUntil)),
                                       ("scopes", .object(scopes))]))
        }
    }
}
