/// `logging.fsync` (observability.md §6): when log files are `fdatasync`ed.
public enum FsyncPolicy: String, Sendable, Hashable, CaseIterable {
    /// Left to the kernel.
    case never
    /// A background thread syncs every `logging.fsync_interval_ms` (the default).
    case interval
    /// Responses wait for the batch's `fdatasync`.
    case always
}
