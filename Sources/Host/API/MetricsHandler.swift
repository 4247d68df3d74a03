/// `GET /metrics` and `GET /metrics/` (http-api.md §7.5): the Prometheus text exposition, read at request time.
struct MetricsHandler: HTTPResponder {
    let env: APIEnvironment

    func respond(to request: HTTPRequest, context: inout RequestContext) throws(HTTPError) -> HTTPResponse {
        HTTPResponse(status: .ok, headers: ["Content-Type": "text/plain; version=0.0.4; charset=utf-8"],
                     body: Array(env.metrics.exposition().utf8))
    }
}
