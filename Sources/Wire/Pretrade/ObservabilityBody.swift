public import Codec

/// `observability` of a pretrade response (http-api.md §4.4), keys in the spec's order.
public struct ObservabilityBody: Sendable, Hashable {
    /// `PASS` iff the decision allows.
    public var gateState: GateState
    public var spreadBps: Double?
    /// The effective account mode.
    public var mode: String
    public var latencyMs: Double?
    public var slipBpsEst: Double?
    public var aBps: Double?
    public var bBps: Double?
    public var score: Double?
    /// `{"cfg": …, "ctx": …}` of the first evaluated risk_caps rule; nil writes `null`.
    public var risk: Risk?
    /// The first evaluated trap rule's values; nil writes `null`.
    public var trap: Trap?
    public var sprt: SPRT
    public var reasons: [String]
    public var diagnostics: [String]
    /// The compact trace, one item per rule whose mode is not `off`.
    public var rules: [RuleTraceItem]
    public var ruleset: RulesetInfo
    public var decisionID: String
    /// Written only when the request carried one.
    public var reqID: String?
    /// Written only with `?explain=full` (§4.5); built by the host.
    public var explain: JSONValue?

    public enum GateState: String, Sendable, Hashable { case pass = "PASS", block = "BLOCK" }

    public init(
        gateState: GateState, spreadBps: Double? = nil, mode: String, latencyMs: Double? = nil,
        slipBpsEst: Double? = nil, aBps: Double? = nil, bBps: Double? = nil, score: Double? = nil, risk: Risk? = nil,
        trap: Trap? = nil, sprt: SPRT = .none, reasons: [String] = [], diagnostics: [String] = [],
        rules: [RuleTraceItem] = [], ruleset: RulesetInfo, decisionID: String, reqID: String? = nil,
        explain: JSONValue? = nil
    ) {
        self.gateState = gateState
        self.spreadBps = spreadBps
        self.mode = mode
        self.latencyMs = latencyMs
        self.slipBpsEst = slipBpsEst
        self.aBps = aBps
        self.bBps = bBps
        self.score = score
        self.risk = risk
        self.trap = trap
        self.sprt = sprt
        self.reasons = reasons
        self.diagnostics = diagnostics
        self.rules = rules
        self.ruleset = ruleset
        self.decisionID = decisionID
        self.reqID = reqID
        self.explain = explain
    }

    /// `risk`: `cfg` and `ctx` objects as the risk_caps rule reports them (key order and int/float kinds kept).
    public struct Risk: Sendable, Hashable {
        public var cfg: JSONObject
        public var ctx: JSONObject
        public init(cfg: JSONObject, ctx: JSONObject) {
            self.cfg = cfg
            self.ctx = ctx
        }
    }

    /// `trap` (gates.md §8).
    public struct Trap: Sendable, Hashable {
        public var trapZ: Double
        public var cancelRate: Double
        public var replRate: Double
        public var nTrades: Int64
        public var trapScore: Double
        public init(trapZ: Double, cancelRate: Double, replRate: Double, nTrades: Int64, trapScore: Double) {
            self.trapZ = trapZ
            self.cancelRate = cancelRate
            self.replRate = replRate
            self.nTrades = nTrades
            self.trapScore = trapScore
        }
    }

    /// `sprt`: all `null` when no SPRT rule evaluated with samples.
    public struct SPRT: Sendable, Hashable {
        /// `ACCEPT`, `REJECT` or `CONTINUE`.
        public var decision: String?
        public var llr: Double?
        public var nObs: Int64?
        public static let none = SPRT()
        public init(decision: String? = nil, llr: Double? = nil, nObs: Int64? = nil) {
            self.decision = decision
            self.llr = llr
            self.nObs = nObs
        }
    }

    /// `ruleset`: `{"name", "fingerprint", "loaded_at"}`.
    public struct RulesetInfo: Sendable, Hashable {
        public var name: String
        /// `sha256:` and 64 hex digits.
        public var fingerprint: String
        /// RFC 3339 UTC with milliseconds.
        public var loadedAt: String
        public init(name: String, fingerprint: String, loadedAt: String) {
            self.name = name
            self.fingerprint = fingerprint
            self.loadedAt = loadedAt
        }

        public func write(to writer: inout JSONWriter) {
            writer.beginObject()
            writer.field("name")
            writer.string(name)
            writer.field("fingerprint")
            writer.string(fingerprint)
            writer.field("loaded_at")
            writer.string(loadedAt)
            writer.endObject()
        }
    }

    public func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.field("gate_state")
        writer.string(gateState.rawValue)
        writer.field("spread_bps")
        writer.optionalDouble(spreadBps)
        writer.field("mode")
        writer.string(mode)
        writer.field("latency_ms")
        writer.optionalDouble(latencyMs)
        writer.field("slip_bps_est")
        writer.optionalDouble(slipBpsEst)
        writer.field("a_bps")
        writer.optionalDouble(aBps)
        writer.field("b_bps")
        writer.optionalDouble(bBps)
        writer.field("score")
        writer.optionalDouble(score)
        writer.field("risk")
        if let risk {
            writer.beginObject()
            writer.field("cfg")
            writer.write(.object(risk.cfg))
            writer.field("ctx")
            writer.write(.object(risk.ctx))
            writer.endObject()
        } else {
            writer.null()
        }
        writer.field("trap")
        if let trap {
            writer.beginObject()
            writer.field("trap_z")
            writer.double(trap.trapZ)
            writer.field("cancel_rate")
            writer.double(trap.cancelRate)
            writer.field("repl_rate")
            writer.double(trap.replRate)
            writer.field("n_trades")
            writer.int(trap.nTrades)
            writer.field("trap_score")
            writer.double(trap.trapScore)
            writer.endObject()
        } else {
            writer.null()
        }
        writer.field("sprt")
        writer.beginObject()
        writer.field("decision")
        writer.optionalString(sprt.decision)
        writer.field("llr")
        writer.optionalDouble(sprt.llr)
        writer.field("n_obs")
        writer.optionalInt(sprt.nObs)
        writer.endObject()
        writer.field("reasons")
        writer.strings(reasons)
        writer.field("diagnostics")
        writer.strings(diagnostics)
        writer.field("rules")
        writer.beginArray()
        for item in rules { item.write(to: &writer) }
        writer.endArray()
        writer.field("ruleset")
        ruleset.write(to: &writer)
        writer.field("decision_id")
        writer.string(decisionID)
        if let reqID {
            writer.field("req_id")
            writer.string(reqID)
        }
        if let explain {
            writer.field("explain")
            writer.write(explain)
        }
        writer.endObject()
    }
}

extension JSONWriter {
    /// A double, or `null` when absent.
    public mutating func optionalDouble(_ value: Double?) {
        if let value { double(value) } else { null() }
    }

    /// A string, or `null` when absent.
    public mutating func optionalString(_ value: String?) {
        if let value { string(value) } else { null() }
    }

    /// An integer, or `null` when absent.
    public mutating func optionalInt(_ value: Int64?) {
        if let value { int(value) } else { null() }
    }

    /// An array of strings.
    public mutating func strings(_ values: [String]) {
        beginArray()
        for value in values { string(value) }
        endArray()
    }
}
