import Glibc
import Synchronization

/// The HTTP/1.1 server Host runs: a frozen `Router` served by `configuration.threads` event loops on one port.
public final class HTTPServer: Sendable {
    private let draining = Mutex<EventLoopGroup?>(nil)
    private enum State {
        case ready
        case running(EventLoopGroup)
        case stopped
    }

    public let configuration: HTTPServerConfiguration
    private let responder: any HTTPResponder
    private let delegate: (any LoopTurnDelegate)?
    private let state = Mutex<State>(.ready)

    /// The router is frozen here: routes added to it later do not reach this server.
    public convenience init(configuration: HTTPServerConfiguration, router: Router,
                            delegate: (any LoopTurnDelegate)? = nil) {
        self.init(configuration: configuration, responder: router.buildResponder(), delegate: delegate)
    }

    /// Serves any responder, usually a frozen router wrapped in something that sees every answer (metrics).
    public init(configuration: HTTPServerConfiguration, responder: any HTTPResponder,
                delegate: (any LoopTurnDelegate)? = nil) {
        self.configuration = configuration
        self.responder = responder
        self.delegate = delegate
    }

    /// Binds the listeners, starts the loops and returns the bound port. Throws when the address is not an IP
    /// literal, cannot be bound, or the server was already started.
    public func start() throws(IOError) -> Int {
        let host = configuration.host.hasPrefix("[") && configuration.host.hasSuffix("]")
            ? String(configuration.host.dropFirst().dropLast()) : configuration.host
        guard let ip = IPAddress(host), (0...65_535).contains(configuration.port) else {
            throw IOError(
                errno: EINVAL,
                operation: "listen on '\(configuration.host)' port \(configuration.port) (expected an IPv4 or IPv6 "
                    + "literal such as 127.0.0.1 or ::1, and a port 0-65535)")
        }
        return try state.withLock { (state) throws(IOError) -> Int in
            guard case .ready = state else {
                throw IOError(errno: EALREADY, operation: "HTTPServer.start (already started once)")
            }
            let group = try EventLoopGroup(
                address: SocketAddress(ip: ip, port: configuration.port), threads: configuration.threads,
                limits: configuration.limits, responder: responder, delegate: delegate)
            do throws(IOError) {
                try group.start()
            } catch {
                group.shutdown(drain: .zero)
                state = .stopped
                throw error
            }
            state = .running(group)
            return group.address.port
        }
    }

    /// Graceful shutdown (http-api.md §1.6): listeners close at once, idle connections close, requests already
    /// received are answered with `Connection: close`, and after `drain` the rest are closed. Returns when every
    /// loop thread has ended. Calling it again, or before `start()`, does nothing.
    public func shutdown(drain: Duration) {
        let group: EventLoopGroup? = state.withLock { state in
            defer { state = .stopped }
            if case .running(let group) = state { return group }
            return nil
        }
        draining.withLock { $0 = group }
        group?.shutdown(drain: drain)
        draining.withLock { $0 = nil }
    }

    /// Cuts a `shutdown(drain:)` in progress short: the connections still open are closed now. Any thread.
    public func endDrainNow() {
        draining.withLock { $0 }?.endDrainNow()
    }

    /// Connections open now, across every loop.
    public var openConnections: Int { group?.counter.openCount ?? 0 }

    /// Connections refused for `server.max_connections` since start (`aurora_http_connections_refused_total`).
    public var refusedConnections: Int { group?.counter.refusedCount ?? 0 }

    private var group: EventLoopGroup? {
        state.withLock { state in
            if case .running(let group) = state { return group }
            return nil
        }
    }
}
