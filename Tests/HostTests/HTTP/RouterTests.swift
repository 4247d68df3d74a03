import Testing
@testable import Host

@Suite struct RouterTests {
    struct Named: HTTPResponder {
        let name: String
        func respond(to request: HTTPRequest, context: inout RequestContext) throws(HTTPError) -> HTTPResponse {
            let parameters = context.pathParameters.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
            return HTTPResponse(
                status: .ok, body: Array("\(name) \(context.route ?? "-") \(parameters.joined(separator: ","))".utf8))
        }
    }

    static let router: RouterResponder = {
        var router = Router()
        router.add(.post, "/pretrade/check", Named(name: "check"))
        router.add(.get, "/health", Named(name: "health"))
        router.add(.get, "/metrics", Named(name: "metrics"))
        router.add(.get, "/metrics/", Named(name: "metrics"))
        router.add(.post, "/ops/cooloff/{sec}", Named(name: "cooloff"))
        router.add(.post, "/ops/reset", Named(name: "reset"))
        router.add(.post, "/aurora/{mode}", Named(name: "mode"))
        return router.buildResponder()
    }()

    private func answer(_ method: HTTPMethod, _ path: String) -> (Int, String, String?) {
        var context = TestRouter.context()
        do {
            let response = try Self.router.respond(to: HTTPRequest(method: method, target: path), context: &context)
            return (response.status.code, String(decoding: response.body, as: UTF8.self), nil)
        } catch {
            return (error.status.code, String(decoding: error.response.body, as: UTF8.self),
                error.response.headers["Allow"])
        }
    }

    @Test(arguments: [
        (HTTPMethod.post, "/pretrade/check", 200, "check /pretrade/check ", nil),
        (.get, "/pretrade/check", 405, #"{"detail":"Method Not Allowed"}"#, "POST"),
        (.options, "/pretrade/check", 405, #"{"detail":"Method Not Allowed"}"#, "POST"),
        (.get, "/health", 200, "health /health ", nil),
        (.head, "/health", 200, "health /health ", nil),
        (.post, "/health", 405, #"{"detail":"Method Not Allowed"}"#, "GET, HEAD"),
        (.get, "/health/", 404, #"{"detail":"Not Found"}"#, nil),
        (.get, "/Health", 404, #"{"detail":"Not Found"}"#, nil),
        (.get, "/metrics/", 200, "metrics /metrics/ ", nil),
        (.post, "/ops/cooloff/30", 200, "cooloff /ops/cooloff/{sec} sec=30", nil),
        (.post, "/ops/cooloff/", 404, #"{"detail":"Not Found"}"#, nil),
        (.post, "/ops/cooloff/1/2", 404, #"{"detail":"Not Found"}"#, nil),
        (.post, "/ops/reset", 200, "reset /ops/reset ", nil),
        (.get, "/aurora/halt", 405, #"{"detail":"Method Not Allowed"}"#, "POST"),
        (.get, "/nope", 404, #"{"detail":"Not Found"}"#, nil),
    ] as [(HTTPMethod, String, Int, String, String?)])
    func routingAnswersAsSection24Says(
        _ method: HTTPMethod, _ path: String, _ status: Int, _ body: String, _ allow: String?
    ) {
        let (code, text, allowed) = answer(method, path)
        #expect(code == status)
        #expect(text == body)
        #expect(allowed == allow)
    }

    @Test func theHeadCheckRefusesUnknownPathsAndWrongMethods() {
        var context = TestRouter.context()
        let head = HTTPRequest(method: .post, target: "/nope").head
        #expect(Self.router.checkHead(head, context: &context)?.status == .notFound)
        let wrong = HTTPRequest(method: .put, target: "/health").head
        #expect(Self.router.checkHead(wrong, context: &context)?.status == .methodNotAllowed)
        let fine = HTTPRequest(method: .post, target: "/pretrade/check").head
        #expect(Self.router.checkHead(fine, context: &context) == nil)
    }
}
