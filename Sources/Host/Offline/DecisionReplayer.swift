import Codec
import Foundation
public import RuleEngine

/// `aurora replay` (rule-files.md §9): re-evaluates recorded `POLICY.DECISION` inputs against a candidate rule set,
/// replaying the posttrade reports and operator actions between them, and counts the decisions that would change.
public struct DecisionReplayer: Sendable {
    public struct Options: Sendable {
        public var fromMs: Int64?
        public var toMs: Int64?
        public var symbols: Set<String> = []
        public var examples = 0
        public init() {}
    }

    public struct Example: Sendable {
        public var ts: Int64
        public var reqID: String?
        public var symbol: String
        public var recordedReason: String
        public var candidateReason: String
    }

    public struct Group: Sendable {
        public var rule: String
        public var type: String
        public var symbol: String
        public var count = 0
        public var examples: [Example] = []
    }

    public struct Report: Sendable {
        public var candidate: RuleSetIdentity?
        public var runs = 0
        public var fingerprints: [(String, Int)] = []
        public var firstMs: Int64?
        public var lastMs: Int64?
        public var files = 0
        public var allowAllow = 0, allowDeny = 0, denyAllow = 0, denyDeny = 0
        public var denyDenyReasonChanged = 0, maxQtyChanged = 0
        public var allowToDeny: [Group] = []
        public var denyToAllow: [Group] = []
        public var unreadable = 0, noInput = 0, invalidInput = 0
        public var replayed: Int { allowAllow + allowDeny + denyAllow + denyDeny }
    }

    public let registry: RuleRegistry
    public let files: [String]
    public let options: Options

    public init(registry: RuleRegistry, files: [String], options: Options) {
        self.registry = registry
        self.files = files
        self.options = options
    }

    struct Record {
        var runID: String
        var seq: Int64
        var order: Int
        var value: JSONObject
        var code: String
    }

