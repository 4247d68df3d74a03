/// A type a configuration key can hold: how it is decoded from YAML, parsed from a flag or an environment
/// variable, described in messages, and reduced to plain data.
public protocol ConfigValue: Sendable {
    /// For `'<key>' must be <typeDescription>, got …`: "a number", "an integer", "a string", "true or false",
    /// "a list", "a duration", "a byte size".
    static var typeDescription: String { get }
    /// Converts a node; on failure returns the diagnostic (type-mismatch with the §2.6 notes, not-finite, ...),
    /// located at the node, naming `key`.
    static func decode(_ node: YAMLNode, key: String) -> Result<Self, Diagnostic>
    /// Converts the text of an environment variable or flag (`--max-ms 30`, `AURORA_X=250ms`); nil if invalid.
    static func parse(text: String) -> Self?
    /// The effective value, for fingerprints and `config print`.
    var plain: PlainValue { get }

    /// Like `decode(_:key:)`, knowing the key's unit (a duration key with a unit takes plain numbers in it), and
    /// appending every problem (a list reports each bad item). Returns nil when anything was reported.
    /// The default calls `decode(_:key:)`.
    static func decode(_ node: YAMLNode, key: String, unit: String?, diagnostics: inout Diagnostics) -> Self?
    /// Like `parse(text:)`, knowing the key's unit. The default calls `parse(text:)`.
    static func parse(text: String, unit: String?) -> Self?
}

extension ConfigValue {
    public static func decode(_ node: YAMLNode, key: String, unit: String?, diagnostics: inout Diagnostics) -> Self? {
        switch decode(node, key: key) {
        case .success(let value): return value
        case .failure(let diagnostic):
            diagnostics.append(diagnostic)
            return nil
        }
    }

    public static func parse(text: String, unit: String?) -> Self? { parse(text: text) }
}

/// The diagnostics every conformance shares.
enum ConfigDecoding {
    static let removeQuotesNote = "remove the quotes to write a number"
    static let trueOrFalseNote = "write true or false"
    static let quoteStringNote = "quote the value to make it a string"

    /// `'<key>' must be <expected>, got <what>`.
    static func mismatch(_ node: YAMLNode, key: String, expected: String, notes: [String] = []) -> Diagnostic {
        .error(.typeMismatch, "'\(key)' must be \(expected), got \(node.kindDescription)", at: node, notes: notes)
    }

    static func notFinite(_ node: YAMLNode, key: String) -> Diagnostic {
        .error(.notFinite, "'\(key)' must be a finite number", at: node)
    }

    static func overflow(_ node: YAMLNode, key: String) -> Diagnostic {
        .error(.outOfRange, "'\(key)' must be within the 64-bit signed range, got \(node.scalar?.text ?? "")", at: node)
    }

    /// True for a quoted scalar whose text, unquoted, would be an integer or a number.
    static func isQuotedNumber(_ scalar: YAMLNode.Scalar) -> Bool {
        guard scalar.isQuoted else { return false }
        switch ScalarTyping.resolve(scalar.text) {
        case .integer, .number, .integerOverflow: return true
        default: return false
        }
    }

    /// A number written as text: the §2.6 integer or number syntax, finite.
    static func parseNumber(_ text: String) -> Double? {
        let bytes = Array(text.utf8)
        guard ScalarTyping.isInteger(bytes) || ScalarTyping.isNumber(bytes), let value = Double(text), value.isFinite
        else { return nil }
        return value
    }
}
