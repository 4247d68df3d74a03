/// The API's routes (http-api.md §2.5 without the OPS routes, which another part of the host adds to the same
/// `Router` before it is frozen), and the wrapper that counts every routed response.
public enum Routes {
    /// Adds `/pretrade/check`, `/posttrade/log`, `/health`, `/version`, `/liveness`, `/readiness`, `/metrics`,
    /// `/metrics/` and `/predict` to `router`.
    public static func addAPI(to router: inout Router, env: APIEnvironment) {
        router.add(.post, "/pretrade/check", PretradeHandler(env: env))
        router.add(.post, "/posttrade/log", PosttradeHandler(env: env))
        router.add(.get, "/health", InfoHandlers.Health(env: env))
        router.add(.get, "/version", InfoHandlers.Version(env: env))
        router.add(.get, "/liveness", InfoHandlers.Liveness())
        router.add(.get, "/readiness", InfoHandlers.Readiness(env: env))
        router.add(.get, "/metrics", MetricsHandler(env: env))
        router.add(.get, "/metrics/", MetricsHandler(env: env))
        router.add(.post, "/predict", PredictHandler(env: env))
    }
}

/// Wraps the frozen router: every response it answers directly (including 404, 405, 415, 422 and head refusals)
/// is counted in `aurora_http_requests_total`; parked responses are counted by their handler when they complete.
struct MeteredResponder: HTTPResponder {
    let inner: RouterResponder
    let env: APIEnvironment

    func respond(to request: HTTPRequest, context: inout RequestContext) throws(HTTPError) -> HTTPResponse {
        do {
            let response = try inner.respond(to: request, context: &context)
            if !context.isParked {
                env.observe(loop: context.loopIndex, route: context.route, code: response.status.code,
                            since: context.receivedAt)
            }
            return response
        } catch {
            env.observe(loop: context.loopIndex, route: context.route, code: error.status.code, since: context.receivedAt)
            throw error
        }
    }

    func checkHead(_ head: HTTPRequestHead, context: inout RequestContext) -> HTTPResponse? {
        let refusal = inner.checkHead(head, context: &context)
        if let refusal {
            env.observe(loop: context.loopIndex, route: context.route, code: refusal.status.code,
                        since: context.receivedAt)
        }
        return refusal
    }
}
