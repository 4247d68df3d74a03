@testable import Host

/// The tiny router of the HTTP tests: `GET /` answers `{"ok":true}`, `POST /echo` echoes the body.
enum TestRouter {
    struct Fixed: HTTPResponder {
        let body: String
        func respond(to request: HTTPRequest, context: inout RequestContext) throws(HTTPError) -> HTTPResponse {
            .json(.ok, Array(body.utf8))
        }
    }

    struct Echo: HTTPResponder {
        func respond(to request: HTTPRequest, context: inout RequestContext) throws(HTTPError) -> HTTPResponse {
            HTTPResponse(status: .ok, headers: ["Content-Type": "application/octet-stream"], body: request.body)
        }
    }

    static func make() -> Router {
        var router = Router()
        router.add(.get, "/", Fixed(body: #"{"ok":true}"#))
        router.add(.post, "/echo", Echo())
        return router
    }

    static func context() -> RequestContext {
        RequestContext(
            peer: SocketAddress(ip: IPAddress("127.0.0.1")!, port: 40_000), loopIndex: 0,
            receivedAt: .now, receivedAtUnixNanoseconds: 0,
            makeTicket: { ResponseTicket { _ in } })
    }
}
