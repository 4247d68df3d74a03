import Foundation

/// Numbers in text reports: `%.6f` with trailing zeros and a trailing point removed (`600`, `80.1`, `8.807971`).
public enum NumberText {
    public static func plain(_ value: Double) -> String {
        guard value.isFinite else { return "\(value)" }
        var text = String(format: "%.6f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        if text == "-0" { text = "0" }
        return text
    }
}
