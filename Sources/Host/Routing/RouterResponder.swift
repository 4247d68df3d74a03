/// A frozen `Router`: 404 for an unknown path, 405 with `Allow` for a known path and another method (http-api.md
/// §2.4, §2.3), otherwise the route's responder with `context.route` and `context.pathParameters` set.
public struct RouterResponder: HTTPResponder {
    private let literal: [String: Router.Route]
    private let templated: [Router.Route]

    init(routes: [Router.Route]) {
        var literal: [String: Router.Route] = [:]
        var templated: [Router.Route] = []
        for route in routes {
            if route.segments.contains(where: { if case .parameter = $0 { true } else { false } }) {
                templated.append(route)
            } else {
                literal[route.template] = route
            }
        }
        self.literal = literal
        self.templated = templated
    }

    public func respond(to request: HTTPRequest, context: inout RequestContext) throws(HTTPError) -> HTTPResponse {
        let responder = try resolve(request.method, request.path, context: &context)
        return try responder.respond(to: request, context: &context)
    }

    public func checkHead(_ head: HTTPRequestHead, context: inout RequestContext) -> HTTPResponse? {
        do {
            let responder = try resolve(head.method, head.path, context: &context)
            return responder.checkHead(head, context: &context)
        } catch {
            return error.response
        }
    }

    /// The responder for `method` on `path`, or the 404/405 error.
    private func resolve(
        _ method: HTTPMethod, _ path: String, context: inout RequestContext
    ) throws(HTTPError) -> any HTTPResponder {
        guard let (route, parameters) = match(path) else { throw .notFound }
        context.route = route.template
        context.pathParameters = parameters
        if let responder = route.responders[method] { return responder }
        if method == .head, let responder = route.responders[.get] { return responder }
        throw .methodNotAllowed(allowed: Self.allowed(route))
    }

    private static func allowed(_ route: Router.Route) -> [HTTPMethod] {
        var methods: [HTTPMethod] = []
        for method in route.methods {
            methods.append(method)
            if method == .get, route.responders[.head] == nil { methods.append(.head) }
        }
        return methods
    }

    private func match(_ path: String) -> (Router.Route, [String: String])? {
        if let route = literal[path] { return (route, [:]) }
        let parts = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        candidates: for route in templated where route.segments.count == parts.count {
            var parameters: [String: String] = [:]
            for (segment, part) in zip(route.segments, parts) {
                switch segment {
                case .literal(let text): if text != part { continue candidates }
                case .parameter(let name):
                    if part.isEmpty { continue candidates }
                    parameters[name] = String(part)
                }
            }
            return (route, parameters)
        }
        return nil
    }
}
