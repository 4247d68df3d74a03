import Foundation
import Synchronization

/// The fsync thread of observability.md §6 item 5: under `interval` it `fdatasync`s every file with unsynced data
/// every interval; under `always` it syncs as soon as a batch is waiting and then releases every waiting batch
/// (one sync covers the batches of several loops). `never` starts no thread.
public final class LogFlusher: @unchecked Sendable {
    private let sink: any EventSink
    private let policy: HostSettings.FsyncPolicy
    private let interval: Duration
    private let onFailure: @Sendable (LogWriteError) -> Void
    private let condition = NSCondition()
    // Guarded by `condition`.
    private var waiters: [@Sendable (Set<LogStream>) -> Void] = []
    private var stopping = false
    private var thread: Thread?
    private let finished = DispatchSemaphore(value: 0)

    public init(sink: any EventSink, policy: HostSettings.FsyncPolicy, interval: Duration,
                onFailure: @escaping @Sendable (LogWriteError) -> Void = { _ in }) {
        self.sink = sink
        self.policy = policy
        self.interval = max(interval, .milliseconds(10))
        self.onFailure = onFailure
    }

    public func start() {
        guard policy != .never else { return }
        let thread = Thread { [self] in run() }
        thread.name = "aurora-log-flusher"
        self.thread = thread
        thread.start()
    }

    /// Calls `done` with the files whose sync failed, after an `fdatasync` that started after this call. Without a
    /// flusher thread (`never`, or stopped) `done` runs at once with no failure.
    public func afterSync(_ done: @escaping @Sendable (Set<LogStream>) -> Void) {
        condition.lock()
        guard thread != nil, !stopping else {
            condition.unlock()
            done([])
            return
        }
        waiters.append(done)
        condition.signal()
        condition.unlock()
    }

    /// Stops the thread after a last sync that releases every waiter; returns when it has ended.
    public func stop() {
        condition.lock()
        let running = thread != nil && !stopping
        stopping = true
        condition.signal()
        condition.unlock()
        if running { finished.wait() }
    }

    private func run() {
        let seconds = Double(interval.components.seconds) + Double(interval.components.attoseconds) / 1e18
        while true {
            condition.lock()
            if waiters.isEmpty, !stopping {
                if policy == .always { condition.wait() } else { _ = condition.wait(until: Date() + seconds) }
            }
            let released = waiters
            waiters.removeAll()
            let done = stopping
            condition.unlock()
            var failed: Set<LogStream> = []
            do throws(LogWriteError) {
                try sink.sync()
            } catch {
                failed = error.streams
                onFailure(error)
            }
            for waiter in released { waiter(failed) }
            if done { break }
        }
        finished.signal()
    }
}
