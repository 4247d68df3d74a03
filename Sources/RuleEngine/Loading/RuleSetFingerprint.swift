public import Codec
public import YAMLKit

/// The rule set's fingerprint (rule-files.md §2.8): `sha256:` + 64 lowercase hex of the SHA-256 of the compiled
/// set's canonical JSON. It identifies meaning, not bytes.
public enum RuleSetFingerprint {
    public static func canonicalJSON(of steps: [PipelineStep]) -> JSONValue {
        .array(steps.map { step in
            let overrides: [JSONValue] = step.overrides.map { o in
                var match = JSONObject()
                if let modes = o.match.accountModes { match.append("account_modes", .array(modes.map { .string($0) })) }
                if let symbols = o.match.symbols { match.append("symbols", .array(symbols.map { .string($0.rawValue) })) }
                return .object(JSONObject([("match", .object(match)), ("params", paramsObject(o.params))]))
            }
            return .object(JSONObject([
                ("id", .string(step.key.id.rawValue)),
                ("mode", .string(step.mode.rawValue)),
                ("on_error", .string(step.onError.rawValue)),
                ("on_missing", step.onMissing.map { .string($0.rawValue) } ?? .null),
                ("overrides", .array(overrides)),
                ("params", paramsObject(step.params)),
                ("reducing_orders", .string(step.reducingOrders.rawValue)),
                ("stop", .bool(step.stop)),
                ("type", .string(step.key.type.rawValue)),
            ]))
        })
    }

    public static func fingerprint(of steps: [PipelineStep]) -> String {
        "sha256:" + Hex.encode(SHA256.hash(canonicalJSON(of: steps).canonicalBytes()))
    }

    public static func paramsObject(_ params: [(name: String, value: PlainValue)]) -> JSONValue {
        .object(JSONObject(params.map { ($0.name, json($0.value)) }))
    }

    public static func json(_ value: PlainValue) -> JSONValue {
        switch value {
        case .null: .null
        case .bool(let b): .bool(b)
        case .integer(let i): .int(i)
        case .number(let d): .double(d)
        case .string(let s): .string(s)
        case .list(let items): .array(items.map(json))
        }
    }
}
