import Dispatch
import Glibc

/// Process signals as callbacks on a private queue (architecture.md §8): SIGTERM and SIGINT ask for shutdown,
/// SIGHUP for a rule reload, SIGUSR1 for reopening the logs. SIGPIPE is ignored process-wide.
public final class UnixSignals: @unchecked Sendable {
    private let queue = DispatchQueue(label: "aurora.signals")
    private var sources: [any DispatchSourceSignal] = []

    public init() {}

    /// Ignores SIGPIPE for the whole process (a peer that went away must not kill the gate).
    public static func ignoreBrokenPipe() { signal(SIGPIPE, SIG_IGN) }

    /// Routes `signals` to `handler` (called with the signal number on a private queue). The default action of each
    /// signal is turned off while it is handled.
    public func handle(_ signals: [Int32], _ handler: @escaping @Sendable (Int32) -> Void) {
        for number in signals {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { handler(number) }
            source.resume()
            sources.append(source)
        }
    }

    /// Stops handling and restores the default actions.
    public func cancel() {
        for source in sources { source.cancel() }
        sources.removeAll()
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
