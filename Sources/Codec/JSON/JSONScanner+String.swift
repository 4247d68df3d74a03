extension JSONScanner {
    /// A string literal starting at the opening quote; validates UTF-8 and escapes.
    mutating func string() throws(JSONReadError) -> String {
        position += 1
        let start = position
        // Fast path: printable ASCII up to the closing quote, no escapes.
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
                position += 1
                return text
            }
            if byte == UInt8(ascii: "\\") || byte < 0x20 || byte >= 0x80 { break }
            position += 1
        }
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<position]))
        while position < bytes.count {
            let byte = bytes[position]
            switch byte {
            case UInt8(ascii: "\""):
                position += 1
                return String(decoding: scratch, as: UTF8.self)
            case UInt8(ascii: "\\"):
                try escape()
            case 0x00..<0x20:
                throw fail("unescaped control character \(describe(byte)) in string")
            case 0x80...:
                try multiByteSequence()
            default:
                scratch.append(byte)
                position += 1
            }
        }
        throw fail("unexpected end of input; unterminated string")
    }

    /// One backslash escape; appends its UTF-8 to `scratch`.
    private mutating func escape() throws(JSONReadError) {
        let start = position
        position += 1
        guard let byte = peek() else { throw fail("unexpected end of input; unterminated string") }
        position += 1
        switch byte {
        case UInt8(ascii: "\""): scratch.append(0x22)
        case UInt8(ascii: "\\"): scratch.append(0x5C)
        case UInt8(ascii: "/"): scratch.append(0x2F)
        case UInt8(ascii: "b"): scratch.append(0x08)
        case UInt8(ascii: "f"): scratch.append(0x0C)
        case UInt8(ascii: "n"): scratch.append(0x0A)
        case UInt8(ascii: "r"): scratch.append(0x0D)
        case UInt8(ascii: "t"): scratch.append(0x09)
        case UInt8(ascii: "u"):
            let unit = try hexQuad()
            var scalar: UInt32 = UInt32(unit)
            if (0xD800...0xDBFF).contains(unit) {
                guard position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"),
                    bytes[position + 1] == UInt8(ascii: "u")
                else { throw fail("lone surrogate in \\u escape", at: start) }
                position += 2
                let low = try hexQuad()
                guard (0xDC00...0xDFFF).contains(low) else { throw fail("lone surrogate in \\u escape", at: start) }
                scalar = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
            } else if (0xDC00...0xDFFF).contains(unit) {
                throw fail("lone surrogate in \\u escape", at: start)
            }
            // Every value left is a valid scalar: surrogates were paired or rejected above.
            scratch.append(contentsOf: Unicode.UTF8.encode(Unicode.Scalar(scalar)!)!)
        default:
            throw fail("invalid escape '\\\(Character(Unicode.Scalar(byte)))' in string", at: start)
        }
    }

    /// Four hex digits after `\u`.
    private mutating func hexQuad() throws(JSONReadError) -> UInt16 {
        var unit: UInt16 = 0
        for _ in 0..<4 {
            guard let byte = peek() else { throw fail("unexpected end of input; unterminated string") }
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw fail("invalid \\u escape: expected 4 hex digits")
            }
            unit = unit << 4 | UInt16(digit)
            position += 1
        }
        return unit
    }

    /// A well-formed UTF-8 sequence (Unicode table 3-7) starting at a byte ≥ 0x80; appended to `scratch` as is.
    private mutating func multiByteSequence() throws(JSONReadError) {
        let start = position
        let lead = bytes[position]
        let length: Int
        var secondRange: ClosedRange<UInt8> = 0x80...0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; secondRange = 0xA0...0xBF
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; secondRange = 0x80...0x9F
        case 0xF0: length = 4; secondRange = 0x90...0xBF
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; secondRange = 0x80...0x8F
        default: throw fail("invalid UTF-8", at: start)
        }
        guard start + length <= bytes.count else { throw fail("invalid UTF-8", at: start) }
        guard secondRange.contains(bytes[start + 1]) else { throw fail("invalid UTF-8", at: start) }
        for offset in 2..<max(length, 2) where !(0x80...0xBF).contains(bytes[start + offset]) {
            throw fail("invalid UTF-8", at: start)
        }
        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<(start + length)]))
        position += length
    }
}
