/// A duration setting, in whole milliseconds: `250ms`, `1.5s`, `2m`, `1h`. A plain number is accepted only when
/// the key declares its unit (`ms`, `s`, `m` or `h`), and is then in that unit.
public struct ConfigDuration: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let milliseconds: Int64

    public init(milliseconds: Int64) { self.milliseconds = milliseconds }

    public static func milliseconds(_ value: Int64) -> ConfigDuration { ConfigDuration(milliseconds: value) }
    public static func seconds(_ value: Int64) -> ConfigDuration { ConfigDuration(milliseconds: value * 1000) }
    public static func minutes(_ value: Int64) -> ConfigDuration { ConfigDuration(milliseconds: value * 60_000) }
    public static func hours(_ value: Int64) -> ConfigDuration { ConfigDuration(milliseconds: value * 3_600_000) }

    public var duration: Duration { .milliseconds(milliseconds) }
    public var seconds: Double { Double(milliseconds) / 1000 }

    /// Parses `<number><unit>` with unit `ms`, `s`, `m`, `h`; the number is non-negative decimal and may have a
    /// fraction, as long as the result is a whole number of milliseconds (`1.5s`, not `0.5ms`).
    public init?(parsing text: String) {
        let trimmed = text.trimmed
        for (suffix, factor) in Self.units where trimmed.hasSuffix(suffix) {
            let number = String(trimmed.dropLast(suffix.count))
            guard let value = Self.milliseconds(number, factor: factor) else { return nil }
            self.init(milliseconds: value)
            return
        }
        return nil
    }

    /// Suffixes, longest first so that `ms` is not read as `m`.
    private static let units: [(String, Int64)] = [("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000)]

    private static func factor(ofUnit unit: String) -> Int64? {
        units.first { $0.0 == unit }?.1
    }

    /// `[0-9]+(\.[0-9]+)?` times `factor` milliseconds, computed exactly; nil unless a whole number of
    /// milliseconds within 64 bits.
    private static func milliseconds(_ number: String, factor: Int64) -> Int64? {
        let parts = number.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let isDigits: (Substring) -> Bool = { part in
            !part.isEmpty && part.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
        }
        guard parts.allSatisfy(isDigits), parts[0].count <= 18, parts.count == 1 || parts[1].count <= 18,
            let whole = Int64(parts[0])
        else { return nil }
        let (wholeMs, overflow) = whole.multipliedReportingOverflow(by: factor)
        guard !overflow else { return nil }
        guard parts.count == 2 else { return wholeMs }
        var scale: Int64 = 1
        for _ in 0..<parts[1].count { scale *= 10 }
        guard let fraction = Int64(parts[1]) else { return nil }
        let (fractionMs, fractionOverflow) = fraction.multipliedReportingOverflow(by: factor)
        guard !fractionOverflow, fractionMs % scale == 0 else { return nil }
        let (total, totalOverflow) = wholeMs.addingReportingOverflow(fractionMs / scale)
        return totalOverflow ? nil : total
    }

    /// The largest unit that divides the value exactly: `0s`, `250ms`, `90s`, `15m`, `1h`.
    public var description: String {
        if milliseconds == 0 { return "0s" }
        if milliseconds % 3_600_000 == 0 { return "\(milliseconds / 3_600_000)h" }
        if milliseconds % 60_000 == 0 { return "\(milliseconds / 60_000)m" }
        if milliseconds % 1000 == 0 { return "\(milliseconds / 1000)s" }
        return "\(milliseconds)ms"
    }

    public static func < (lhs: ConfigDuration, rhs: ConfigDuration) -> Bool { lhs.milliseconds < rhs.milliseconds }

    static let formatNote = "write a number and a unit: 250ms, 5s, 15m or 1h"
}

extension ConfigDuration: ConfigValue {
    public static var typeDescription: String { "a duration" }

    public static func decode(_ node: YAMLNode, key: String) -> Result<ConfigDuration, Diagnostic> {
        var diagnostics = Diagnostics()
        if let value = decode(node, key: key, unit: nil, diagnostics: &diagnostics) { return .success(value) }
        return .failure(diagnostics.all[0])
    }

    /// A scalar `250ms`; a plain number when `unit` is `ms`, `s`, `m` or `h`. Otherwise a type-mismatch with the
    /// note "write a number and a unit: 250ms, 5s, 15m or 1h".
    public static func decode(
        _ node: YAMLNode, key: String, unit: String?, diagnostics: inout Diagnostics
    ) -> ConfigDuration? {
        if let scalar = node.scalar {
            switch scalar.resolved {
            case .string(let text):
                if let value = ConfigDuration(parsing: text) { return value }
            case .integer, .number:
                if let unit, let factor = factor(ofUnit: unit), let value = milliseconds(scalar.text, factor: factor) {
                    return ConfigDuration(milliseconds: value)
                }
            case .notFinite:
                diagnostics.append(ConfigDecoding.notFinite(node, key: key))
                return nil
            default:
                break
            }
        }
        diagnostics.append(ConfigDecoding.mismatch(node, key: key, expected: typeDescription, notes: [formatNote]))
        return nil
    }

    public static func parse(text: String) -> ConfigDuration? { ConfigDuration(parsing: text) }

    public static func parse(text: String, unit: String?) -> ConfigDuration? {
        if let value = ConfigDuration(parsing: text) { return value }
        guard let unit, let factor = factor(ofUnit: unit), let value = milliseconds(text.trimmed, factor: factor)
        else { return nil }
        return ConfigDuration(milliseconds: value)
    }

    public var plain: PlainValue { .string(description) }
}
