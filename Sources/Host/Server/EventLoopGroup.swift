import Synchronization

/// N event loops sharing one port through SO_REUSEPORT (architecture.md §8). With port 0 the first listener
/// binds, reads its port back, and the others bind that port.
final class EventLoopGroup: Sendable {
    let loops: [EventLoop]
    /// The bound address (the real port after binding port 0).
    let address: SocketAddress
    let counter: ConnectionCounter
    private let threads = Mutex<[LoopThread]>([])

    init(
        address requested: SocketAddress, threads: Int, limits: HTTPLimits, responder: any HTTPResponder,
        delegate: (any LoopTurnDelegate)?
    ) throws(IOError) {
        precondition(threads >= 1, "EventLoopGroup: server.threads must be at least 1, got \(threads)")
        counter = ConnectionCounter(limit: limits.maxConnections)
        var listeners: [Socket] = []
        var loops: [EventLoop] = []
        do throws(IOError) {
            if requested.port != 0 { try Socket.checkAvailable(requested) }
            let first = try Socket.listener(on: requested, reusePort: true)
            listeners.append(first)
            address = try first.localAddress()
            for _ in 1..<threads { listeners.append(try Socket.listener(on: address, reusePort: true)) }
            for (index, listener) in listeners.enumerated() {
                loops.append(
                    try EventLoop(
                        index: index, listener: listener, limits: limits, responder: responder, delegate: delegate,
                        counter: counter))
            }
        } catch {
            for loop in loops { loop.releaseResources() }
            for listener in listeners { listener.close() }
            throw error
        }
        self.loops = loops
    }

    /// Starts one thread per loop.
    func start() throws(IOError) {
        var started: [LoopThread] = []
        for loop in loops {
            do {
                started.append(try LoopThread(name: "aurora-loop-\(loop.index)") { loop.run() })
            } catch {
                threads.withLock { $0 = started }
                throw error
            }
        }
        threads.withLock { $0 = started }
    }

    /// Graceful shutdown (http-api.md §1.6): every loop closes its listener and idle connections at once, lets
    /// requests already received finish with `Connection: close`, and force-closes what is left after `drain`.
    /// Returns once every loop thread has ended.
    /// Ends a drain in progress now: every loop force-closes what is left (a second SIGTERM/SIGINT).
    func endDrainNow() {
        for loop in loops { loop.execute { loop.beginDrain(deadline: .now) } }
    }

    func shutdown(drain: Duration) {
        let deadline = ContinuousClock.now + drain
        let running = threads.withLock { threads in
            let running = threads
            threads.removeAll()
            return running
        }
        for loop in loops {
            if running.isEmpty {
                loop.releaseResources()
            } else {
                loop.execute { loop.beginDrain(deadline: deadline) }
            }
        }
        for thread in running { thread.join() }
    }
}
