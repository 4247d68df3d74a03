/// One HTTP request as the bot (and `aurora ops`) sends it.
public struct HTTPClientRequest: Sendable, Hashable {
    public var method: String
    /// Absolute URL: `http://127.0.0.1:8000/pretrade/check`.
    public var url: String
    /// Extra headers, in order (`X-MBX-APIKEY`); the transport adds `Accept` and, with a body, `Content-Type`.
    public var headers: [HTTPHeader]
    public var body: [UInt8]
    /// Connect timeout and total time of the call, in milliseconds.
    public var timeoutMs: Int

    public init(method: String, url: String, headers: [HTTPHeader] = [], body: [UInt8] = [], timeoutMs: Int) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeoutMs = timeoutMs
    }
}

/// A header name and value.
public struct HTTPHeader: Sendable, Hashable {
    public var name: String
    public var value: String

    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}

/// The answer to a request that reached a server: any status, 2xx or not.
public struct HTTPClientResponse: Sendable, Hashable {
    public var status: Int
    /// Response headers in received order; names as the server wrote them.
    public var headers: [HTTPHeader]
    public var body: [UInt8]

    public init(status: Int, headers: [HTTPHeader] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The first header named `name`, compared case-insensitively.
    public func header(_ name: String) -> String? {
        let lowered = name.lowercased()
        return headers.first { $0.name.lowercased() == lowered }?.value
    }
}

/// Why a request got no HTTP answer.
public enum HTTPTransportError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The connect or total timeout elapsed.
    case timeout
    /// Connection refused or reset, name not resolved, nothing received.
    case connect(String)
    /// The response was larger than the transport's cap.
    case responseTooLarge(limit: Int)
    /// Anything else the transport reports (bad URL, TLS failure), with its message.
    case other(String)

    public var description: String {
        switch self {
        case .timeout: "timeout"
        case .connect(let message): "connection failed: \(message)"
        case .responseTooLarge(let limit): "response larger than \(limit) bytes"
        case .other(let message): message
        }
    }
}

/// A blocking HTTP/1.1 client.
///
/// Contract: `send` returns when the server answered (`.success` with any status) or when the request failed
/// (`.failure`), never later than about `request.timeoutMs` after it was called. It does not retry. Calls happen on
/// the caller's thread; an implementation may reuse connections across calls (keep-alive).
public protocol HTTPTransport: Sendable {
    func send(_ request: HTTPClientRequest) -> Result<HTTPClientResponse, HTTPTransportError>
}