    /// Replays the event files (already expanded from session directories, in rotation order).
    public func replay(eventFiles: [String], initialState: SharedState.Values? = nil) throws(Evaluator.LoadError) -> Report {
        var report = Report()
        report.files = eventFiles.count
        var records: [Record] = []
        var runOrder: [String: Int] = [:]
        var counter = 0
        for path in eventFiles {
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            for line in data.split(separator: UInt8(ascii: "\n")) where !line.isEmpty {
                guard case .object(let object)? = try? JSONReader.parse(line),
                    let code = object["event_code"]?.stringValue, let run = object["run_id"]?.stringValue
                else {
                    report.unreadable += 1
                    continue
                }
                if runOrder[run] == nil { runOrder[run] = runOrder.count }
                let seq = object["details"]?["seq"]?.intValue ?? Int64.max
                records.append(Record(runID: run, seq: seq, order: counter, value: object, code: code))
                counter += 1
            }
        }
        records.sort { a, b in
            let ra = runOrder[a.runID]!, rb = runOrder[b.runID]!
            if ra != rb { return ra < rb }
            if a.seq != b.seq { return a.seq < b.seq }
            return a.order < b.order
        }
        let firstNow = records.lazy.compactMap { $0.value["details"]?["now_ms"]?.intValue }.first ?? 0
        var runner = try makeRunner(now: firstNow, state: initialState)
        report.candidate = runner.service.store.current.identity
        var fingerprints: [String: Int] = [:]
        var fingerprintOrder: [String] = []
        var currentRun: String?
        var allowToDeny: [String: Group] = [:], denyToAllow: [String: Group] = [:]
        for record in records {
            let details = record.value["details"] ?? .object(JSONObject())
            if record.runID != currentRun {
                currentRun = record.runID
                report.runs += 1
            }
            switch record.code {
            case "AURORA.STARTUP.OK":
                runner = try makeRunner(now: details["now_ms"]?.intValue ?? firstNow,
                                        state: Self.values(fromState: details["state"]) ?? initialState)
            case "POLICY.DECISION":
                guard let input = details["input"], case .object = input else {
                    report.noInput += 1
                    continue
                }
                let now = details["now_ms"]?.intValue ?? 0
                let mode = details["mode"]?.stringValue ?? "testnet"
                var body = input
                if case .object(var o) = body, o["account"]?["mode"] == nil {
                    var account = o["account"]?.objectValue ?? JSONObject()
                    account["mode"] = .string(mode)
                    o["account"] = .object(account)
                    body = .object(o)
                }
                guard case .decided(let outcome) = runner.pretrade(body, now: WallTime(ms: now)) else {
                    report.invalidInput += 1
                    continue
                }
                let fingerprint = details["ruleset"]?["fingerprint"]?.stringValue ?? "unknown"
                if fingerprints[fingerprint] == nil { fingerprintOrder.append(fingerprint) }
                fingerprints[fingerprint, default: 0] += 1
                guard inWindow(now), symbolSelected(outcome.decision.context.symbol?.rawValue) else { continue }
                report.firstMs = min(report.firstMs ?? now, now)
                report.lastMs = max(report.lastMs ?? now, now)
                let recordedAllow = details["allow"]?.boolValue ?? false
                let recordedReason = details["reason"]?.stringValue ?? ""
                let d = outcome.decision
                let symbol = d.context.symbol?.rawValue ?? "-"
                let example = Example(ts: now, reqID: input["req_id"]?.stringValue, symbol: symbol,
                                      recordedReason: recordedReason, candidateReason: d.reason.rawValue)
                switch (recordedAllow, d.allow) {
                case (true, true):
                    report.allowAllow += 1
                    let recordedQty = details["max_qty"]?.doubleValue ?? 0
                    if abs(recordedQty - d.maxQty) > 1e-9 * max(1, abs(recordedQty)) { report.maxQtyChanged += 1 }
                case (true, false):
                    report.allowDeny += 1
                    let step = d.trace.decidingStep
                    add(&allowToDeny, rule: step?.key.id.rawValue ?? d.reason.rawValue,
                        type: step?.key.type.rawValue ?? "-", symbol: symbol, example: example)
                case (false, true):
                    report.denyAllow += 1
                    let recordedRule = Self.recordedDecidingRule(details)
                    add(&denyToAllow, rule: recordedRule?.id ?? recordedReason, type: recordedRule?.type ?? "-",
                        symbol: symbol, example: example)
                case (false, false):
                    report.denyDeny += 1
                    if recordedReason != d.reason.rawValue { report.denyDenyReasonChanged += 1 }
                }
            case "POSTTRADE.LOG":
                guard let payload = details["payload"] else { continue }
                _ = runner.posttrade(payload, now: WallTime(ms: details["now_ms"]?.intValue ?? 0))
            default:
                replayOperator(record, details: details, runner: runner)
            }
        }
        report.fingerprints = fingerprintOrder.map { ($0, fingerprints[$0]!) }
        let sort = { (a: Group, b: Group) -> Bool in
            if a.count != b.count { return a.count > b.count }
            if a.rule != b.rule { return a.rule < b.rule }
            return a.symbol < b.symbol
        }
        report.allowToDeny = allowToDeny.values.sorted(by: sort)
        report.denyToAllow = denyToAllow.values.sorted(by: sort)
        return report
    }

    private func add(_ groups: inout [String: Group], rule: String, type: String, symbol: String, example: Example) {
        let key = rule + "\u{0}" + symbol
        var group = groups[key] ?? Group(rule: rule, type: type, symbol: symbol)
        group.count += 1
        if group.examples.count < options.examples { group.examples.append(example) }
        groups[key] = group
    }

    private func inWindow(_ now: Int64) -> Bool {
        if let from = options.fromMs, now < from { return false }
        if let to = options.toMs, now >= to { return false }
        return true
    }

    private func symbolSelected(_ symbol: String?) -> Bool {
        options.symbols.isEmpty || symbol.map(options.symbols.contains) == true
    }

    private func makeRunner(now: Int64, state: SharedState.Values?) throws(Evaluator.LoadError) -> StepRunner {
        StepRunner(evaluator: try Evaluator(registry: registry, files: files, now: WallTime(ms: now),
                                            shared: SharedState(state ?? SharedState.Values())))
    }

