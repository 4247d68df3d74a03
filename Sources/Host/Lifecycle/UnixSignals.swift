import Glibc
import Synchronization

/// Process signals as callbacks (architecture.md §8): SIGTERM and SIGINT ask for shutdown, SIGHUP for a rule
/// reload, SIGUSR1 for reopening the logs. SIGPIPE is ignored process-wide.
///
/// The handled signals are blocked in every thread (`block(_:)` first thing in `main`, so every thread started later
/// inherits the mask) and taken by one thread with `sigwait`: a signal sent at any moment after `block` — even
/// before `handle` is called — stays pending until it is handled, never lost and never the default action.
public final class UnixSignals: Sendable {
    private struct Handlers: Sendable {
        var table: [Int32: [@Sendable (Int32) -> Void]] = [:]
        var started = false
        var cancelled = false
    }

    private let handlers = Mutex(Handlers())
    private let waited: [Int32]

    /// The signals this process handles with `UnixSignals` (blocked by `block`).
    public static let managed: [Int32] = [SIGTERM, SIGINT, SIGHUP, SIGUSR1]

    /// `signals` are the ones the waiting thread takes; they must have been blocked with `block(_:)`.
    public init(waiting signals: [Int32] = UnixSignals.managed) { waited = signals }

    /// Ignores SIGPIPE for the whole process (a peer that went away must not kill the gate).
    public static func ignoreBrokenPipe() { signal(SIGPIPE, SIG_IGN) }

    /// Blocks `signals` in the calling thread and in every thread it starts afterwards. Call it before any other
    /// thread exists (first thing in `main`).
    public static func block(_ signals: [Int32] = managed) {
        var set = sigset_t()
        sigemptyset(&set)
        for s in signals { sigaddset(&set, s) }
        pthread_sigmask(SIG_BLOCK, &set, nil)
    }

    /// Routes `signals` to `handler`, called with the signal number on the signal thread, one signal at a time.
    public func handle(_ signals: [Int32], _ handler: @escaping @Sendable (Int32) -> Void) {
        let start = handlers.withLock { state -> Bool in
            for s in signals { state.table[s, default: []].append(handler) }
            defer { state.started = true }
            return !state.started
        }
        guard start else { return }
        var thread = pthread_t()
        let box = Unmanaged.passRetained(self)
        let result = pthread_create(&thread, nil, { argument in
            let me = Unmanaged<UnixSignals>.fromOpaque(argument!).takeRetainedValue()
            me.waitLoop()
            return nil
        }, box.toOpaque())
        if result != 0 {
            box.release()
        } else {
            pthread_detach(thread)
        }
    }

    private func waitLoop() {
        var set = sigset_t()
        sigemptyset(&set)
        for s in waited { sigaddset(&set, s) }
        while true {
            var number: Int32 = 0
            guard sigwait(&set, &number) == 0 else { continue }
            let (callbacks, cancelled) = handlers.withLock { ($0.table[number] ?? [], $0.cancelled) }
            if cancelled { return }
            for callback in callbacks { callback(number) }
        }
    }

    /// Stops delivering to the handlers (signals that arrive later stay pending and are ignored).
    public func cancel() {
        handlers.withLock { $0.cancelled = true }
    }

    public static func name(_ number: Int32) -> String {
        switch number {
        case SIGTERM: "SIGTERM"
        case SIGINT: "SIGINT"
        case SIGHUP: "SIGHUP"
        case SIGUSR1: "SIGUSR1"
        default: "signal \(number)"
        }
    }
}
