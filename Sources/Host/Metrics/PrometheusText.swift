/// The Prometheus text exposition format 0.0.4 (observability.md §8.1): `# HELP` and `# TYPE` per family, label
/// values escaped, integral values below 2^53 as integers, others in the shortest round-trip form.
public struct PrometheusText: Sendable {
    public private(set) var text = ""

    public init() { text.reserveCapacity(16_384) }

    public mutating func family(_ name: String, type: String, help: String) {
        text += "# HELP \(name) \(Self.escapeHelp(help))\n# TYPE \(name) \(type)\n"
    }

    /// One sample line; `labels` in the order they are written.
    public mutating func sample(_ name: String, _ labels: [(String, String)] = [], _ value: Double) {
        text += name
        if !labels.isEmpty {
            text += "{" + labels.map { "\($0.0)=\"\(Self.escapeLabel($0.1))\"" }.joined(separator: ",") + "}"
        }
        text += " " + Self.format(value) + "\n"
    }

    public mutating func sample(_ name: String, _ labels: [(String, String)] = [], _ value: UInt64) {
        sample(name, labels, Double(value))
    }

    /// `_bucket` series for each bound and `+Inf`, then `_sum` and `_count`.
    public mutating func histogram(_ name: String, _ labels: [(String, String)], _ h: Histogram) {
        let cumulative = h.cumulative
        for (i, bound) in h.bounds.enumerated() {
            sample(name + "_bucket", labels + [("le", Self.format(bound, integral: false))], cumulative[i])
        }
        sample(name + "_bucket", labels + [("le", "+Inf")], cumulative.last ?? 0)
        sample(name + "_sum", labels, h.sum)
        sample(name + "_count", labels, h.count)
    }

    /// `3`, `0`, `0.000184`, `1767605400.123`, `+Inf`, `NaN`; with `integral: false` integral values keep `.0`
    /// (bucket bounds: `le="1.0"`).
    public static func format(_ value: Double, integral: Bool = true) -> String {
        if value.isNaN { return "NaN" }
        if value == .infinity { return "+Inf" }
        if value == -.infinity { return "-Inf" }
        if integral, value == value.rounded(), abs(value) < 9_007_199_254_740_992 { return String(Int64(value)) }
        return "\(value)"
    }

    public static func escapeLabel(_ value: String) -> String {
        var out = ""
        for c in value {
            switch c {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            default: out.append(c)
            }
        }
        return out
    }

    public static func escapeHelp(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: "\\n")
    }
}

extension String {
    fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
