import Glibc

/// Writes or syncs that failed, one entry per file (observability.md §6 item 6).
public struct LogWriteError: Error, Sendable, Hashable, CustomStringConvertible {
    public struct Failure: Sendable, Hashable {
        public var stream: LogStream
        public var errno: Int32
        /// What failed: `write`, `fdatasync`, `open`.
        public var operation: String
        public var path: String
    }

    public var failures: [Failure]

    public init(_ failures: [Failure]) { self.failures = failures }

    public var streams: Set<LogStream> { Set(failures.map(\.stream)) }

    public var description: String {
        failures.map { "\($0.operation) \($0.path): \(String(cString: strerror($0.errno))) (errno \($0.errno))" }
            .joined(separator: "; ")
    }
}
