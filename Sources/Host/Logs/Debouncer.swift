import Synchronization

/// The debounce of observability.md §3.3: at most one record per key per window; a suppressed record is counted,
/// and the next record written for the key carries how many were suppressed.
public final class Debouncer: Sendable {
    private struct Entry {
        var lastMs: Int64
        var suppressed: Int64
    }

    private let entries = Mutex<[String: Entry]>([:])

    public init() {}

    /// nil: suppress this record. Otherwise the number suppressed since the key's previous record (0 for none).
    public func admit(_ key: String, windowMs: Int64, nowMs: Int64) -> Int64? {
        entries.withLock { entries in
            if var entry = entries[key], nowMs - entry.lastMs < windowMs {
                entry.suppressed += 1
                entries[key] = entry
                return nil
            }
            let suppressed = entries[key]?.suppressed ?? 0
            entries[key] = Entry(lastMs: nowMs, suppressed: 0)
            return suppressed
        }
    }

    /// The window for `code`, or nil when the code is not debounced: `HEALTH.*` 100 ms, `OPS.AUTH_FAIL` 1,000 ms.
    public static func window(for code: String) -> Int64? {
        if code.hasPrefix("HEALTH.") { return 100 }
        if code == "OPS.AUTH_FAIL" { return 1_000 }
        return nil
    }
}
