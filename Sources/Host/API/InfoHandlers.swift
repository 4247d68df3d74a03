import Codec
import RuleEngine

/// `GET /health`, `/version`, `/liveness` and `/readiness` (http-api.md §7.1–§7.4).
enum InfoHandlers {
    struct Health: HTTPResponder {
        let env: APIEnvironment
        func respond(to request: HTTPRequest, context: inout RequestContext) throws(HTTPError) -> HTTPResponse {
            let set = env.service.store.current
            let readiness = Readiness.evaluate(env, nowMs: context.receivedAtUnixNanoseconds / 1_000_000)
            let status = env.draining ? "draining" : (readiness.ready ? "healthy" : "degraded")
            let version = JSONObject([("sha", .string(env.build.sha)), ("branch", .string(env.build.branch)),
                                      ("build_ts", .string(env.build.buildTimestamp)),
                                      ("order_profile", orderProfile(set).map { .string($0) } ?? .null)])
            return json([("status", .string(status)), ("models_loaded", .bool(env.predictor != nil)),
                         ("version", .object(version)), ("ruleset", rulesetJSON(set.identity))])
        }

        /// `er_before_slip` when the first expected_return rule precedes the first slippage rule, `slip_before_er`
        /// when it follows, nil when either is absent.
        func orderProfile(_ set: CompiledRuleSet) -> String? {
            guard let er = set.steps.firstIndex(where: { $0.key.type.rawValue == "expected_return" }),
                let slip = set.steps.firstIndex(where: { $0.key.type.rawValue == "slippage" })
            else { return nil }
            return er < slip ? "er_before_slip" : "slip_before_er"
        }
    }

    struct Version: HTTPResponder {
        let env: APIEnvironment
        func respond(to request: HTTPRequest, context: inout RequestContext) throws(HTTPError) -> HTTPResponse {
            json([("version", .string(env.build.version))])
        }
    }

    struct Liveness: HTTPResponder {
        func respond(to request: HTTPRequest, context: inout RequestContext) throws(HTTPError) -> HTTPResponse {
            json([("ok", .bool(true))])
        }
    }

    struct Readiness: HTTPResponder {
        let env: APIEnvironment

        struct Result {
            var ready: Bool
            var body: JSONObject
        }

        func respond(to request: HTTPRequest, context: inout RequestContext) throws(HTTPError) -> HTTPResponse {
            let result = Self.evaluate(env, nowMs: context.receivedAtUnixNanoseconds / 1_000_000)
            if result.ready { return json(result.body.map { $0 }) }
            var writer = JSONWriter()
            writer.write(.object(JSONObject([("detail", .object(result.body))])))
            return .json(.serviceUnavailable, writer.bytes)
        }

        /// Ready iff a ruleset is active, no request-path log file is failing, and the server is not draining.
        static func evaluate(_ env: APIEnvironment, nowMs: Int64) -> Result {
            let set = env.service.store.current
            let logOK = env.committer.sink.failedStreams.isEmpty
            let draining = env.draining
            let trading = env.service.shared.trading.state
            let guardState = HealthGuardProbe.worst(set, nowMs: nowMs)
            let anyHalted = HealthGuardProbe.states(set, nowMs: nowMs).contains { ($0.states["halted"] ?? 0) > 0 }
            let lastNs = env.lastEventNs()
            let body = JSONObject([
                ("ready", .bool(logOK && !draining)), ("config_loaded", .bool(true)),
                ("last_event_ts", lastNs > 0 ? .double(Double(lastNs) / 1e9) : .null),
                ("halt", .bool(trading == .halted || anyHalted)), ("models_loaded", .bool(env.predictor != nil)),
                ("trading_state", .string(trading.rawValue)), ("health_guard", .string(guardState)),
                ("checks", .object(JSONObject([("ruleset", .string("ok")), ("log", .string(logOK ? "ok" : "error")),
                                               ("state", .string(env.state?.readinessCheck ?? "ok")), ("draining", .bool(draining))]))),
            ])
            return Result(ready: logOK && !draining, body: body)
        }
    }

    static func rulesetJSON(_ identity: RuleSetIdentity) -> JSONValue {
        .object(JSONObject([("name", .string(identity.name)), ("fingerprint", .string(identity.fingerprint)),
                            ("loaded_at", .string(RFC3339.milliseconds(identity.loadedAt.ms)))]))
    }

    static func json(_ fields: [(String, JSONValue)]) -> HTTPResponse {
        var writer = JSONWriter()
        writer.write(.object(JSONObject(fields)))
        return .json(.ok, writer.bytes)
    }
}
