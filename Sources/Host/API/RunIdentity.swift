import Synchronization

/// `run_id` and the process-wide `seq` counter (http-api.md §3).
public final class RunIdentity: Sendable {
    public let runID: String
    private let counter = Atomic<UInt64>(0)

    public init(startedAtMs: Int64) { runID = RFC3339.runID(startedAtMs) }

    /// Takes the next sequence number (the first is 1).
    public func nextSeq() -> UInt64 { counter.add(1, ordering: .relaxed).newValue }

    public func decisionID(seq: UInt64) -> String { "\(runID)-\(seq)" }
}
