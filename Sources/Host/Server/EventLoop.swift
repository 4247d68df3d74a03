import CLinuxShims
import Synchronization

/// One event-loop thread (architecture.md §8): its own epoll instance, an eventfd for `execute(_:)`, a deadline
/// heap, and its own SO_REUSEPORT listener. A connection never leaves the loop that accepted it. Everything but
/// `execute(_:)` runs on the loop's thread, which is why the class may be shared (`@unchecked Sendable`).
final class EventLoop: @unchecked Sendable {
    private struct Inbox {
        var tasks: [@Sendable () -> Void] = []
        var isOpen = true
        var wakePending = false
    }

    private static let wakerToken: UInt64 = 0
    private static let listenerToken: UInt64 = 1
    private static let scratchSize = 64 * 1_024
    private static let acceptsPerTurn = 64

    let index: Int
    let limits: HTTPLimits
    let responder: any HTTPResponder
    private let delegate: (any LoopTurnDelegate)?
    private let counter: ConnectionCounter
    private let epoll: Epoll
    private let waker: Waker
    private var listener: Socket?
    private var connections: [UInt64: Connection] = [:]
    private var nextConnectionID: UInt64 = 2
    private var deadlines = DeadlineHeap()
    private var dirty: [Connection] = []
    private var drainDeadline: ContinuousClock.Instant?
    private var draining = false
    private let inbox = Mutex(Inbox())
    /// The response writer of this loop (its `Date` cache is per loop).
    var writer = HTTPResponseWriter()
    /// The receive buffer every connection of this loop reads into.
    let scratch: UnsafeMutableRawBufferPointer

    init(
        index: Int, listener: Socket, limits: HTTPLimits, responder: any HTTPResponder,
        delegate: (any LoopTurnDelegate)?, counter: ConnectionCounter
    ) throws(IOError) {
        self.index = index
        self.limits = limits
        self.responder = responder
        self.delegate = delegate
        self.counter = counter
        self.listener = listener
        epoll = try Epoll()
        do throws(IOError) {
            waker = try Waker()
        } catch {
            epoll.close()
            throw error
        }
        scratch = .allocate(byteCount: Self.scratchSize, alignment: 16)
        do throws(IOError) {
            try epoll.add(waker.fd, .readable, token: Self.wakerToken)
            try epoll.add(listener.fd, .readable, token: Self.listenerToken)
        } catch {
            releaseResources()
            throw error
        }
    }

    deinit {
        scratch.deallocate()
    }

    /// Runs `task` on this loop's thread soon. Safe from any thread; false once the loop has stopped.
    @discardableResult
    func execute(_ task: @escaping @Sendable () -> Void) -> Bool {
        inbox.withLock { inbox in
            guard inbox.isOpen else { return false }
            inbox.tasks.append(task)
            if !inbox.wakePending {
                inbox.wakePending = true
                waker.wake()  // under the lock: the eventfd cannot be closed meanwhile
            }
            return true
        }
    }

    /// The thread body: turns until drained (or the drain deadline), then releases every resource.
    func run() {
        var ready: [(UInt64, EpollEvents)] = []
        while true {
            let start = ContinuousClock.now
            if draining, connections.isEmpty { break }
            if let deadline = drainDeadline, deadline <= start { break }
            ready.removeAll(keepingCapacity: true)
            do {
                try epoll.wait(timeoutMilliseconds: dirty.isEmpty ? timeout(from: start) : 0) { token, events in
                    ready.append((token, events))
                }
            } catch {
                break  // only EBADF/EINVAL: the loop cannot go on
            }
            let now = ContinuousClock.now
            for (token, events) in ready { handle(token, events, now: now) }
            runTasks()
            fireDeadlines(now: now)
            flushDirty(now: now)
        }
        for connection in Array(connections.values) { close(connection) }
        releaseResources()
    }

    private func timeout(from now: ContinuousClock.Instant) -> Int32 {
        guard let next = [deadlines.earliest, drainDeadline].compactMap({ $0 }).min() else { return -1 }
        let wait = next - now
        guard wait > .zero else { return 0 }
        let (seconds, attoseconds) = wait.components
        let milliseconds = seconds * 1_000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        return Int32(clamping: milliseconds)
    }

