/// Turns a request into a response. Runs on the event-loop thread that owns the connection: it must never block,
/// sleep or wait for I/O. Throwing an `HTTPError` sends its response; the connection stays usable. To answer
/// later, call `context.park()`, return any placeholder, and complete the ticket from any thread.
public protocol HTTPResponder: Sendable {
    func respond(to request: HTTPRequest, context: inout RequestContext) throws(HTTPError) -> HTTPResponse

    /// The checks that can be made from the head alone, for `Expect: 100-continue` (http-api.md §1.3): nil lets
    /// the server send `100 Continue` and read the body; a response is sent instead (and the connection closes).
    /// Runs on the loop thread, like `respond`. The default accepts every head.
    func checkHead(_ head: HTTPRequestHead, context: inout RequestContext) -> HTTPResponse?
}

extension HTTPResponder {
    public func checkHead(_ head: HTTPRequestHead, context: inout RequestContext) -> HTTPResponse? { nil }
}
