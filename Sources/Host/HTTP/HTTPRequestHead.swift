/// A request's line and header fields, once the head has been read and validated (http-api.md §1.2–§1.4).
public struct HTTPRequestHead: Sendable, Hashable {
    public var method: HTTPMethod
    /// The request-target exactly as received (`/pretrade/check?explain=full`, or the absolute form).
    public var target: String
    /// The path, percent-decoded once: what routing matches (http-api.md §1.2).
    public var path: String
    /// The raw query string after `?` (not decoded), or nil when the target has none.
    public var query: String?
    public var version: HTTPVersion
    public var headers: HTTPHeaders
    /// Whether the connection stays open after this request's response (http-api.md §1.6).
    public var keepAlive: Bool

    public init(
        method: HTTPMethod, target: String, path: String, query: String?, version: HTTPVersion,
        headers: HTTPHeaders, keepAlive: Bool
    ) {
        self.method = method
        self.target = target
        self.path = path
        self.query = query
        self.version = version
        self.headers = headers
        self.keepAlive = keepAlive
    }
}
