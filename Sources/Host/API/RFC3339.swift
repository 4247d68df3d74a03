import Foundation
import RuleEngine

/// UTC timestamps as the wire and the logs write them.
public enum RFC3339 {
    /// `2026-01-05T09:00:00.000Z`.
    public static func milliseconds(_ ms: Int64) -> String { WallTime(ms: ms).rfc3339 }

    /// `2025-01-01T00:00:03Z`: whole seconds.
    public static func seconds(_ ms: Int64) -> String {
        let text = milliseconds(ms)
        return String(text.prefix(19)) + "Z"
    }

    /// `20260105-090000`: a run id (http-api.md §3).
    public static func runID(_ ms: Int64) -> String {
        var t = time_t(floorDivision(ms, 1000).0)
        var parts = tm()
        gmtime_r(&t, &parts)
        return String(format: "%04d%02d%02d-%02d%02d%02d", parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday,
                      parts.tm_hour, parts.tm_min, parts.tm_sec)
    }

    /// Parses `2025-01-01T00:00:00Z` / `…00.250Z` / `…+02:00`, or epoch milliseconds; nil when neither.
    public static func parse(_ text: String) -> Int64? {
        if let ms = Int64(text) { return ms }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return Int64((date.timeIntervalSince1970 * 1000).rounded()) }
        formatter.formatOptions = [.withInternetDateTime]
        if let date = formatter.date(from: text) { return Int64((date.timeIntervalSince1970 * 1000).rounded()) }
        return nil
    }

    private static func floorDivision(_ a: Int64, _ b: Int64) -> (Int64, Int64) {
        let q = a / b
        let r = a % b
        return r < 0 ? (q - 1, r + b) : (q, r)
    }
}
