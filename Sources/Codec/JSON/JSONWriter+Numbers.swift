extension JSONWriter {
    /// 2^53: below it every integral double prints as its integer (the shortest round-trip digits are the integer's
    /// own, and Python's plain range reaches 16 digits).
    private static let exactIntegerLimit = 9_007_199_254_740_992.0

    /// Appends Python's `repr(float)` of a finite `d` without building intermediate strings or arrays: the same text
    /// as `DecimalDigits(d).pythonRepr`, which stays the reference.
    mutating func appendPythonRepr(_ d: Double) {
        if d.sign == .minus { bytes.append(UInt8(ascii: "-")) }
        let m = d.magnitude
        if m < Self.exactIntegerLimit, m.rounded(.towardZero) == m {
            appendDecimal(UInt64(m))
            bytes.append(UInt8(ascii: "."))
            bytes.append(UInt8(ascii: "0"))
            return
        }
        var text = m.description
        text.withUTF8 { utf8 in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 32) { digits in
                let (count, point) = Self.shortestDigits(utf8, into: digits)
                layOutPython(UnsafeBufferPointer(rebasing: digits[..<count]), point: point)
            }
        }
    }

    /// Reads Swift's `description` of a positive finite double (`123.45`, `1e-05`, `5e-324`, `1.7976931348623157e+308`)
    /// into significant digits without leading or trailing zeros and the point position `n` (value = 0.d × 10^n).
    private static func shortestDigits(_ text: UnsafeBufferPointer<UInt8>,
                                       into digits: UnsafeMutableBufferPointer<UInt8>) -> (count: Int, point: Int) {
        var count = 0
        var integerDigits = -1
        var seen = 0
        var leadingZeros = 0
        var exponent = 0
        var index = 0
        while index < text.count {
            let byte = text[index]
            if byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
                index += 1
                var negative = false
                if index < text.count, text[index] == UInt8(ascii: "-") || text[index] == UInt8(ascii: "+") {
                    negative = text[index] == UInt8(ascii: "-")
                    index += 1
                }
                while index < text.count {
                    exponent = exponent * 10 + Int(text[index] &- UInt8(ascii: "0"))
                    index += 1
                }
                if negative { exponent = -exponent }
                break
            }
            if byte == UInt8(ascii: ".") {
                integerDigits = seen
            } else {
                seen += 1
                if count == 0 && byte == UInt8(ascii: "0") {
                    leadingZeros += 1
                } else if count < digits.count {
                    digits[count] = byte
                    count += 1
                }
            }
            index += 1
        }
        if integerDigits < 0 { integerDigits = seen }
        while count > 0 && digits[count - 1] == UInt8(ascii: "0") { count -= 1 }
        return (count, count == 0 ? 1 : integerDigits + exponent - leadingZeros)
    }

    /// Python's layout: plain with a fraction digit for -4 < n ≤ 16, else `d.ddde±XX` (at least two exponent digits).
    private mutating func layOutPython(_ significant: UnsafeBufferPointer<UInt8>, point n: Int) {
        let zero = UInt8(ascii: "0")
        guard !significant.isEmpty else {
            bytes.append(zero)
            bytes.append(UInt8(ascii: "."))
            bytes.append(zero)
            return
        }
        let k = significant.count
        if -4 < n && n <= 16 {
            if n <= 0 {
                bytes.append(zero)
                bytes.append(UInt8(ascii: "."))
                for _ in 0..<(-n) { bytes.append(zero) }
                bytes.append(contentsOf: significant)
            } else if n >= k {
                bytes.append(contentsOf: significant)
                for _ in 0..<(n - k) { bytes.append(zero) }
                bytes.append(UInt8(ascii: "."))
                bytes.append(zero)
            } else {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: significant[..<n]))
                bytes.append(UInt8(ascii: "."))
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: significant[n...]))
            }
            return
        }
        bytes.append(significant[0])
        if k > 1 {
            bytes.append(UInt8(ascii: "."))
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: significant[1...]))
        }
        bytes.append(UInt8(ascii: "e"))
        let exponent = n - 1
        bytes.append(exponent < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
        let magnitude = UInt64(exponent.magnitude)
        if magnitude < 10 { bytes.append(zero) }
        appendDecimal(magnitude)
    }

    /// The decimal digits of `value`.
    mutating func appendDecimal(_ value: UInt64) {
        if value < 10 {
            bytes.append(UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: value))
            return
        }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { buffer in
            var rest = value
            var start = 20
            while rest > 0 {
                start -= 1
                buffer[start] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest % 10)
                rest /= 10
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[start...]))
        }
    }

    /// A signed integer in decimal.
    mutating func appendDecimal(_ value: Int64) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        appendDecimal(value.magnitude)
    }
}
