/// Appends compact JSON to a byte buffer, with no intermediate dictionaries.
///
/// The streaming calls write separators themselves: a value or key written right after `{`, `[`, `:` or a newline
/// (or into an empty buffer) gets no comma, anything else is preceded by `,`. So `beginObject(); key("a"); int(1);
/// key("b"); null(); endObject()` gives `{"a":1,"b":null}`, and appending `\n` between values writes JSON lines.
/// Doubles are written as Python's `json.dumps` writes floats (`1.0`, `1e-07`, `1e+16`); non-finite doubles as
/// `null`. Strings escape `"`, `\` and control characters; other characters are written as UTF-8.
public struct JSONWriter: Sendable {
    /// The encoded output so far.
    public var bytes: [UInt8]

    public init(capacity: Int = 512) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// Writes a whole value, object members in stored order.
    public mutating func write(_ value: JSONValue) {
        switch value {
        case .null: null()
        case .bool(let b): bool(b)
        case .int(let i): int(i)
        case .double(let d): double(d)
        case .string(let s): string(s)
        case .array(let elements):
            beginArray()
            for element in elements { write(element) }
            endArray()
        case .object(let object):
            beginObject()
            for (name, member) in object {
                key(name)
                write(member)
            }
            endObject()
        }
    }

    public mutating func beginObject() {
        separate()
        bytes.append(UInt8(ascii: "{"))
    }

    public mutating func endObject() { bytes.append(UInt8(ascii: "}")) }

    public mutating func beginArray() {
        separate()
        bytes.append(UInt8(ascii: "["))
    }

    public mutating func endArray() { bytes.append(UInt8(ascii: "]")) }

    /// An object member's name and the `:` after it; the member's value follows.
    public mutating func key(_ name: String) {
        separate()
        appendQuoted(name)
        bytes.append(UInt8(ascii: ":"))
    }

    /// `key(_:)` for a member name written in the source: copied in one go (escaped like any key if it must be).
    public mutating func field(_ name: StaticString) {
        separate()
        let utf8 = UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount)
        if utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            appendEscaped(String(decoding: utf8, as: UTF8.self))
        } else {
            bytes.append(UInt8(ascii: "\""))
            bytes.append(contentsOf: utf8)
            bytes.append(UInt8(ascii: "\""))
        }
        bytes.append(UInt8(ascii: ":"))
    }

    public mutating func string(_ s: String) {
        separate()
        appendQuoted(s)
    }

    /// Python `json.dumps` form; `null` when not finite.
    public mutating func double(_ d: Double) {
        separate()
        guard d.isFinite else {
            appendLiteral("null")
            return
        }
        appendPythonRepr(d)
    }

    public mutating func int(_ i: Int64) {
        separate()
        appendDecimal(i)
    }

    public mutating func bool(_ b: Bool) {
        separate()
        appendLiteral(b ? "true" : "false")
    }

    public mutating func null() {
        separate()
        appendLiteral("null")
    }

    /// Appends already-encoded JSON (a whole value) as the next value, with its separator.
    public mutating func raw(_ json: some Sequence<UInt8>) {
        separate()
        bytes.append(contentsOf: json)
    }

    /// ECMAScript number form (`80`, `1e-7`), `null` when not finite: the canonical form's numbers.
    mutating func ecmaScriptDouble(_ d: Double) {
        separate()
        guard d.isFinite else {
            appendLiteral("null")
            return
        }
        appendASCII(JSONValue.ecmaScriptNumber(d))
    }

    private mutating func separate() {
        guard let last = bytes.last else { return }
        switch last {
        case UInt8(ascii: "{"), UInt8(ascii: "["), UInt8(ascii: ":"), 0x0A: return
        default: bytes.append(UInt8(ascii: ","))
        }
    }

    private mutating func appendASCII(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    private mutating func appendLiteral(_ text: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    private mutating func appendQuoted(_ s: String) {
        var s = s
        let plain = s.withUTF8 { utf8 -> Bool in
            for byte in utf8 where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                return false
            }
            bytes.append(UInt8(ascii: "\""))
            bytes.append(contentsOf: utf8)
            bytes.append(UInt8(ascii: "\""))
            return true
        }
        if !plain { appendEscaped(s) }
    }

    private mutating func appendEscaped(_ s: String) {
        bytes.append(UInt8(ascii: "\""))
        for byte in s.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(0x5C); bytes.append(0x22)
            case UInt8(ascii: "\\"): bytes.append(0x5C); bytes.append(0x5C)
            case 0x0A: bytes.append(0x5C); bytes.append(UInt8(ascii: "n"))
            case 0x09: bytes.append(0x5C); bytes.append(UInt8(ascii: "t"))
            case 0x0D: bytes.append(0x5C); bytes.append(UInt8(ascii: "r"))
            case 0x08: bytes.append(0x5C); bytes.append(UInt8(ascii: "b"))
            case 0x0C: bytes.append(0x5C); bytes.append(UInt8(ascii: "f"))
            case 0x00..<0x20:
                appendLiteral("\\u00")
                bytes.append(Self.hexDigits[Int(byte >> 4)])
                bytes.append(Self.hexDigits[Int(byte & 0x0F)])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)
}
