/// The shortest round-trip decimal digits of a finite double, and the two ways Aurora prints them.
///
/// Swift's `description` already finds the shortest digits that read back to the same double (and the closest such
/// digits when several qualify), but it switches to exponent form at 2^53, where Python switches at 1e16. So the
/// digits are taken from `description` and laid out again here: as Python's `repr` (what `json.dumps` writes) and
/// as ECMAScript's `Number.prototype.toString` (the canonical form).
struct DecimalDigits {
    /// ASCII digits without leading or trailing zeros; empty for zero.
    let digits: [UInt8]
    /// `n` such that the magnitude is `0.digits × 10^n`.
    let pointPosition: Int
    let negative: Bool

    /// Precondition: `value` is finite.
    init(_ value: Double) {
        negative = value.sign == .minus
        let text = Array(value.magnitude.description.utf8)
        var mantissaEnd = text.count
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }) {
            mantissaEnd = e
            exponent = Int(String(decoding: text[(e + 1)...], as: UTF8.self)) ?? 0
        }
        var all: [UInt8] = []
        all.reserveCapacity(mantissaEnd)
        var integerDigits = mantissaEnd
        for index in 0..<mantissaEnd {
            if text[index] == UInt8(ascii: ".") {
                integerDigits = index
            } else {
                all.append(text[index])
            }
        }
        var point = integerDigits + exponent
        let firstNonZero = all.firstIndex { $0 != UInt8(ascii: "0") } ?? all.count
        all.removeFirst(firstNonZero)
        point -= firstNonZero
        while all.last == UInt8(ascii: "0") { all.removeLast() }
        digits = all
        pointPosition = all.isEmpty ? 1 : point
    }

    /// Python `repr(float)`: plain with at least one fraction digit for -4 < n ≤ 16 (`1.0`, `0.0001`,
    /// `1000000000000000.0`), otherwise `d.ddde±XX` with at least two exponent digits (`1e-05`, `1e+16`).
    var pythonRepr: String {
        var out: [UInt8] = negative ? [UInt8(ascii: "-")] : []
        let body = digits.isEmpty ? [UInt8(ascii: "0")] : digits
        let n = pointPosition
        if -4 < n && n <= 16 {
            if n <= 0 {
                out += Array("0.".utf8) + Array(repeating: UInt8(ascii: "0"), count: -n) + body
            } else if n >= body.count {
                out += body + Array(repeating: UInt8(ascii: "0"), count: n - body.count) + Array(".0".utf8)
            } else {
                out += body[..<n] + [UInt8(ascii: ".")] + body[n...]
            }
        } else {
            out += exponentForm(body, exponent: n - 1, minimumExponentDigits: 2)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// ECMAScript `Number.prototype.toString` (ECMA-262 Number::toString): plain for -6 < n ≤ 21, exponent form
    /// (`1e-7`, `1.5e+300`) otherwise; zero of either sign is "0".
    var ecmaScript: String {
        if digits.isEmpty { return "0" }
        var out: [UInt8] = negative ? [UInt8(ascii: "-")] : []
        let k = digits.count
        let n = pointPosition
        if k <= n && n <= 21 {
            out += digits + Array(repeating: UInt8(ascii: "0"), count: n - k)
        } else if 0 < n && n <= 21 {
            out += digits[..<n] + [UInt8(ascii: ".")] + digits[n...]
        } else if -6 < n && n <= 0 {
            out += Array("0.".utf8) + Array(repeating: UInt8(ascii: "0"), count: -n) + digits
        } else {
            out += exponentForm(digits, exponent: n - 1, minimumExponentDigits: 1)
        }
        return String(decoding: out, as: UTF8.self)
    }

    private func exponentForm(_ body: [UInt8], exponent: Int, minimumExponentDigits: Int) -> [UInt8] {
        var out: [UInt8] = [body[0]]
        if body.count > 1 { out += [UInt8(ascii: ".")] + body[1...] }
        out.append(UInt8(ascii: "e"))
        out.append(exponent < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
        var magnitude = Array(String(exponent.magnitude).utf8)
        while magnitude.count < minimumExponentDigits { magnitude.insert(UInt8(ascii: "0"), at: 0) }
        return out + magnitude
    }
}
