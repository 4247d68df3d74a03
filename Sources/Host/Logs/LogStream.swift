/// The files of a session directory that requests write (observability.md §1).
public enum LogStream: String, Sendable, Hashable, CaseIterable, Comparable {
    case events
    case orders
    case ordersSuccess = "orders_success"
    case ordersFailed = "orders_failed"
    case ordersDenied = "orders_denied"

    /// The live file's name inside the session directory.
    public var fileName: String {
        switch self {
        case .events: "aurora_events.jsonl"
        default: rawValue + ".jsonl"
        }
    }

    /// The `file` label of `aurora_log_write_errors_total` (observability.md §8.2).
    public var metricLabel: String { rawValue }

    public static func < (a: LogStream, b: LogStream) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}
