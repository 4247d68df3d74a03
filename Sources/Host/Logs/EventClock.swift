import Glibc
import Synchronization

/// The `ts_ns` source of every event line (observability.md §3.1): wall-clock nanoseconds from one `Atomic`, so a
/// value is never repeated and never goes back (a reading not above the previous one becomes previous + 1).
public final class EventClock: Sendable {
    private let last = Atomic<Int64>(0)
    private let wall: @Sendable () -> Int64

    public init(wall: @escaping @Sendable () -> Int64 = EventClock.wallNanoseconds) { self.wall = wall }

    /// The next stamp: the wall clock, or the previous stamp + 1.
    public func next() -> Int64 {
        let now = wall()
        var previous = last.load(ordering: .relaxed)
        while true {
            let candidate = now > previous ? now : previous + 1
            let (exchanged, original) = last.compareExchange(expected: previous, desired: candidate,
                                                             ordering: .acquiringAndReleasing)
            if exchanged { return candidate }
            previous = original
        }
    }

    /// The last stamp handed out (0 before the first).
    public var lastStamp: Int64 { last.load(ordering: .acquiring) }

    /// `CLOCK_REALTIME` in nanoseconds.
    @Sendable public static func wallNanoseconds() -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Int64(ts.tv_sec) * 1_000_000_000 + Int64(ts.tv_nsec)
    }
}
