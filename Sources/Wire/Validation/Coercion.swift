public import Codec

/// The lax coercions of http-api.md §2.1, one JSON value at a time: what the original pydantic service accepted.
public enum Coercion {
    /// 2^53: the largest integer magnitude an int field accepts.
    public static let maxIntMagnitude: Double = 9_007_199_254_740_992

    /// A number field: a JSON number, or a string that is a JSON number after trimming ASCII whitespace.
    public static func double(_ value: JSONValue) -> Result<Double, ValidationError.Kind> {
        switch value {
        case .int(let i): return .success(Double(i))
        case .double(let d): return d.isFinite ? .success(d) : .failure(.finiteNumber)
        case .string(let s):
            guard let number = numericString(s) else { return .failure(.floatParsing) }
            return double(number)
        default: return .failure(.floatType)
        }
    }

    /// An int field: a JSON number with an integral value of magnitude ≤ 2^53, or a string `-?[0-9]+`.
    public static func int(_ value: JSONValue) -> Result<Int64, ValidationError.Kind> {
        switch value {
        case .int(let i):
            return i.magnitude > 1 << 53 ? .failure(.intParsingSize) : .success(i)
        case .double(let d):
            guard d.isFinite else { return .failure(.finiteNumber) }
            if d.magnitude > maxIntMagnitude {
                return isIntegral(d) ? .failure(.intParsingSize) : .failure(.intFromFloat)
            }
            return isIntegral(d) ? .success(Int64(d)) : .failure(.intFromFloat)
        case .string(let s):
            let text = trimmed(s)
            let digits = text.utf8.first == UInt8(ascii: "-") ? text.utf8.dropFirst() : text.utf8[...]
            guard !digits.isEmpty, digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
                return .failure(.intParsing)
            }
            guard let parsed = Int64(text), parsed.magnitude <= 1 << 53 else {
                return .failure(.intParsingSize)
            }
            return .success(parsed)
        default: return .failure(.intType)
        }
    }

    /// A bool field: `true`/`false`, the integers 0 and 1, or one of the strings
    /// `true false 1 0 yes no on off t f y n` (case-insensitive).
    public static func bool(_ value: JSONValue) -> Result<Bool, ValidationError.Kind> {
        switch value {
        case .bool(let b): return .success(b)
        case .int(0): return .success(false)
        case .int(1): return .success(true)
        case .string(let s):
            switch trimmed(s).lowercased() {
            case "true", "1", "yes", "on", "t", "y": return .success(true)
            case "false", "0", "no", "off", "f", "n": return .success(false)
            default: return .failure(.boolParsing)
            }
        default: return .failure(.boolType)
        }
    }

    /// A string field: JSON strings only.
    public static func string(_ value: JSONValue) -> Result<String, ValidationError.Kind> {
        guard case .string(let s) = value else { return .failure(.stringType) }
        return .success(s)
    }

    /// The number a string spells in JSON number syntax, after trimming ASCII whitespace; nil otherwise.
    /// A number too large for a double is `.double(±infinity)`.
    public static func numericString(_ s: String) -> JSONValue? {
        let text = trimmed(s)
        guard let first = text.utf8.first, first == UInt8(ascii: "-") || (first >= 0x30 && first <= 0x39) else {
            return nil
        }
        let limits = JSONReader.Limits(maxDepth: 1, maxBytes: 4096, allowsOverflowToInfinity: true)
        guard let value = try? JSONReader.parse(Array(text.utf8), limits: limits) else { return nil }
        switch value {
        case .int, .double: return value
        default: return nil
        }
    }

    /// True for a finite double without a fractional part. (Checked without libm, which Wire does not link.)
    public static func isIntegral(_ d: Double) -> Bool {
        guard d.isFinite else { return false }
        if d.magnitude >= 4_503_599_627_370_496 { return true }  // 2^52: every double this large is an integer
        return Double(Int64(d)) == d
    }

    /// `s` without leading and trailing ASCII whitespace (space, tab, CR, LF).
    public static func trimmed(_ s: String) -> String {
        let bytes = Array(s.utf8)
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
        guard let start = bytes.firstIndex(where: { !isSpace($0) }) else { return "" }
        let end = bytes.lastIndex(where: { !isSpace($0) })!
        if start == 0 && end == bytes.count - 1 { return s }
        return String(decoding: bytes[start...end], as: UTF8.self)
    }
}
