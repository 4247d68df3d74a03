import Glibc

/// Where and how the server listens: `server.listen` split into host and port, `server.threads`, and the
/// limits of http-api.md §1.5 (§11).
public struct HTTPServerConfiguration: Sendable, Hashable {
    /// An IPv4 or IPv6 literal (`127.0.0.1`, `::1`; brackets are accepted).
    public var host: String
    /// 0 takes a free port; `HTTPServer.start()` returns the real one.
    public var port: Int
    /// Event-loop threads, at least 1.
    public var threads: Int
    public var limits: HTTPLimits

    public init(
        host: String = "127.0.0.1", port: Int = 8000, threads: Int = HTTPServerConfiguration.onlineCores,
        limits: HTTPLimits = .default
    ) {
        self.host = host
        self.port = port
        self.threads = threads
        self.limits = limits
    }

    /// The number of online CPUs, the default of `server.threads`.
    public static var onlineCores: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }
}
