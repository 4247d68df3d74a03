/// What a responder knows about a request besides its bytes: who sent it, which loop runs it, when it arrived,
/// which route matched, and a way to park the response.
public struct RequestContext: Sendable {
    /// The connection's peer (IPv4 or IPv6 address and port).
    public let peer: SocketAddress
    /// The index of the event loop that owns the connection (0 ..< threads).
    public let loopIndex: Int
    /// Monotonic time at which the request was complete.
    public let receivedAt: ContinuousClock.Instant
    /// Wall-clock time at which the request was complete, in nanoseconds since the Unix epoch.
    public let receivedAtUnixNanoseconds: Int64
    /// The template of the matched route (`/ops/cooloff/{sec}`), or nil before routing or when none matched.
    public internal(set) var route: String?
    /// The values of the template's `{name}` segments (percent-decoded with the path).
    public internal(set) var pathParameters: [String: String] = [:]

    private let makeTicket: @Sendable () -> ResponseTicket
    package private(set) var ticket: ResponseTicket?

    package init(
        peer: SocketAddress, loopIndex: Int, receivedAt: ContinuousClock.Instant, receivedAtUnixNanoseconds: Int64,
        makeTicket: @escaping @Sendable () -> ResponseTicket
    ) {
        self.peer = peer
        self.loopIndex = loopIndex
        self.receivedAt = receivedAt
        self.receivedAtUnixNanoseconds = receivedAtUnixNanoseconds
        self.makeTicket = makeTicket
    }

    /// Parks this request's response: the responder returns any placeholder, and the server sends what is later
    /// passed to `ticket.complete(_:)`. Calling it again returns the same ticket.
    public mutating func park() -> ResponseTicket {
        if let ticket { return ticket }
        let ticket = makeTicket()
        self.ticket = ticket
        return ticket
    }

    /// Whether `park()` was called.
    public var isParked: Bool { ticket != nil }
}
