/// The decisions of one connection, with no I/O (style.md habit 8): when to read more requests, which timer
/// runs (http-api.md §1.5), when the connection closes (§1.6), and how it closes. Every input carries `now`,
/// so tests drive it with made-up instants. `Connection` performs what it returns.
struct ConnectionStateMachine: Sendable {
    typealias Instant = ContinuousClock.Instant

    /// The timer that guards reading.
    enum ReadTimer: Sendable, Hashable {
        /// From accept to the end of the first head: 408 if a byte arrived, else a silent close.
        case firstHead
        /// From the first byte of a later head: 408.
        case head
        /// From the end of a head to the end of its body: 408.
        case body
        /// Between requests on a kept-alive connection: a silent close.
        case idle
    }

    enum Action: Sendable, Hashable {
        case none
        /// Queue this status with its §2.3 body as the last response (the machine already decided to close).
        case respond(HTTPStatus)
        /// Everything was written: half-close, discard input until the peer closes or the linger deadline.
        case closeGracefully
        /// Close the socket now.
        case close
    }

    /// How long a closing connection waits for the peer's end of stream after the last response, discarding
    /// input, so that unread pipelined bytes do not turn the close into a reset that loses the response.
    static let lingerTimeout: Duration = .seconds(2)

    let limits: HTTPLimits
    /// Whether further requests are parsed and answered.
    private(set) var acceptsRequests = true
    /// Whether the connection closes once the outstanding responses are written.
    private(set) var closeAfterResponses = false
    /// Responses queued (ready or parked) and not yet handed to the kernel.
    private(set) var outstanding = 0
    private(set) var lingering = false
    private(set) var draining = false
    private(set) var peerClosed = false
    private(set) var phase: HTTPParser.Phase = .idle
    private(set) var readTimer: (kind: ReadTimer, at: Instant)?
    private(set) var writeDeadline: Instant?
    private(set) var lingerDeadline: Instant?
    private var receivedAny = false

    /// A new connection accepted at `now`; `refused` when over `server.max_connections` (answer 503, close).
    init(limits: HTTPLimits, acceptedAt now: Instant, refused: Bool = false) {
        self.limits = limits
        if refused {
            outstanding = 1
            stopReading()
        } else {
            readTimer = (.firstHead, now + limits.headTimeout)
        }
    }

    /// The earliest instant at which `expired(now:)` has something to do.
    var nextDeadline: Instant? {
        [readTimer?.at, writeDeadline, lingerDeadline].compactMap { $0 }.min()
    }

    private mutating func stopReading() {
        acceptsRequests = false
        closeAfterResponses = true
        readTimer = nil
    }

    /// The parser's phase after the connection fed it the input it had.
    mutating func parsed(phase: HTTPParser.Phase, now: Instant) {
        self.phase = phase
        guard acceptsRequests, !lingering else {
            readTimer = nil
            return
        }
        switch phase {
        case .head:
            if readTimer?.kind != .head, readTimer?.kind != .firstHead {
                readTimer = (.head, now + limits.headTimeout)
            }
        case .body:
            if readTimer?.kind != .body { readTimer = (.body, now + limits.bodyTimeout) }
        case .idle:
            if outstanding > 0 {
                readTimer = nil
            } else if receivedAny, readTimer?.kind != .idle {
                readTimer = (.idle, now + limits.idleTimeout)
            }
        }
    }

    /// A complete request arrived. False: discard it (the connection is closing). After a request that does not
    /// keep the connection alive, or during a drain, no further request is read.
    mutating func requestReceived(keepAlive: Bool) -> Bool {
        guard acceptsRequests else { return false }
        receivedAny = true
        outstanding += 1
        readTimer = nil
        if !keepAlive || draining { stopReading() }
        return true
    }

    /// The connection queued a final error response (a parse error, or a refusal instead of 100 Continue):
    /// nothing more is read, and the connection closes after it.
    mutating func failed() {
        outstanding += 1
        stopReading()
    }

    /// `count` responses were handed to the kernel completely.
    mutating func responsesWritten(_ count: Int, now: Instant) -> Action {
        outstanding -= count
        guard outstanding == 0 else { return .none }
        if closeAfterResponses || peerClosed {
            if peerClosed { return .close }
            lingering = true
            readTimer = nil
            writeDeadline = nil
            lingerDeadline = now + Self.lingerTimeout
            return .closeGracefully
        }
        parsed(phase: phase, now: now)
        return .none
    }

    /// The socket's send buffer is full; the client has `server.write_timeout_ms` to read.
    mutating func writeBlocked(now: Instant) {
        if writeDeadline == nil { writeDeadline = now + limits.writeTimeout }
    }

    /// Everything queued for the socket was sent.
    mutating func writeDrained() {
        writeDeadline = nil
    }

    /// The peer half-closed (end of stream): answer what is complete, then close; a partial request is dropped.
    mutating func peerClosedInput() -> Action {
        peerClosed = true
        if lingering || outstanding == 0 { return .close }
        stopReading()
        return .none
    }

    /// Checks the deadlines at `now`.
    mutating func expired(now: Instant) -> Action {
        if let deadline = lingerDeadline, deadline <= now { return .close }
        if let deadline = writeDeadline, deadline <= now { return .close }
        guard let timer = readTimer, timer.at <= now else { return .none }
        readTimer = nil
        switch timer.kind {
        case .idle:
            return .close
        case .firstHead where phase == .idle:
            return .close
        case .firstHead, .head, .body:
            failed()
            return .respond(.requestTimeout)
        }
    }

    /// Graceful shutdown (§1.6): an idle connection closes now; a request already received is answered with
    /// `Connection: close` and nothing after it is read; a request being received may finish and is the last.
    mutating func beginDrain() -> Action {
        draining = true
        if lingering { return .none }
        if outstanding == 0, phase == .idle { return .close }
        if outstanding > 0 { stopReading() }
        return .none
    }
}
