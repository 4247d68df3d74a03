import Glibc

/// One accepted connection on its loop's thread: bytes → parser → responder → ordered output. It performs what
/// its `ConnectionStateMachine` decides; responses are serialised and written only in `flush(now:)`, which the
/// loop calls after its `LoopTurnDelegate` (write before ack).
final class Connection {
    private enum Slot {
        case interim([UInt8])
        case response(id: UInt64, response: HTTPResponse?, method: HTTPMethod?, version: HTTPVersion?)
    }

    /// Responses queued before the connection stops parsing further pipelined requests.
    static let maxQueuedResponses = 32
    /// Serialised bytes waiting for the socket before the connection stops parsing further requests.
    static let maxBufferedOutput = 256 * 1_024
    /// Unparsed input held before the connection stops reading from the socket.
    static let maxBufferedInput = 256 * 1_024

    let id: UInt64
    let socket: Socket
    let peer: SocketAddress
    /// Whether this connection holds one of the `server.max_connections` places.
    let isCounted: Bool
    unowned let loop: EventLoop
    private var parser: HTTPParser
    private var input = InputBuffer()
    private(set) var machine: ConnectionStateMachine
    private var slots: [Slot] = []
    private var output: [UInt8] = []
    private var outputOffset = 0
    private var responsesInOutput = 0
    private var nextSlotID: UInt64 = 0
    /// The earliest entry of this connection in the loop's deadline heap.
    var heapDeadline: ContinuousClock.Instant?
    var interest: EpollEvents = []
    var isDirty = false
    private(set) var isClosed = false

    init(
        id: UInt64, socket: Socket, peer: SocketAddress, loop: EventLoop, counted: Bool,
        now: ContinuousClock.Instant
    ) {
        self.id = id
        self.socket = socket
        self.peer = peer
        self.isCounted = counted
        self.loop = loop
        parser = HTTPParser(limits: loop.limits)
        machine = ConnectionStateMachine(limits: loop.limits, acceptedAt: now, refused: !counted)
        if !counted {
            enqueue(.error(.serviceUnavailable, detail: "too many connections", headers: ["Retry-After": "1"]))
            loop.reportServerResponse(.serviceUnavailable)
        }
    }

    /// The interest this connection wants from epoll now.
    var wantedInterest: EpollEvents {
        var wanted: EpollEvents = []
        if machine.lingering || (machine.acceptsRequests && !isReadPaused) {
            wanted.formUnion([.readable, .readHangUp])
        }
        if outputOffset < output.count { wanted.insert(.writable) }
        return wanted
    }

    /// Too many answers wait to be written: parse no further pipelined request until they drain.
    private var isBackpressured: Bool {
        slots.count >= Self.maxQueuedResponses || output.count - outputOffset > Self.maxBufferedOutput
    }

    /// Read nothing more from the socket: answers are backed up, or enough input waits to be parsed.
    private var isReadPaused: Bool {
        isBackpressured || input.readableCount > Self.maxBufferedInput
    }

    // MARK: - Events from the loop

    func readable(now: ContinuousClock.Instant) {
        guard !isClosed else { return }
        var endOfStream = false
        for _ in 0..<16 {
            let count: Int?
            do {
                count = try socket.receive(into: loop.scratch)
            } catch {
                loop.close(self)
                return
            }
            guard let count else { break }
            if count == 0 {
                endOfStream = true
                break
            }
            if machine.acceptsRequests, !machine.lingering {
                input.append(UnsafeRawBufferPointer(rebasing: loop.scratch[0..<count]))
                if input.readableCount > Self.maxBufferedInput { break }
            }
        }
        processInput(now: now)
        if endOfStream { perform(machine.peerClosedInput(), now: now) }
        settle()
    }

    func writable(now: ContinuousClock.Instant) {
        guard !isClosed else { return }
        writeOutput(now: now)
        settle()
    }

    func deadlineReached(now: ContinuousClock.Instant) {
        guard !isClosed else { return }
        perform(machine.expired(now: now), now: now)
        settle()
    }

    func beginDrain(now: ContinuousClock.Instant) {
        guard !isClosed else { return }
        perform(machine.beginDrain(), now: now)
        if !machine.acceptsRequests { input.removeAll() }
        loop.markDirty(self)
        settle()
    }

    func completeParked(slot: UInt64, with response: HTTPResponse) {
        guard !isClosed else { return }
        for index in slots.indices {
            guard case .response(let id, nil, let method, let version) = slots[index], id == slot else { continue }
            slots[index] = .response(id: id, response: response, method: method, version: version)
            loop.markDirty(self)
            return
        }
    }

