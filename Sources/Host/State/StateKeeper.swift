import Dispatch
public import RuleEngine
import Synchronization

/// The state file while serving (http-api.md §5.4, §6.3, §6.4, §8): writes run on one serial queue, off the event
/// loops, and are coalesced — every `persist` is answered by a write that took its snapshot of the shared state
/// after the call, so a response parked on it never goes out before its change is on disk. A failed write is
/// reported once per failure (`onFailure`: the metric and `HEALTH.ERROR`) and turns `/readiness` `checks.state`
/// to `error` until the next successful write.
public final class StateKeeper: Sendable {
    public typealias Completion = @Sendable (StatePersister.WriteError?) -> Void

    public let persister: StatePersister
    private let shared: SharedState
    /// `loaded`, `fresh` or `corrupt_at_start`: what the start found.
    public let startStatus: String
    private let queue = DispatchQueue(label: "aurora.state")
    private let pending = Mutex<(waiters: [Completion], scheduled: Bool)>(([], false))
    private let failing = Atomic<Bool>(false)
    private let onFailure: @Sendable (StatePersister.WriteError) -> Void

    public init(persister: StatePersister, shared: SharedState, startStatus: String,
                onFailure: @escaping @Sendable (StatePersister.WriteError) -> Void) {
        self.persister = persister
        self.shared = shared
        self.startStatus = startStatus
        self.onFailure = onFailure
    }

    /// Writes the current shared state (with the remembered rotated token) and then calls `done` on the state
    /// queue with nil, or the error; concurrent calls share one write.
    public func persist(_ done: @escaping Completion) {
        let schedule = pending.withLock { state -> Bool in
            state.waiters.append(done)
            defer { state.scheduled = true }
            return !state.scheduled
        }
        guard schedule else { return }
        queue.async { [self] in
            let waiters = pending.withLock { state -> [Completion] in
                defer { state = ([], false) }
                return state.waiters
            }
            let error = write { () throws(StatePersister.WriteError) in try persister.write(values: shared.snapshot, now: Self.now()) }
            for waiter in waiters { waiter(error) }
        }
    }

    /// Runs `body` on the state queue, serialised with the writes (token rotation writes through `write(_:)`).
    public func async(_ body: @escaping @Sendable () -> Void) { queue.async(execute: body) }

    /// Writes now, serialised with the queue, and waits (shutdown).
    @discardableResult
    public func writeNow() -> StatePersister.WriteError? {
        queue.sync { write { () throws(StatePersister.WriteError) in try persister.write(values: shared.snapshot, now: Self.now()) } }
    }

    /// Writes now with `token` as the `ops_token` record (nil: none in force) and waits (the start's discarded
    /// rotation).
    @discardableResult
    public func writeNow(replacingToken token: StateFile.RotatedToken?) -> StatePersister.WriteError? {
        queue.sync { write { () throws(StatePersister.WriteError) in try persister.write(values: shared.snapshot, opsToken: token, now: Self.now()) } }
    }

    /// One write with the failure bookkeeping; call on the state queue.
    public func write(_ body: () throws(StatePersister.WriteError) -> Void) -> StatePersister.WriteError? {
        do {
            try body()
            failing.store(false, ordering: .releasing)
            return nil
        } catch {
            failing.store(true, ordering: .releasing)
            onFailure(error)
            return error
        }
    }

    /// `/ops/state` `state_file.status`: `error` while the last write failed, else the start's status.
    public var status: String { failing.load(ordering: .acquiring) ? "error" : startStatus }

    /// `/readiness` `checks.state`: `error`, `corrupt_at_start`, or `ok` (also on a fresh start).
    public var readinessCheck: String {
        if failing.load(ordering: .acquiring) { return "error" }
        return startStatus == "corrupt_at_start" ? "corrupt_at_start" : "ok"
    }

    private static func now() -> WallTime { WallTime(ms: EventClock.wallNanoseconds() / 1_000_000) }
}
