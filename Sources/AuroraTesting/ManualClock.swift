import Synchronization

/// A clock tests move by hand: `now` only changes when `advance(by:)` is called.
public final class ManualClock: Clock, Sendable {
    public struct Instant: InstantProtocol {
        public var offset: Duration
        public func advanced(by duration: Duration) -> Instant { Instant(offset: offset + duration) }
        public func duration(to other: Instant) -> Duration { other.offset - offset }
        public static func < (a: Instant, b: Instant) -> Bool { a.offset < b.offset }
    }

    private let current = Mutex(Instant(offset: .zero))
    /// Added to `now` every time it is read, so each measured interval equals it (deterministic trace timings).
    private let step: Duration

    public init(step: Duration = .zero) { self.step = step }

    public var now: Instant {
        current.withLock { instant in
            instant = instant.advanced(by: step)
            return instant
        }
    }
    public var minimumResolution: Duration { .nanoseconds(1) }
    public func advance(by duration: Duration) { current.withLock { $0 = $0.advanced(by: duration) } }
    public func sleep(until deadline: Instant, tolerance: Duration?) async throws {
        advance(by: now.duration(to: deadline))
    }
}