    private func handle(_ token: UInt64, _ events: EpollEvents, now: ContinuousClock.Instant) {
        switch token {
        case Self.wakerToken:
            break  // the tasks run after the ready connections
        case Self.listenerToken:
            acceptConnections(now: now)
        default:
            guard let connection = connections[token] else { return }
            if !events.isDisjoint(with: [.readable, .readHangUp]) || events.contains(.hangUp) {
                connection.readable(now: now)
            }
            if events.contains(.writable) { connection.writable(now: now) }
            if events.contains(.error), !connection.isClosed { close(connection) }
        }
    }

    private func acceptConnections(now: ContinuousClock.Instant) {
        for _ in 0..<Self.acceptsPerTurn {
            guard let listener, let accepted = try? listener.accept() else { return }
            let (socket, peer) = accepted
            let id = nextConnectionID
            nextConnectionID += 1
            let connection = Connection(
                id: id, socket: socket, peer: peer, loop: self, counted: counter.tryOpen(), now: now)
            connection.interest = connection.wantedInterest
            do {
                try epoll.add(socket.fd, connection.interest, token: id)
            } catch {
                if connection.isCounted { counter.close() }
                connection.markClosed()
                continue
            }
            connections[id] = connection
            if draining { connection.beginDrain(now: now) }
            schedule(connection)
        }
    }

    private func runTasks() {
        waker.drain()
        let tasks = inbox.withLock { inbox in
            inbox.wakePending = false
            let tasks = inbox.tasks
            inbox.tasks.removeAll()
            return tasks
        }
        for task in tasks { task() }
    }

    private func fireDeadlines(now: ContinuousClock.Instant) {
        while let entry = deadlines.popDue(now) {
            guard let connection = connections[entry.connection], connection.heapDeadline == entry.at else { continue }
            connection.heapDeadline = nil
            connection.deadlineReached(now: now)
            if !connection.isClosed { schedule(connection) }
        }
    }

    private func flushDirty(now: ContinuousClock.Instant) {
        guard !dirty.isEmpty else { return }
        delegate?.loopTurnWillFlush(loop: index)
        runTasks()  // tickets the delegate completed are answered in this turn, not the next
        let batch = dirty
        dirty.removeAll(keepingCapacity: true)
        for connection in batch {
            connection.isDirty = false
            connection.flush(now: now)
        }
    }

    // MARK: - Services for connections (loop thread only)

    /// A response the server made itself (no responder saw the request).
    func reportServerResponse(_ status: HTTPStatus) {
        delegate?.serverResponded(loop: index, status: status)
    }

    func markDirty(_ connection: Connection) {
        guard !connection.isDirty else { return }
        connection.isDirty = true
        dirty.append(connection)
    }

    func schedule(_ connection: Connection) {
        guard let next = connection.machine.nextDeadline else { return }
        if let scheduled = connection.heapDeadline, scheduled <= next { return }
        connection.heapDeadline = next
        deadlines.push(.init(at: next, connection: connection.id))
    }

    func updateInterest(_ connection: Connection) {
        let wanted = connection.wantedInterest
        guard wanted != connection.interest else { return }
        connection.interest = wanted
        do {
            try epoll.modify(connection.socket.fd, wanted, token: connection.id)
        } catch {
            close(connection)
        }
    }

    func close(_ connection: Connection) {
        guard !connection.isClosed else { return }
        epoll.remove(connection.socket.fd)
        connection.markClosed()
        connections[connection.id] = nil
        if connection.isCounted { counter.close() }
    }

    func completeParked(connection id: UInt64, slot: UInt64, with response: HTTPResponse) {
        connections[id]?.completeParked(slot: slot, with: response)
    }

    /// Graceful shutdown on this loop: stop accepting, close idle connections, let received requests finish,
    /// force-close at `deadline`.
    func beginDrain(deadline: ContinuousClock.Instant) {
        let now = ContinuousClock.now
        draining = true
        drainDeadline = min(drainDeadline ?? deadline, deadline)
        if let listener {
            epoll.remove(listener.fd)
            listener.close()
            self.listener = nil
        }
        for connection in Array(connections.values) { connection.beginDrain(now: now) }
    }

    /// Closes what the loop owns; used when the thread ends, or when the loop never ran.
    func releaseResources() {
        let dropped = inbox.withLock { inbox in
            inbox.isOpen = false
            let tasks = inbox.tasks
            inbox.tasks.removeAll()
            return tasks
        }
        _ = dropped  // released outside the lock: a dropped ticket may call `execute`
        waker.close()
        epoll.close()
        listener?.close()
        listener = nil
    }
}
