import Codec
import YAMLKit

/// Request and posttrade bodies written in YAML test files (rule-files.md §7.2): converted to JSON, deep-merged over
/// `base`, with `{now_ms: N}` standing for the step's `now_ms + N`.
enum RequestTemplate {
    /// The pretrade request schema (http-api.md §4.1): field name → nested schema (nil for a leaf).
    static let pretradeSchema: [String: [String: [String: Bool]?]?] = [
        "account": ["mode": nil, "account_id": nil, "subaccount": nil],
        "order": ["symbol": nil, "side": nil, "qty": nil, "price": nil, "base_notional": nil, "notional": nil,
                  "type": nil, "reduce_only": nil, "client_order_id": nil],
        "market": ["latency_ms": nil, "spread_bps": nil, "score": nil, "a_bps": nil, "b_bps": nil, "slip_bps_est": nil,
                   "mode_regime": nil, "trap_cancel_deltas": nil, "trap_add_deltas": nil, "trap_trades_cnt": nil,
                   "obi_sign": nil, "tfi_sign": nil, "sprt_samples": nil, "pnl_today_pct": nil, "open_positions": nil,
                   "dq": ["stale_book": true, "crossed_book": true, "abnormal_spread": true], "quote_ts_ms": nil,
                   "mid": nil, "best_bid": nil, "best_ask": nil, "vol_std_bps": nil, "symbol": nil],
        "ts": nil, "req_id": nil, "risk_tags": nil, "fees_bps": nil,
    ]

    /// YAML → JSON (plain scalars typed as rule-files.md §2.6; quoted scalars are strings).
    static func json(_ node: YAMLNode) -> JSONValue {
        switch node {
        case .scalar(let s):
            switch s.resolved {
            case .null: return .null
            case .bool(let b): return .bool(b)
            case .integer(let i): return .int(i)
            case .number(let d): return .double(d)
            case .string(let text): return .string(text)
            case .notFinite, .integerOverflow: return .string(s.text)
            }
        case .sequence(let seq): return .array(seq.items.map(json))
        case .mapping(let map): return .object(JSONObject(map.entries.map { ($0.key.text, json($0.value)) }))
        }
    }

    /// Unknown request fields of a YAML request (`request:` or `base:`), each an `unknown-key` diagnostic.
    static func checkFields(_ node: YAMLNode, diagnostics: inout Diagnostics) {
        guard let top = node.mapping else {
            if !node.isNull {
                diagnostics.append(Diagnostic(.error, .typeMismatch, "'request' must be a mapping, got \(node.kindDescription)",
                                              at: node.location, length: node.length))
            }
            return
        }
        for entry in top.entries {
            let name = entry.key.text
            guard let nested = pretradeSchema[name] else {
                diagnostics.append(unknown(entry.key, place: "the request", valid: Array(pretradeSchema.keys)))
                continue
            }
            guard let nested, let mapping = entry.value.mapping else { continue }
            for field in mapping.entries {
                guard let leaf = nested[field.key.text] else {
                    diagnostics.append(unknown(field.key, place: "request '\(name)'", valid: Array(nested.keys)))
                    continue
                }
                if let leaf, let dq = field.value.mapping {
                    for flag in dq.entries where leaf[flag.key.text] == nil {
                        diagnostics.append(unknown(flag.key, place: "request 'market.dq'", valid: Array(leaf.keys)))
                    }
                }
            }
        }
    }

    private static func unknown(_ key: YAMLNode.Scalar, place: String, valid: [String]) -> Diagnostic {
        var notes: [String] = []
        if let s = DidYouMean.suggestion(for: key.text, among: valid) { notes.append("did you mean '\(s)'?") }
        notes.append("valid keys: \(valid.sorted().joined(separator: ", "))")
        return Diagnostic(.error, .unknownKey, "unknown key '\(key.text)' in \(place)", at: key.location,
                          length: key.length, notes: notes)
    }

    /// `over` merged into `base`: mappings key by key, arrays and scalars replace, `null` removes the key.
    static func merge(_ base: JSONValue, _ over: JSONValue) -> JSONValue {
        guard case .object(var result) = base, case .object(let patch) = over else { return over }
        for (key, value) in patch {
            if case .null = value {
                result[key] = nil
            } else if let existing = result[key], case .object = existing, case .object = value, !isNowTemplate(value) {
                result[key] = merge(existing, value)
            } else {
                result[key] = value
            }
        }
        return .object(result)
    }

    /// Replaces every `{now_ms: N}` by `now + N`.
    static func resolve(_ value: JSONValue, now: Int64) -> JSONValue {
        switch value {
        case .object(let object):
            if isNowTemplate(value), let offset = object["now_ms"]?.intValue { return .int(now &+ offset) }
            return .object(JSONObject(object.map { ($0.key, resolve($0.value, now: now)) }))
        case .array(let items): return .array(items.map { resolve($0, now: now) })
        default: return value
        }
    }

    static func isNowTemplate(_ value: JSONValue) -> Bool {
        guard case .object(let object) = value, object.count == 1, case .int? = object["now_ms"] else { return false }
        return true
    }
}
