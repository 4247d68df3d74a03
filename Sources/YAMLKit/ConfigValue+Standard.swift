extension Bool: ConfigValue {
    public static var typeDescription: String { "true or false" }

    /// `true`/`false` (§2.6 spellings). `yes`, `no`, `on`, `off`, `y`, `n` are a type-mismatch with the note
    /// "write true or false"; so is a quoted `"true"`.
    public static func decode(_ node: YAMLNode, key: String) -> Result<Bool, Diagnostic> {
        guard let scalar = node.scalar else {
            return .failure(ConfigDecoding.mismatch(node, key: key, expected: typeDescription))
        }
        if case .bool(let value) = scalar.resolved { return .success(value) }
        let lowered = scalar.text.lowercased()
        let notes =
            ["yes", "no", "on", "off", "y", "n", "true", "false"].contains(lowered)
            ? [ConfigDecoding.trueOrFalseNote] : []
        return .failure(ConfigDecoding.mismatch(node, key: key, expected: typeDescription, notes: notes))
    }

    /// `true`/`false`/`1`/`0`/`yes`/`no`/`on`/`off`, any case (the environment rule of http-api.md §11).
    public static func parse(text: String) -> Bool? {
        switch text.trimmed.lowercased() {
        case "true", "1", "yes", "on": true
        case "false", "0", "no", "off": false
        default: nil
        }
    }

    public var plain: PlainValue { .bool(self) }
}

extension Int64: ConfigValue {
    public static var typeDescription: String { "an integer" }

    /// A plain integer. A number with a fraction or exponent is a type-mismatch, a quoted number too (note
    /// "remove the quotes to write a number"); outside the 64-bit range is out-of-range; `.inf`/`.nan` not-finite.
    public static func decode(_ node: YAMLNode, key: String) -> Result<Int64, Diagnostic> {
        guard let scalar = node.scalar else {
            return .failure(ConfigDecoding.mismatch(node, key: key, expected: typeDescription))
        }
        switch scalar.resolved {
        case .integer(let value): return .success(value)
        case .integerOverflow: return .failure(ConfigDecoding.overflow(node, key: key))
        case .notFinite: return .failure(ConfigDecoding.notFinite(node, key: key))
        default:
            let notes = ConfigDecoding.isQuotedNumber(scalar) ? [ConfigDecoding.removeQuotesNote] : []
            return .failure(ConfigDecoding.mismatch(node, key: key, expected: typeDescription, notes: notes))
        }
    }

    public static func parse(text: String) -> Int64? {
        let trimmed = text.trimmed
        guard ScalarTyping.isInteger(Array(trimmed.utf8)) else { return nil }
        return Int64(trimmed)
    }

    public var plain: PlainValue { .integer(self) }
}

extension Int: ConfigValue {
    public static var typeDescription: String { Int64.typeDescription }

    /// As `Int64`.
    public static func decode(_ node: YAMLNode, key: String) -> Result<Int, Diagnostic> {
        Int64.decode(node, key: key).flatMap { value in
            guard let exact = Int(exactly: value) else { return .failure(ConfigDecoding.overflow(node, key: key)) }
            return .success(exact)
        }
    }

    public static func parse(text: String) -> Int? { Int64.parse(text: text).flatMap { Int(exactly: $0) } }

    public var plain: PlainValue { .integer(Int64(self)) }
}

extension Double: ConfigValue {
    public static var typeDescription: String { "a number" }

    /// A plain integer or number (an integer beyond 64 bits is still a number). A quoted number is a
    /// type-mismatch with the note "remove the quotes to write a number"; `.inf`, `.nan`, `1e400` are not-finite.
    public static func decode(_ node: YAMLNode, key: String) -> Result<Double, Diagnostic> {
        guard let scalar = node.scalar else {
            return .failure(ConfigDecoding.mismatch(node, key: key, expected: typeDescription))
        }
        switch scalar.resolved {
        case .integer(let value): return .success(Double(value))
        case .number(let value): return .success(value)
        case .integerOverflow:
            guard let value = Double(scalar.text), value.isFinite else {
                return .failure(ConfigDecoding.notFinite(node, key: key))
            }
            return .success(value)
        case .notFinite: return .failure(ConfigDecoding.notFinite(node, key: key))
        default:
            let notes = ConfigDecoding.isQuotedNumber(scalar) ? [ConfigDecoding.removeQuotesNote] : []
            return .failure(ConfigDecoding.mismatch(node, key: key, expected: typeDescription, notes: notes))
        }
    }

    public static func parse(text: String) -> Double? { ConfigDecoding.parseNumber(text.trimmed) }

    public var plain: PlainValue { .number(self) }
}

extension String: ConfigValue {
    public static var typeDescription: String { "a string" }

    /// Any scalar that types as a string (every quoted or block scalar, and plain text that is not null, a
    /// boolean or a number). Null, booleans and numbers are a type-mismatch with the note
    /// "quote the value to make it a string" (except null).
    public static func decode(_ node: YAMLNode, key: String) -> Result<String, Diagnostic> {
        guard let scalar = node.scalar else {
            return .failure(ConfigDecoding.mismatch(node, key: key, expected: typeDescription))
        }
        switch scalar.resolved {
        case .string(let value): return .success(value)
        case .null: return .failure(ConfigDecoding.mismatch(node, key: key, expected: typeDescription))
        default:
            return .failure(
                ConfigDecoding.mismatch(
                    node, key: key, expected: typeDescription, notes: [ConfigDecoding.quoteStringNote]))
        }
    }

    public static func parse(text: String) -> String? { text }

    public var plain: PlainValue { .string(self) }
}

extension String {
    /// Without leading and trailing spaces, tabs, and line breaks.
    var trimmed: String {
        let scalars = unicodeScalars
        let isSpace: (Unicode.Scalar) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = scalars.firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !isSpace($0) })!
        return String(scalars[first...last])
    }
}
