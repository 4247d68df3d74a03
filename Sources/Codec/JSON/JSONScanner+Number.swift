extension JSONScanner {
    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`: `.int` when integral and within `Int64`.
    mutating func number() throws(JSONReadError) -> JSONValue {
        let start = position
        let negative = peek() == UInt8(ascii: "-")
        if negative { position += 1 }
        guard let first = peek(), isDigit(first) else {
            throw fail(peek() == nil ? "unexpected end of input; expected a digit after '-'" : "expected a digit after '-'")
        }
        if first == UInt8(ascii: "0"), position + 1 < bytes.count, isDigit(bytes[position + 1]) {
            throw fail("leading zero in number", at: start)
        }
        // Integer part, accumulated negatively so Int64.min fits.
        var magnitude: Int64 = 0
        var overflow = false
        while let byte = peek(), isDigit(byte) {
            let digit = Int64(byte - UInt8(ascii: "0"))
            let (times10, o1) = magnitude.multipliedReportingOverflow(by: 10)
            let (next, o2) = times10.subtractingReportingOverflow(digit)
            if o1 || o2 { overflow = true } else { magnitude = next }
            position += 1
        }
        var integral = true
        if peek() == UInt8(ascii: ".") {
            integral = false
            position += 1
            guard let byte = peek(), isDigit(byte) else { throw fail("expected a digit after the decimal point") }
            while let byte = peek(), isDigit(byte) { position += 1 }
        }
        if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
            integral = false
            position += 1
            if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") { position += 1 }
            guard let byte = peek(), isDigit(byte) else { throw fail("expected a digit in the exponent") }
            while let byte = peek(), isDigit(byte) { position += 1 }
        }
        if integral && !overflow {
            if negative { return .int(magnitude) }
            if magnitude != Int64.min { return .int(-magnitude) }
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
        guard let double = Double(text), double.isFinite || allowsOverflow else {
            throw fail("number out of range", at: start)
        }
        return .double(double)
    }

    private func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
}