    /// The recorded deciding rule: the first `deny` item of the recorded compact trace.
    static func recordedDecidingRule(_ details: JSONValue) -> (id: String, type: String)? {
        guard case .array(let items)? = details["rules"] else { return nil }
        for item in items where item["verdict"]?.stringValue == "deny" {
            return (item["id"]?.stringValue ?? "", item["type"]?.stringValue ?? "")
        }
        return nil
    }

    /// Operator actions with `src: "ops"`, replayed with their recorded effect (rule-files.md §9.1).
    private func replayOperator(_ record: Record, details: JSONValue, runner: StepRunner) {
        guard record.value["src"]?.stringValue == "ops" else { return }
        let now = WallTime(ms: details["now_ms"]?.intValue ?? Int64((record.value["ts_ns"]?.doubleValue ?? 0) / 1e6))
        switch record.code {
        case "OPS.RESET": _ = runner.ops("reset", body: JSONObject(), now: now)
        case "AURORA.COOL_OFF":
            if let sec = details["sec"]?.intValue { _ = runner.ops("cooloff", body: JSONObject([("sec", .int(sec))]), now: now) }
        case "AURORA.ARM_STATE":
            if let armed = details["armed"]?.boolValue { _ = runner.ops(armed ? "arm" : "disarm", body: JSONObject(), now: now) }
        case "RISK.UPDATE":
            var body = JSONObject()
            if details["reset"]?.boolValue == true { body["reset"] = .bool(true) }
            if case .object(let changed)? = details["changed"] {
                for (key, pair) in changed { if case .array(let p) = pair, p.count == 2, p[1] != .null { body[key] = p[1] } }
            }
            _ = runner.ops("risk_set", body: body, now: now)
        case "GOVERNANCE.STATE":
            guard details["source"]?.stringValue == "ops", let to = details["to"]?.stringValue else { return }
            let reason = details["reason"]?.stringValue ?? "replay"
            switch to {
            case "HALTED": _ = runner.ops("halt", body: JSONObject([("reason", .string(reason))]), now: now)
            case "REDUCING" where details["from"]?.stringValue == "ACTIVE":
                _ = runner.ops("reduce", body: JSONObject([("reason", .string(reason))]), now: now)
            default:
                _ = runner.ops("resume", body: JSONObject([("reason", .string(reason)), ("to", .string(to))]), now: now)
            }
        default: return
        }
    }

    /// The process-wide state of an `AURORA.STARTUP.OK` record (observability.md §9 shapes), as far as it is given.
    static func values(fromState state: JSONValue?) -> SharedState.Values? {
        guard let state, case .object = state else { return nil }
        var values = SharedState.Values()
        if let t = state["trading_state"]?.stringValue, let trading = RuleEngine.TradingState(rawValue: t) {
            values.trading = TradingStatus(state: trading, sinceMs: nil, reason: nil, source: nil)
        }
        if let armed = state["armed"]?.boolValue { values.armed = armed }
        if case .object(let overrides)? = state["risk_overrides"] {
            for (key, value) in overrides {
                if let param = RiskOverrides.Param(rawValue: key), let v = value.doubleValue { try? values.riskOverrides.set(param, v) }
            }
        }
        if case .array(let positions)? = state["positions"] {
            for p in positions {
                guard let s = p["symbol"]?.stringValue, let symbol = Symbol(canonicalizing: s), let qty = p["qty"]?.doubleValue
                else { continue }
                let signed = p["side"]?.stringValue == "sell" ? -abs(qty) : qty
                let price = p["avg_price"]?.doubleValue ?? 0
                let exposurePrice = (p["exposure_usdt"]?.doubleValue).map { $0 / max(abs(qty), 1e-12) } ?? price
                values.positions[symbol] = Position(qty: signed, sinceMs: p["since_ms"]?.intValue ?? 0,
                                                    lastFillPrice: exposurePrice, averageEntryPrice: price)
            }
        }
        return values
    }
}
