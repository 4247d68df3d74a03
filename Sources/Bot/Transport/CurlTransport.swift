import CCurl
import Synchronization

/// `HTTPTransport` on libcurl: one easy handle per base URL (scheme, host and port), reused across calls so the
/// connection stays alive; `CURLOPT_NOSIGNAL`, `CURLOPT_TCP_NODELAY`, connect and total timeouts from the request,
/// an empty `Expect:` header, and a cap on the response size. Calls are serialised by a lock.
public final class CurlTransport: HTTPTransport {
    private final class Handles {
        var byBase: [String: CurlEasyHandle] = [:]
    }

    /// The largest response body accepted, in bytes.
    public let responseLimit: Int
    private let handles: Mutex<Handles>

    public init(responseLimit: Int = 4 << 20) {
        self.responseLimit = responseLimit
        self.handles = Mutex(Handles())
    }

    public func send(_ request: HTTPClientRequest) -> Result<HTTPClientResponse, HTTPTransportError> {
        let base = Self.base(of: request.url)
        return handles.withLock { state -> Result<HTTPClientResponse, HTTPTransportError> in
            let handle: CurlEasyHandle
            if let existing = state.byBase[base] {
                handle = existing
            } else {
                guard let made = CurlEasyHandle() else { return .failure(.other("curl_easy_init failed")) }
                state.byBase[base] = made
                handle = made
            }
            return handle.perform(request, limit: responseLimit)
        }
    }

    /// `scheme://host:port` of a URL: the key of its handle.
    static func base(of url: String) -> String {
        let parts = URLParts(url)
        return "\(parts.scheme)://\(parts.authority)"
    }
}
