public import Codec
public import YAMLKit
import Synchronization

/// `POST /risk/set` and `GET /risk/snapshot` (gates.md §2.4, http-api.md §6.5.4–§6.5.5).
extension SharedState {
    /// What `setRisk` did: the response body's `risk` and `overrides`, and the `RISK.UPDATE` event.
    public struct RiskUpdate: Sendable, Hashable {
        /// The snapshot after the change (`risk` of the response).
        public var risk: JSONObject
        /// The overridden param names, in table order.
        public var overrides: [String]
        /// `key → [old, new]` for each key whose effective value changed, in table order.
        public var changed: JSONObject
        /// Whether the persisted overrides changed (write the state file).
        public var overridesChanged: Bool
        public var event: RuleEvent
    }

    /// The `risk` object and `overrides` list of `GET /risk/snapshot`: `base` is the first `risk_caps` rule's
    /// effective base params (`PipelineStep.params`), in table order.
    public func riskSnapshot(base: [(name: String, value: PlainValue)]) -> (risk: JSONObject, overrides: [String]) {
        let overrides = riskOverrides
        return (Self.riskObject(base: base, overrides: overrides), overrides.entries.map(\.param.rawValue))
    }

    /// Sets runtime overrides (after dropping all of them when `reset`); `size_scale` is clipped to [0, 1]. Every
    /// value is checked before anything changes: an out-of-range value throws and changes nothing.
    public func setRisk(_ values: [(RiskOverrides.Param, Double)], reset: Bool, reason: String?,
                        base: [(name: String, value: PlainValue)]) throws(RiskOverrides.Rejection) -> RiskUpdate {
        var staged = RiskOverrides()
        for (param, value) in values { try staged.set(param, value) }
        let (old, new) = storage.withLock { storage in
            let old = storage.values.riskOverrides
            var new = reset ? RiskOverrides() : old
            for (param, value) in staged.entries { try! new.set(param, value) }
            storage.values.riskOverrides = new
            return (old, new)
        }
        let before = Self.riskObject(base: base, overrides: old)
        let after = Self.riskObject(base: base, overrides: new)
        var changed = JSONObject()
        for key in Set(before.keys).union(after.keys).sorted(by: Self.tableOrder(base)) where before[key] != after[key] {
            changed.append(key, .array([before[key] ?? .null, after[key] ?? .null]))
        }
        let event = RuleEvent(code: "RISK.UPDATE", level: "INFO", details: [
            "risk": .object(after), "changed": .object(changed), "reason": reason.map { .string($0) } ?? .null,
            "reset": .bool(reset),
        ])
        return RiskUpdate(risk: after, overrides: new.entries.map(\.param.rawValue), changed: changed,
                          overridesChanged: old != new, event: event)
    }

    /// `base` with the overrides applied, null values left out; integer params as JSON integers.
    static func riskObject(base: [(name: String, value: PlainValue)], overrides: RiskOverrides) -> JSONObject {
        var object = JSONObject()
        for (name, value) in base {
            if let param = RiskOverrides.Param(rawValue: name), let override = overrides[param] {
                object.append(name, param.isInteger ? .int(Int64(override)) : .double(override))
                continue
            }
            switch value {
            case .null, .list: continue
            case .bool(let b): object.append(name, .bool(b))
            case .integer(let i): object.append(name, .int(i))
            case .number(let d): object.append(name, .double(d))
            case .string(let s): object.append(name, .string(s))
            }
        }
        return object
    }

    private static func tableOrder(_ base: [(name: String, value: PlainValue)]) -> (String, String) -> Bool {
        let names = base.map(\.name)
        return { (names.firstIndex(of: $0) ?? Int.max) < (names.firstIndex(of: $1) ?? Int.max) }
    }
}
