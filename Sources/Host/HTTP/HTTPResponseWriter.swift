/// Serialises responses with the headers of http-api.md §1.7. Order: the responder's own fields (except the
/// ones the writer owns), `Content-Type: application/json` when the responder set none, `Content-Length`,
/// `Date`, `Server: aurora`, `Cache-Control: no-store`, then `Connection: close` when the server will close, or
/// `Connection: keep-alive` on a kept-alive HTTP/1.0 connection. A response to HEAD carries the headers of the
/// body it omits. One writer per event loop: it caches the `Date` value for the current second.
package struct HTTPResponseWriter: Sendable {
    /// The interim response written before the body of a request with `Expect: 100-continue` (§1.3).
    package static let continueResponse: [UInt8] = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)

    private static let ownedFields = [
        "content-length", "transfer-encoding", "date", "server", "cache-control", "connection",
    ]

    private let clock: @Sendable () -> Int
    private var cachedSecond = Int.min
    private var cachedDate = ""

    /// `clock` returns the current Unix second (injected so tests can pin `Date`).
    package init(clock: @escaping @Sendable () -> Int = HTTPDate.currentSecond) {
        self.clock = clock
    }

    /// Appends `response` to `out`. `version` is the request's (nil for an answer before a request line was
    /// read); `closing` says whether the connection closes after this response.
    package mutating func write(
        _ response: HTTPResponse, method: HTTPMethod?, version: HTTPVersion?, closing: Bool, into out: inout [UInt8]
    ) {
        let now = clock()
        if now != cachedSecond {
            cachedSecond = now
            cachedDate = HTTPDate.format(unixSeconds: now)
        }
        var head = "HTTP/1.1 \(response.status.code) \(response.status.reasonPhrase)\r\n"
        var hasContentType = false
        for field in response.headers {
            let lower = HTTPByte.lowercased(field.name.utf8)
            if Self.ownedFields.contains(lower) { continue }
            if lower == "content-type" { hasContentType = true }
            head += "\(field.name): \(field.value)\r\n"
        }
        if !hasContentType { head += "Content-Type: application/json\r\n" }
        head += "Content-Length: \(response.body.count)\r\n"
        head += "Date: \(cachedDate)\r\nServer: aurora\r\nCache-Control: no-store\r\n"
        if closing {
            head += "Connection: close\r\n"
        } else if version == .http1_0 {
            head += "Connection: keep-alive\r\n"
        }
        head += "\r\n"
        out.append(contentsOf: head.utf8)
        if method != .head { out.append(contentsOf: response.body) }
    }
}
