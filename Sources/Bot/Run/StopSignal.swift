import Synchronization

/// SIGINT/SIGTERM as the run loop sees them: the first request ends the run after the current step, the second
/// skips the closing and the flush. Set from a signal handler or a test.
public final class StopSignal: Sendable {
    private let count = Atomic<Int>(0)

    public init() {}

    public func request() { count.add(1, ordering: .relaxed) }
    public var isRequested: Bool { count.load(ordering: .relaxed) > 0 }
    public var isUrgent: Bool { count.load(ordering: .relaxed) > 1 }
}
