public import Codec
public import RuleEngine
import Wire

/// `POST /posttrade/log` (http-api.md §5): validate and classify the report, then — after its records are written —
/// book it (position book, daily PnL) and tell the rules (reject window, close cooldowns).
public struct PosttradeService: Sendable {
    public let service: DecisionService

    public init(service: DecisionService) { self.service = service }

    /// A validated report, not yet applied.
    public struct Prepared: Sendable {
        public let report: TradeReport
        public let seq: UInt64
        /// The body as received (the `POSTTRADE.LOG` payload, observability.md §3.5).
        public let payload: JSONObject
        public let classification: String
        public let ignoredFields: [String]
        public let responseBody: [UInt8]
        public let decisionID: String?
        /// The wire fields as read (the stream records and events need more than the engine's `TradeReport`).
        let source: PosttradeReport
    }

    public enum Outcome: Sendable {
        case invalid(body: [UInt8])
        case prepared(Prepared)
    }

    /// What applying a report changed.
    public struct Applied: Sendable {
        public let change: PositionChange
        public let events: [Decision.Event]
        /// Persisted state changed: the state file must be written before the response.
        public var persistedChanged: Bool { change.changed || events.contains { $0.event.code == "GOVERNANCE.STATE" } }
    }

    public func prepare(body: some Collection<UInt8>) -> Outcome {
        switch PosttradeReport.decode(body) {
        case .failure(let errors): return .invalid(body: errors.bodyBytes())
        case .success(let report): return .prepared(prepared(report))
        }
    }

    public func prepare(json: JSONValue) -> Outcome {
        switch PosttradeReport.decode(json) {
        case .failure(let errors): return .invalid(body: errors.bodyBytes())
        case .success(let report): return .prepared(prepared(report))
        }
    }

    private func prepared(_ r: PosttradeReport) -> Prepared {
        let outcome: TradeReport.Outcome
        switch r.classification {
        case .success: outcome = .success
        case .failed: outcome = .failed
        case .neither: outcome = .neither
        }
        let side: Side? = r.side.flatMap { Side(rawValue: $0.rawValue) }
        let report = TradeReport(symbol: r.symbol.flatMap(Symbol.init(canonicalizing:)), side: side, outcome: outcome,
                                 isClose: r.isClose, orderId: r.oid, clientOrderId: r.cid, filled: r.filled, qty: r.qty,
                                 fillPrice: r.fillPrice, status: r.status, pnlUsdt: r.pnlUsdt)
        return Prepared(report: report, seq: service.identity.nextSeq(), payload: r.payload,
                        classification: r.classification.rawValue, ignoredFields: r.ignoredFields,
                        responseBody: PosttradeResponse(r).bodyBytes(), decisionID: r.decisionID, source: r)
    }

    /// Books the report and runs the rules' posttrade hooks (http-api.md §5.4 steps 1–4).
    public func apply(_ prepared: Prepared, now: WallTime) -> Applied {
        let change = service.shared.apply(prepared.report, now: now)
        let events = service.store.current.observe(prepared.report, accountMode: service.defaultMode,
                                                   shared: service.shared, now: now)
        return Applied(change: change, events: events)
    }
}