    /// Serialises the ready responses in order (up to the first parked one) and writes them.
    func flush(now: ContinuousClock.Instant) {
        guard !isClosed else { return }
        serialising: while let first = slots.first {
            switch first {
            case .interim(let bytes):
                output.append(contentsOf: bytes)
            case .response(_, nil, _, _):
                break serialising  // parked: everything behind it waits
            case .response(_, let response?, let method, let version):
                let isLast = !slots.dropFirst().contains { if case .response = $0 { true } else { false } }
                loop.writer.write(
                    response, method: method, version: version, closing: machine.closeAfterResponses && isLast,
                    into: &output)
                responsesInOutput += 1
            }
            slots.removeFirst()
        }
        writeOutput(now: now)
        settle()
    }

    func markClosed() {
        isClosed = true
        socket.close()
    }

    // MARK: - Work

    private func processInput(now: ContinuousClock.Instant) {
        while machine.acceptsRequests, !isBackpressured {
            let event: HTTPParser.Event?
            do {
                event = try parser.next(from: &input)
            } catch {
                machine.failed()
                enqueue(error.response)
                loop.reportServerResponse(error.response.status)
                break
            }
            guard let event else { break }
            switch event {
            case .expectContinue(let head): expectContinue(head, now: now)
            case .request(let request): dispatch(request, now: now)
            }
        }
        if !machine.acceptsRequests { input.removeAll() }
        machine.parsed(phase: parser.phase, now: now)
    }

    private func expectContinue(_ head: HTTPRequestHead, now: ContinuousClock.Instant) {
        guard input.isEmpty else { return }  // body bytes already arrived: the client did not wait
        var context = makeContext(slot: nextSlotID, now: now)
        if let refusal = loop.responder.checkHead(head, context: &context) {
            machine.failed()
            enqueue(refusal, method: head.method, version: head.version)
        } else {
            slots.append(.interim(HTTPResponseWriter.continueResponse))
            loop.markDirty(self)
        }
    }

    private func dispatch(_ request: HTTPRequest, now: ContinuousClock.Instant) {
        guard machine.requestReceived(keepAlive: request.keepAlive) else { return }
        let slot = nextSlotID
        var context = makeContext(slot: slot, now: now)
        let response: HTTPResponse
        do {
            response = try loop.responder.respond(to: request, context: &context)
        } catch {
            response = error.response
        }
        nextSlotID += 1
        slots.append(
            .response(
                id: slot, response: context.isParked ? nil : response, method: request.method,
                version: request.version))
        loop.markDirty(self)
    }

    private func enqueue(_ response: HTTPResponse, method: HTTPMethod? = nil, version: HTTPVersion? = nil) {
        slots.append(.response(id: nextSlotID, response: response, method: method, version: version))
        nextSlotID += 1
        loop.markDirty(self)
    }

    private func makeContext(slot: UInt64, now: ContinuousClock.Instant) -> RequestContext {
        let loop = self.loop
        let connection = id
        var wall = timespec()
        clock_gettime(CLOCK_REALTIME, &wall)
        return RequestContext(
            peer: peer, loopIndex: loop.index, receivedAt: now,
            receivedAtUnixNanoseconds: Int64(wall.tv_sec) * 1_000_000_000 + Int64(wall.tv_nsec),
            makeTicket: {
                ResponseTicket { response in
                    _ = loop.execute { loop.completeParked(connection: connection, slot: slot, with: response) }
                }
            })
    }

    private func writeOutput(now: ContinuousClock.Instant) {
        while outputOffset < output.count {
            let sent: Int?
            do {
                sent = try output.withUnsafeBytes { (bytes) throws(IOError) in
                    try socket.send(UnsafeRawBufferPointer(rebasing: bytes[outputOffset...]))
                }
            } catch {
                loop.close(self)
                return
            }
            guard let sent else {
                machine.writeBlocked(now: now)
                return
            }
            outputOffset += sent
        }
        output.removeAll(keepingCapacity: true)
        outputOffset = 0
        machine.writeDrained()
        if responsesInOutput > 0 {
            let count = responsesInOutput
            responsesInOutput = 0
            perform(machine.responsesWritten(count, now: now), now: now)
        }
        if !isClosed, machine.acceptsRequests, !input.isEmpty, !isBackpressured {
            processInput(now: now)  // pipelined requests held back while the output was full
        }
    }

    private func perform(_ action: ConnectionStateMachine.Action, now: ContinuousClock.Instant) {
        switch action {
        case .none:
            break
        case .respond(let status):
            input.removeAll()
            enqueue(.error(status, detail: HTTPParseError.detail(for: status)))
            loop.reportServerResponse(status)
        case .closeGracefully:
            input.removeAll()
            socket.shutdownWrite()
        case .close:
            loop.close(self)
        }
    }

    /// Brings the epoll interest and the deadline heap in line with the machine.
    private func settle() {
        guard !isClosed else { return }
        loop.updateInterest(self)
        loop.schedule(self)
    }
}
