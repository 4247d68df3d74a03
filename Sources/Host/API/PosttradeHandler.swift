import Codec
import RuleEngine
import Synchronization
import Wire

/// `POST /posttrade/log` (http-api.md §5): validate, then in the loop turn's group commit book the report and write
/// its records; answer 200 once they are written, 503 `log unavailable` when they could not be.
///
/// While the logs are healthy the report is booked right before the write, so its records (with the fill's
/// position and the rules' events) go out together. While a file is failing nothing is booked first: the report's
/// own records are the retry, and only when they were written is it booked and the rest written after them.
struct PosttradeHandler: HTTPResponder {
    let env: APIEnvironment

    /// Whether the report was booked before the write (shared by the two closures of one request).
    private final class Booking: Sendable {
        let applied = Mutex<PosttradeService.Applied?>(nil)
    }

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
        let booking = Booking()
        env.committer.submit(loop: loop, records: {
            let fingerprint = env.service.store.current.identity.fingerprint
            var records = PosttradeRecords.report(prepared, receivedNs: receivedNs, fingerprint: fingerprint,
                                                  events: env.events)
            if env.committer.healthy {
                let applied = env.posttrade.apply(prepared, now: now)
                booking.applied.withLock { $0 = applied }
                records += PosttradeRecords.booked(prepared, applied, receivedNs: receivedNs, events: env.events)
            }
            return records
        }) { ok in
            if ok, booking.applied.withLock({ $0 }) == nil {
                let applied = env.posttrade.apply(prepared, now: now)
                env.committer.writeNow(PosttradeRecords.booked(prepared, applied, receivedNs: receivedNs,
                                                               events: env.events), background: false)
            }
            let response: HTTPResponse
            if ok {
                env.metrics.posttrade(classification: prepared.classification)
                track(prepared, receivedMs: now.ms)
                response = .json(.ok, prepared.responseBody)
            } else {
                response = .error(.serviceUnavailable, detail: "log unavailable")
            }
            env.observe(loop: loop, route: route, code: response.status.code, since: start)
            ticket.complete(response)
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
