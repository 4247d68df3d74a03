import Codec
import RuleEngine
import Wire

/// `POST /pretrade/check` (http-api.md §4): validate and evaluate on the loop thread, hand the records to the group
/// commit, and answer once they are written: the decision (its commit hooks run first), or the hard
/// `log_unavailable` deny when a record could not be written.
struct PretradeHandler: HTTPResponder {
    let env: APIEnvironment

    func checkHead(_ head: HTTPRequestHead, context: inout RequestContext) -> HTTPResponse? {
        ContentType.isJSON(head.headers) ? nil : ContentType.refusal.response
    }

    func respond(to request: HTTPRequest, context: inout RequestContext) throws(HTTPError) -> HTTPResponse {
        try ContentType.check(request.headers)
        let explain = try Self.explain(query: request.query)
        let now = WallTime(ms: context.receivedAtUnixNanoseconds / 1_000_000)
        let pretrade: DecisionService.Pretrade
        switch env.service.pretrade(body: request.body, explain: explain, now: now) {
        case .invalid(let body): return .json(.unprocessableEntity, body)
        case .decided(let decided): pretrade = decided
        }
        recordRuleMetrics(pretrade, loop: context.loopIndex)
        let ticket = context.park()
        let env = self.env
        let loop = context.loopIndex
        let route = context.route
        let start = context.receivedAt
        env.committer.submit(loop: loop, records: { DecisionRecords.records(pretrade, events: env.events) }) { ok in
            var answered = pretrade
            if ok {
                answered.decision.commit()
            } else {
                answered.decision.failForLogUnavailable()
            }
            env.metrics.decision(allow: answered.decision.allow)
            let response = HTTPResponse.json(.ok, answered.responseBody())
            // A daily-drawdown latch changed the trading state: it is on disk before the answer.
            env.persistState(if: answered.decision.latched?.changed == true) { _ in
                env.observe(loop: loop, route: route, code: 200, since: start)
                ticket.complete(response)
            }
        }
        return HTTPResponse(status: .internalServerError)  // placeholder: the ticket answers
    }

    private func recordRuleMetrics(_ p: DecisionService.Pretrade, loop: Int) {
        let steps = p.ruleSet.steps
        for step in p.decision.trace.steps {
            let pipelineStep = step.stepIndex < steps.count ? steps[step.stepIndex] : nil
            let evaluated = step.verdict != .notEvaluated && !(step.reason ?? "").hasPrefix("reducing_order_exempt:")
            env.metrics.rule(
                loop: loop, id: step.key.id.rawValue, type: step.key.type.rawValue, verdict: step.verdict.rawValue,
                seconds: evaluated ? step.microseconds / 1e6 : nil,
                onError: step.error == nil ? nil : pipelineStep?.onError.rawValue,
                onMissing: step.missing == nil ? nil : (pipelineStep?.onMissing ?? .deny).rawValue)
        }
    }

    /// `?explain=`: absent, `none` or `full`; anything else is a 422 at `["query","explain"]`.
    static func explain(query: String?) throws(HTTPError) -> Bool {
        guard let query else { return false }
        var value: String?
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            if parts.first == "explain" { value = parts.count > 1 ? String(parts[1]).removingPercentEncoding() : "" }
        }
        switch value {
        case nil, "none": return false
        case "full": return true
        case let other?:
            var errors = ValidationErrors()
            errors.append(ValidationError(.literal(["none", "full"]), at: ["query", "explain"], input: .string(other)))
            throw HTTPError(response: .json(.unprocessableEntity, errors.bodyBytes()))
        }
    }
}

extension String {
    /// `%XX` decoded and `+` as space; the text unchanged when an escape is malformed.
    fileprivate func removingPercentEncoding() -> String {
        var bytes: [UInt8] = []
        var iterator = Array(utf8).makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "+") {
                bytes.append(0x20)
            } else if byte == UInt8(ascii: "%") {
                guard let h = iterator.next(), let l = iterator.next(),
                    let value = UInt8(String(decoding: [h, l], as: UTF8.self), radix: 16)
                else { return self }
                bytes.append(value)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
