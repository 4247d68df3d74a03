import Codec
import RuleEngine
import Wire

/// `POST /posttrade/log` (http-api.md §5): validate; in the loop turn's group commit write the report's own records
/// (`orders.jsonl`, `POSTTRADE.LOG`, the stream line, `ORDER.REJECT`); only when they were written, book the report
/// and write what booking caused (`ORDER.FILL`/`ORDER.PARTIAL`, the rules' events) right after them, then answer
/// 200 once the state file holds what booking changed (§5.4). When the report's records cannot be written nothing
/// is booked and the answer is 503 `log unavailable`.
struct PosttradeHandler: HTTPResponder {
    let env: APIEnvironment

    func checkHead(_ head: HTTPRequestHead, context: inout RequestContext) -> HTTPResponse? {
        ContentType.isJSON(head.headers) ? nil : ContentType.refusal.response
    }

    func respond(to request: HTTPRequest, context: inout RequestContext) throws(HTTPError) -> HTTPResponse {
        try ContentType.check(request.headers)
        let prepared: PosttradeService.Prepared
        switch env.posttrade.prepare(body: request.body) {
        case .invalid(let body): return .json(.unprocessableEntity, body)
        case .prepared(let p): prepared = p
        }
        let ticket = context.park()
        let env = self.env
        let loop = context.loopIndex
        let route = context.route
        let start = context.receivedAt
        let receivedNs = context.receivedAtUnixNanoseconds
        let now = WallTime(ms: receivedNs / 1_000_000)
        env.committer.submit(loop: loop, records: {
            PosttradeRecords.report(prepared, receivedNs: receivedNs,
                                    fingerprint: env.service.store.current.identity.fingerprint, events: env.events)
        }) { ok in
            guard ok else {
                let response = HTTPResponse.error(.serviceUnavailable, detail: "log unavailable")
                env.observe(loop: loop, route: route, code: response.status.code, since: start)
                ticket.complete(response)
                return
            }
            let applied = env.posttrade.apply(prepared, now: now)
            env.committer.writeNow(PosttradeRecords.booked(prepared, applied, receivedNs: receivedNs,
                                                           events: env.events), background: false)
            env.metrics.posttrade(classification: prepared.classification)
            track(prepared, receivedMs: now.ms)
            let response = HTTPResponse.json(.ok, prepared.responseBody)
            // §5.4: the state file is written before the answer; a failed write still answers 200.
            env.persistState(if: applied.persistedChanged) { _ in
                env.observe(loop: loop, route: route, code: response.status.code, since: start)
                ticket.complete(response)
            }
        }
        return HTTPResponse(status: .internalServerError)  // placeholder: the ticket answers
    }

    /// §5.4 step 5: the ack tracker; an eviction writes its `ORDER.EXPIRE` at once (a non-request event).
    private func track(_ p: PosttradeService.Prepared, receivedMs: Int64) {
        let r = p.source
        guard let key = r.cid ?? r.oid else { return }
        let entry = AckTracker.Entry(
            key: key, submittedMs: receivedMs, symbol: r.symbol.flatMap(Symbol.init(canonicalizing:))?.rawValue,
            cid: r.cid, oid: r.oid, side: r.side, orderType: r.orderType, price: r.price, qty: r.qty)
        if let evicted = env.ackTracker.observe(entry, status: r.status, classification: r.classification) {
            AckScan.write([evicted], evicted: true, env: env, nowMs: receivedMs)
        }
    }
}

/// The ack tracker's `ORDER.EXPIRE` records (observability.md §3.5.3, `src: "host"`).
enum AckScan {
    /// Expires what is due at `nowMs` and writes the records; returns how many expired.
    @discardableResult
    static func run(env: APIEnvironment, nowMs: Int64) -> Int {
        let expired = env.ackTracker.expire(nowMs: nowMs, ttlMs: env.ackTTLSeconds * 1_000)
        write(expired, evicted: false, env: env, nowMs: nowMs)
        return expired.count
    }

    static func write(_ entries: [AckTracker.Entry], evicted: Bool, env: APIEnvironment, nowMs: Int64) {
        let records = entries.compactMap { e in
            env.events.record(
                "ORDER.EXPIRE",
                order: .init(symbol: e.symbol, cid: e.cid, oid: e.oid, side: e.side, orderType: e.orderType,
                             price: e.price, qty: e.qty),
                details: JSONObject([("reason_detail", .string("no ACK within window")),
                                     ("submitted_ms", .int(e.submittedMs)), ("ttl_s", .int(env.ackTTLSeconds)),
                                     ("evicted", .bool(evicted))]),
                src: .host, nowMs: nowMs)
        }
        env.committer.writeNow(records)
    }
}
