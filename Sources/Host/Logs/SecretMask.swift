import Codec

/// Secrets never reach a log (observability.md §2): in posttrade payloads the value of any key, at any depth, whose
/// name case-insensitively equals one of `keys` is replaced by `"****"`.
enum SecretMask {
    static let keys: Set<String> = ["api_key", "apikey", "api_secret", "secret", "secret_key", "signature", "token",
                                    "password", "x-ops-token", "x_ops_token"]

    static func masked(_ object: JSONObject) -> JSONObject {
        var out = JSONObject()
        for (key, value) in object {
            out.append(key, keys.contains(key.lowercased()) ? .string("****") : masked(value))
        }
        return out
    }

    static func masked(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let o): .object(masked(o))
        case .array(let items): .array(items.map(masked))
        default: value
        }
    }
}
