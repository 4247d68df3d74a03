import Codec
import RuleEngine
import Wire

/// The OPS routes of http-api.md §6.5, each behind `OpsGuard`: after routing and the method check come
/// authentication (503/403/401), the content type of a POST (415), then the endpoint's validation and action.
enum OpsHandlers {
    /// Adds every OPS route to `router`.
    static func add(to router: inout Router, ops: OpsService) {
        for endpoint in OpsRoute.Endpoint.allCases {
            router.add(endpoint.isPost ? .post : .get, endpoint.path, OpsRoute(ops: ops, endpoint: endpoint))
        }
    }
}

/// One OPS endpoint.
struct OpsRoute: HTTPResponder {
    enum Endpoint: CaseIterable, Sendable {
        case cooloff, reset, arm, riskSnapshot, riskSet, rotateToken, reload, rules, state, halt, reduce, resume

        var path: String {
            switch self {
            case .cooloff: "/ops/cooloff/{sec}"
            case .reset: "/ops/reset"
            case .arm: "/aurora/{mode}"
            case .riskSnapshot: "/risk/snapshot"
            case .riskSet: "/risk/set"
            case .rotateToken: "/ops/rotate_token"
            case .reload: "/ops/reload"
            case .rules: "/ops/rules"
            case .state: "/ops/state"
            case .halt: "/ops/halt"
            case .reduce: "/ops/reduce"
            case .resume: "/ops/resume"
            }
        }

        var isPost: Bool { ![.riskSnapshot, .rules, .state].contains(self) }
    }

    let ops: OpsService
    let endpoint: Endpoint

    func checkHead(_ head: HTTPRequestHead, context: inout RequestContext) -> HTTPResponse? {
        if let refusal = ops.refusal(head, context: context) { return refusal }
        return endpoint.isPost && !ContentType.isJSON(head.headers) ? ContentType.refusal.response : nil
    }

    func respond(to request: HTTPRequest, context: inout RequestContext) throws(HTTPError) -> HTTPResponse {
        if let refusal = ops.refusal(request.head, context: context) { return refusal }
        if endpoint.isPost { try ContentType.check(request.headers) }
        let now = WallTime(ms: context.receivedAtUnixNanoseconds / 1_000_000)
        let actions = ops.actions
        let shared = ops.env.service.shared
        switch endpoint {
        case .cooloff:
            return ops.answer(actions.cooloff(seconds: context.pathParameters["sec"] ?? "", now: now), context: &context)
        case .reset:
            if ops.env.committer.sink.failedStreams.contains(.events) { return OpsService.stateFileUnavailable }
            return ops.answer(actions.reset(now: now), context: &context)
        case .arm:
            let before = shared.armed
            return ops.answer(actions.arm(mode: context.pathParameters["mode"] ?? "", now: now), context: &context) {
                shared.setArmed(before)
            }
        case .riskSnapshot:
            return ops.answer(actions.riskSnapshot(), context: &context)
        case .riskSet:
            let before = shared.riskOverrides
            return ops.answer(actions.riskSet(body: request.body, now: now), context: &context) {
                shared.update { $0.riskOverrides = before }
            }
        case .halt:
            return ops.answer(actions.halt(body: request.body, now: now), context: &context)
        case .reduce:
            return ops.answer(actions.reduce(body: request.body, now: now), context: &context)
        case .resume:
            let before = shared.trading
            return ops.answer(actions.resume(body: request.body, now: now), context: &context) {
                shared.update { $0.trading = before }
            }
        case .rotateToken:
            let body: RotateTokenBody
            switch RotateTokenBody.decode(request.body) {
            case .failure(let errors): return .json(.unprocessableEntity, errors.bodyBytes())
            case .success(let decoded): body = decoded
            }
            let ops = self.ops
            return ops.parked(&context) { ops.rotate(to: body.newToken, nowMs: now.ms) }
        case .reload:
            let ops = self.ops
            return ops.parked(&context) {
                let report = ops.reloader.reload(trigger: .ops)
                return report.response
            }
        case .rules:
            return .json(.ok, OpsRulesReport.body(ops.env.service.store.current, last: ops.reloader.lastReport)
                .serialized())
        case .state:
            return .json(.ok, OpsStateReport.body(ops, now: now).serialized())
        }
    }
}
