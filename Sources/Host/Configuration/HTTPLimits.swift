/// The size limits and timeouts of the HTTP server (http-api.md §1.5); each property names its `server.*` key of
/// `configs/aurora.yaml` (http-api.md §11) and carries that key's default.
public struct HTTPLimits: Sendable, Hashable {
    /// `server.max_head_bytes`: request line + header fields (+ trailers), in bytes. Over it: 431, close.
    public var maxHeadBytes: Int
    /// `server.max_headers`: number of header fields (+ trailer fields). Over it: 431, close.
    public var maxHeaders: Int
    /// `server.max_body_bytes`: decoded body bytes. Over it: 413, close (a declared length before any body byte).
    public var maxBodyBytes: Int
    /// `server.head_timeout_ms`: time to receive a complete head. 408 and close if a byte arrived, else a silent
    /// close. Starts at accept for the first request and at the first byte of each later request.
    public var headTimeout: Duration
    /// `server.body_timeout_ms`: time to receive the body after the head. 408, close.
    public var bodyTimeout: Duration
    /// `server.idle_timeout_ms`: idle time between requests on a kept-alive connection. Silent close.
    public var idleTimeout: Duration
    /// `server.write_timeout_ms`: time a response may wait for the client to read it. Close.
    public var writeTimeout: Duration
    /// `server.max_connections`: open connections; one more is answered 503 at once and closed.
    public var maxConnections: Int
    /// `server.drain_timeout_ms`: graceful-shutdown drain; the remaining connections are closed after it.
    public var drainTimeout: Duration

    public init(
        maxHeadBytes: Int = 16_384,
        maxHeaders: Int = 100,
        maxBodyBytes: Int = 65_536,
        headTimeout: Duration = .milliseconds(10_000),
        bodyTimeout: Duration = .milliseconds(10_000),
        idleTimeout: Duration = .milliseconds(60_000),
        writeTimeout: Duration = .milliseconds(10_000),
        maxConnections: Int = 10_000,
        drainTimeout: Duration = .milliseconds(10_000)
    ) {
        self.maxHeadBytes = maxHeadBytes
        self.maxHeaders = maxHeaders
        self.maxBodyBytes = maxBodyBytes
        self.headTimeout = headTimeout
        self.bodyTimeout = bodyTimeout
        self.idleTimeout = idleTimeout
        self.writeTimeout = writeTimeout
        self.maxConnections = maxConnections
        self.drainTimeout = drainTimeout
    }

    /// The defaults of http-api.md §11.
    public static let `default` = HTTPLimits()

    /// The fuzzing profile (reliability.md §2.4): small enough that every limit branch is reachable in a short input.
    package static let fuzzSmall = HTTPLimits(maxHeadBytes: 512, maxHeaders: 8, maxBodyBytes: 1_024)
}
