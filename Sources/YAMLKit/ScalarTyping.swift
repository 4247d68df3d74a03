/// The scalar typing of rule-files.md §2.6, for plain scalars.
enum ScalarTyping {
    static func resolve(_ text: String) -> YAMLNode.Scalar.Resolved {
        switch text {
        case "", "null", "~": return .null
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        default: break
        }
        let bytes = Array(text.utf8)
        if isInteger(bytes) {
            guard let value = Int64(text) else { return .integerOverflow }
            return .integer(value)
        }
        if isNumber(bytes) {
            guard let value = Double(text), value.isFinite else { return .notFinite }
            return .number(value)
        }
        if isInfinityOrNaN(text) { return .notFinite }
        return .string(text)
    }

    /// `[-+]?[0-9]+`
    static func isInteger(_ bytes: [UInt8]) -> Bool {
        var index = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") { index += 1 }
        let digits = countDigits(bytes, from: index)
        return digits > 0 && index + digits == bytes.count
    }

    /// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`
    static func isNumber(_ bytes: [UInt8]) -> Bool {
        var index = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") { index += 1 }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            let fraction = countDigits(bytes, from: index + 1)
            guard fraction > 0 else { return false }
            index += 1 + fraction
        } else {
            let whole = countDigits(bytes, from: index)
            guard whole > 0 else { return false }
            index += whole
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                index += 1 + countDigits(bytes, from: index + 1)
            }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
                index += 1
            }
            let exponent = countDigits(bytes, from: index)
            guard exponent > 0 else { return false }
            index += exponent
        }
        return index == bytes.count
    }

    /// `.inf`, `-.inf`, `+.inf`, `.nan`, in any letter case.
    static func isInfinityOrNaN(_ text: String) -> Bool {
        switch text.lowercased() {
        case ".inf", "-.inf", "+.inf", ".nan": true
        default: false
        }
    }

    private static func countDigits(_ bytes: [UInt8], from start: Int) -> Int {
        var index = start
        while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") { index += 1 }
        return index - start
    }

    /// `"text"` with `\`, `"` and control characters escaped; over 60 scalars it is cut and ends with `…`.
    static func quoted(_ text: String) -> String {
        var out = "\""
        var count = 0
        for scalar in text.unicodeScalars {
            if count == 60 {
                out += "…"
                break
            }
            count += 1
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 {
                    out += "\\u{\(String(scalar.value, radix: 16))}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
