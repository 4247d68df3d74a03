import Codec
import Dispatch
import Glibc
import RuleEngine
import Wire

/// What the OPS routes share (http-api.md §6): authentication with its metric and event, and the write-before-ack
/// flow of a state-changing action — a `seq`, its events in the loop's group commit, the state file when persisted
/// state changed, then the answer; on a failed write tightening actions still answer 200 and loosening ones are
/// undone and answer 503 `state file unavailable` (§6.4).
final class OpsService: Sendable {
    let env: APIEnvironment
    let opsGuard: OpsGuard
    let actions: OperatorActions
    let reloader: RuleSetReloader
    let sessionDirectory: String
    /// Reloads block on the reloader's lock and token rotations on the state file: never on an event loop.
    private let background = DispatchQueue(label: "aurora.ops", attributes: .concurrent)

    init(env: APIEnvironment, opsGuard: OpsGuard, reloader: RuleSetReloader, sessionDirectory: String) {
        self.env = env
        self.opsGuard = opsGuard
        self.actions = OperatorActions(service: env.service)
        self.reloader = reloader
        self.sessionDirectory = sessionDirectory
    }

    static let stateFileUnavailable = HTTPResponse.error(.serviceUnavailable, detail: "state file unavailable")

    /// The refusal of §6.2 (503, 403 or 401), counted and recorded (`OPS.AUTH_FAIL`, debounced), or nil when the
    /// request may proceed.
    func refusal(_ head: HTTPRequestHead, context: RequestContext) -> HTTPResponse? {
        let peer = CIDR.Address(bytes: context.peer.ip.bytes) ?? CIDR.loopback[0].address
        let nowMs = context.receivedAtUnixNanoseconds / 1_000_000
        let result = opsGuard.authorize(peer: peer, headers: head.headers.fields.map { (name: $0.name, value: $0.value) },
                                        now: WallTime(ms: nowMs))
        guard let failure = result.failure, let body = result.responseBody else { return nil }
        env.metrics.authFailure(reason: failure.rawValue)
        let details = JSONObject([("reason", .string(failure.rawValue)), ("method", .string(head.method.rawValue)),
                                  ("path", .string(head.path)), ("remote", .string(result.remote.description))])
        if let record = env.events.record("OPS.AUTH_FAIL", details: details, src: .ops, nowMs: nowMs) {
            env.committer.writeNow([record])
        }
        return .json(Self.status(failure.status), body)
    }

    /// Answers `outcome` (§6.4): read-only and refused outcomes at once; a state-changing 200 after its records and,
    /// when `outcome.persistsState`, the state file are written. `undo` restores what a loosening action changed.
    func answer(_ outcome: OpsOutcome, context: inout RequestContext,
                undo: @escaping @Sendable () -> Void = {}) -> HTTPResponse {
        let env = self.env
        let response = HTTPResponse.json(Self.status(outcome.status), outcome.body)
        guard outcome.status == 200, outcome.effect != .readOnly else { return response }
        let seq = env.service.identity.nextSeq()
        let nowMs = context.receivedAtUnixNanoseconds / 1_000_000
        let records = outcome.events.compactMap { event in
            env.events.record(event.code, details: EventFactory.withSeq(seq, event.details), src: .ops, nowMs: nowMs)
        }
        if records.isEmpty, !outcome.persistsState { return response }
        let ticket = context.park()
        let (loop, route, start) = (context.loopIndex, context.route, context.receivedAt)
        let loosening = outcome.effect == .loosening
        let finish: @Sendable (HTTPResponse) -> Void = { answer in
            env.observe(loop: loop, route: route, code: answer.status.code, since: start)
            ticket.complete(answer)
        }
        env.committer.submit(loop: loop, records: { records }) { written in
            if !written, loosening {
                undo()
                return finish(Self.stateFileUnavailable)
            }
            env.persistState(if: outcome.persistsState) { stored in
                if !stored, loosening {
                    undo()
                    return finish(Self.stateFileUnavailable)
                }
                finish(response)
            }
        }
        return HTTPResponse(status: .internalServerError)  // placeholder: the ticket answers
    }

    /// Runs `work` off the loop and answers with its response.
    func parked(_ context: inout RequestContext, _ work: @escaping @Sendable () -> HTTPResponse) -> HTTPResponse {
        let ticket = context.park()
        let env = self.env
        let (loop, route, start) = (context.loopIndex, context.route, context.receivedAt)
        background.async {
            let response = work()
            env.observe(loop: loop, route: route, code: response.status.code, since: start)
            ticket.complete(response)
        }
        return HTTPResponse(status: .internalServerError)  // placeholder: the ticket answers
    }

    /// `POST /ops/rotate_token` after the schema check (§6.3, §6.5.6): the `OPS.TOKEN_ROTATE` event, then the state
    /// file with the new token's record; only then is the new token in force and the old one revoked.
    func rotate(to newToken: String, nowMs: Int64) -> HTTPResponse {
        let env = self.env
        let mask = "****" + String(newToken.trimmingASCIIWhitespace().suffix(4))
        let run: @Sendable () -> OpsGuard.RotationResult = { [opsGuard] in
            opsGuard.rotate(to: newToken, now: WallTime(ms: nowMs)) { record in
                let seq = env.service.identity.nextSeq()
                let details = JSONObject([("seq", .int(Int64(seq))), ("token_mask", .string(mask)),
                                          ("version", .string(env.build.version)), ("source", .string("ops"))])
                if let event = env.events.record("OPS.TOKEN_ROTATE", details: details, src: .ops, nowMs: nowMs),
                    !env.committer.writeNow([event], background: false) {
                    throw StatePersister.WriteError(path: "aurora_events.jsonl", step: "write event", errno: EIO)
                }
                if let state = env.state,
                    let error = state.write({ () throws(StatePersister.WriteError) in try state.persister.write(values: env.service.shared.snapshot,
                                                                         opsToken: record, now: WallTime(ms: nowMs)) }) {
                    throw error
                }
            }
        }
        let result: OpsGuard.RotationResult
        if let state = env.state {
            let box = ResultBox()
            let done = DispatchSemaphore(value: 0)
            state.async {
                box.set(run())
                done.signal()
            }
            done.wait()
            result = box.value ?? .stateFileUnavailable
        } else {
            result = run()
        }
        switch result {
        case .rotated:
            env.metrics.tokenRotated()
            return .json(.ok, Array(#"{"status":"ok"}"#.utf8))
        case .cooldown(let seconds):
            return .error(.tooManyRequests, detail: result.detail ?? "", headers: ["Retry-After": String(seconds)])
        default:
            return .error(Self.status(result.status), detail: result.detail ?? "")
        }
    }

    static func status(_ code: Int) -> HTTPStatus {
        switch code {
        case 200: .ok
        case 400: .badRequest
        case 401: .unauthorized
        case 403: .forbidden
        case 409: .conflict
        case 422: .unprocessableEntity
        case 429: .tooManyRequests
        case 503: .serviceUnavailable
        default: HTTPStatus(code: code, reasonPhrase: code < 500 ? "Bad Request" : "Internal Server Error")
        }
    }
}

/// Carries a rotation result back from the state queue; the semaphore the reader waits on orders the accesses.
private final class ResultBox: @unchecked Sendable {
    private(set) var value: OpsGuard.RotationResult?
    func set(_ result: OpsGuard.RotationResult) { value = result }
}
