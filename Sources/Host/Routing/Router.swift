/// Collects routes from an explicit list, then freezes them into a `RouterResponder` (style.md habit 5).
///
/// Paths are matched exactly and case-sensitively against the percent-decoded request path; a template segment
/// `{name}` matches any one non-empty segment, and literal routes win over templates. There are no implicit
/// trailing-slash aliases: register `/metrics/` beside `/metrics` when both must answer (http-api.md §2.4).
/// HEAD is served wherever GET is.
public struct Router: Sendable {
    struct Route: Sendable {
        let template: String
        let segments: [Segment]
        var methods: [HTTPMethod]
        var responders: [HTTPMethod: any HTTPResponder]
    }

    enum Segment: Sendable, Hashable {
        case literal(String)
        case parameter(String)
    }

    private(set) var routes: [Route] = []

    public init() {}

    /// Adds `responder` for `method` on `path` (`/pretrade/check`, `/ops/cooloff/{sec}`). Registering the same
    /// method and path twice, or a template that does not start with `/`, is a programming error.
    public mutating func add(_ method: HTTPMethod, _ path: String, _ responder: some HTTPResponder) {
        let segments = Self.segments(of: path)
        if let index = routes.firstIndex(where: { $0.segments == segments }) {
            precondition(
                routes[index].responders[method] == nil,
                "Router: \(method) \(path) is registered twice (first as \(routes[index].template))")
            routes[index].methods.append(method)
            routes[index].responders[method] = responder
        } else {
            routes.append(Route(template: path, segments: segments, methods: [method], responders: [method: responder]))
        }
    }

    /// The immutable responder the server runs.
    public func buildResponder() -> RouterResponder {
        RouterResponder(routes: routes)
    }

    static func segments(of template: String) -> [Segment] {
        precondition(template.hasPrefix("/"), "Router: the path template '\(template)' must start with '/'")
        return template.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map { part in
            if part.hasPrefix("{"), part.hasSuffix("}"), part.count > 2 {
                return .parameter(String(part.dropFirst().dropLast()))
            }
            precondition(
                !part.contains("{") && !part.contains("}"),
                "Router: '\(part)' in '\(template)' is neither a literal segment nor a whole '{name}' segment")
            return .literal(String(part))
        }
    }
}
