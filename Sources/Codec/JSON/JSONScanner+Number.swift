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
        // Every digit also goes into `significand` (while it fits 19 digits) for the exact fast path below.
        var significand: UInt64 = 0
        var significandDigits = 0
        var fractionDigits = 0
        func accumulate(_ byte: UInt8) {
            if significandDigits < 19 { significand = significand &* 10 &+ UInt64(byte &- UInt8(ascii: "0")) }
            significandDigits += 1
        }
        for offset in (negative ? start + 1 : start)..<position { accumulate(bytes[offset]) }
        var integral = true
        if peek() == UInt8(ascii: ".") {
            integral = false
            position += 1
            guard let byte = peek(), isDigit(byte) else { throw fail("expected a digit after the decimal point") }
            while let byte = peek(), isDigit(byte) {
                accumulate(byte)
                fractionDigits += 1
                position += 1
            }
        }
        var exponent = 0
        if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
            integral = false
            position += 1
            var exponentSign = 1
            if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") {
                if peek() == UInt8(ascii: "-") { exponentSign = -1 }
                position += 1
            }
            guard let byte = peek(), isDigit(byte) else { throw fail("expected a digit in the exponent") }
            while let byte = peek(), isDigit(byte) {
                if exponent < 100_000 { exponent = exponent * 10 + Int(byte - UInt8(ascii: "0")) }
                position += 1
            }
            exponent *= exponentSign
        }
        if integral && !overflow {
            if negative { return .int(magnitude) }
            if magnitude != Int64.min { return .int(-magnitude) }
        }
        if let exact = Self.exactDouble(significand, digits: significandDigits, exponent: exponent - fractionDigits) {
            return .double(negative ? -exact : exact)
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
        guard let double = Double(text), double.isFinite || allowsOverflow else {
            throw fail("number out of range", at: start)
        }
        return .double(double)
    }

    /// Powers of ten that doubles hold exactly.
    private static let exactPowersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
        1e20, 1e21, 1e22,
    ]

    /// `significand × 10^exponent` when one IEEE operation on exact operands gives it (Clinger's fast path:
    /// significand ≤ 2^53, |exponent| ≤ 22), so the result is the correctly rounded double; nil otherwise.
    private static func exactDouble(_ significand: UInt64, digits: Int, exponent: Int) -> Double? {
        guard digits <= 19, significand <= 1 << 53, (-22...22).contains(exponent) else { return nil }
        let value = Double(significand)
        return exponent < 0 ? value / exactPowersOfTen[-exponent] : value * exactPowersOfTen[exponent]
    }

    private func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
}
