/// A configuration value reduced to plain data: for fingerprints, `config print` and effective-value listings.
public enum PlainValue: Sendable, Hashable, CustomStringConvertible {
    case null
    case bool(Bool)
    case integer(Int64)
    case number(Double)
    case string(String)
    case list([PlainValue])

    /// `null`, `true`, `42`, `0.5`, the string itself, `[a, b]`.
    public var description: String {
        switch self {
        case .null: "null"
        case .bool(let value): value ? "true" : "false"
        case .integer(let value): String(value)
        case .number(let value): String(value)
        case .string(let value): value
        case .list(let items): "[" + items.map(\.description).joined(separator: ", ") + "]"
        }
    }
}
