extension JSONValue {
    /// Compact JSON: object members in stored order, doubles in Python `json.dumps` form.
    public func serialized() -> [UInt8] {
        var writer = JSONWriter()
        writer.write(self)
        return writer.bytes
    }

    /// `serialized()` as a string.
    public var serializedString: String { String(decoding: serialized(), as: UTF8.self) }

    /// The canonical form of rule-files.md §2.8: object keys sorted by their UTF-8 bytes, no whitespace, integers as
    /// JSON integers, doubles as ECMAScript's `Number.prototype.toString` writes them (`80`, `0.3`, `1e-7`).
    public func canonicalBytes() -> [UInt8] {
        var writer = JSONWriter()
        writer.writeCanonical(self)
        return writer.bytes
    }

    /// ECMAScript `Number.prototype.toString`: shortest round-trip digits, plain notation for 1e-7 < |d| < 1e21,
    /// exponent form (`1e-7`, `1.5e+300`) outside; `-0` is "0"; non-finite values give "NaN", "Infinity", "-Infinity".
    public static func ecmaScriptNumber(_ d: Double) -> String {
        if d.isNaN { return "NaN" }
        if d.isInfinite { return d < 0 ? "-Infinity" : "Infinity" }
        return DecimalDigits(d).ecmaScript
    }

    /// Python's `repr(float)`, which `json.dumps` writes: `1.0`, `0.01`, `1e-07`, `1e+16`, `123456789.0`, `-0.0`;
    /// non-finite values give "NaN", "Infinity", "-Infinity" (JSONWriter writes `null` for them instead).
    public static func pythonNumber(_ d: Double) -> String {
        if d.isNaN { return "NaN" }
        if d.isInfinite { return d < 0 ? "-Infinity" : "Infinity" }
        return DecimalDigits(d).pythonRepr
    }
}

extension JSONWriter {
    /// Writes `value` in the canonical form (see `JSONValue.canonicalBytes()`).
    mutating func writeCanonical(_ value: JSONValue) {
        switch value {
        case .double(let d): ecmaScriptDouble(d)
        case .array(let elements):
            beginArray()
            for element in elements { writeCanonical(element) }
            endArray()
        case .object(let object):
            beginObject()
            let sorted = object.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
            for (name, member) in sorted {
                key(name)
                writeCanonical(member)
            }
            endObject()
        default: write(value)
        }
    }
}
