public import Codec

/// The numbers of one run (bot.md §11): printed as text on stdout and written as JSON. Every key is always present.
public struct RunSummary: Sendable, Hashable {
    public static let skipKeys = [
        "warmup", "no_signal", "cooldown", "rate_limit", "exposure_cap", "posttrade_backlog", "insufficient_depth",
        "max_qty_below_min", "spot_no_short", "exchange_suspended", "no_book", "md_errors",
    ]
    public static let closeKeys = ["tp", "sl", "time_stop", "reversal", "signal_exit", "shutdown"]
    public static let errorKeys = ["timeout", "connect", "http", "malformed"]

    public var runID = ""
    public var mode = "paper"
    public var dryRun = true
    public var exchange = "paper"
    public var venue = "futures"
    public var testnet = true
    public var source = "synthetic"
    public var seed: UInt64?
    public var symbols: [String] = []
    public var endedBy = "end_of_data"
    public var ticks: Int64 = 0
    public var botTimeS = 0.0

    public var gateChecks = 0
    public var gateAllow = 0
    public var gateDeny = 0
    public var gateDenyHard = 0
    public var gateErrors: [String: Int] = Dictionary(uniqueKeysWithValues: RunSummary.errorKeys.map { ($0, 0) })
    public var gateErrorsAllowed = 0
    public var rttP50 = 0.0
    public var rttP99 = 0.0

    /// By reason group (the part before the first `:`), in first-seen order.
    public var denies: [(String, Int)] = []
    public var skips: [String: Int] = Dictionary(uniqueKeysWithValues: RunSummary.skipKeys.map { ($0, 0) })

    public var ordersPlaced = 0
    public var ordersFilled = 0
    public var ordersPartial = 0
    public var ordersUnfilled = 0
    public var ordersRejected = 0
    public var rejectedByCode: [(String, Int)] = []
    public var closes: [String: Int] = Dictionary(uniqueKeysWithValues: RunSummary.closeKeys.map { ($0, 0) })

    public var volumeUsdt = 0.0
    public var feesUsdt = 0.0
    public var pnlRealisedUsdt = 0.0
    public var pnlUnrealisedUsdt = 0.0
    public var positions: [(String, Double)] = []
    public var posttradeSent = 0
    public var posttradePending = 0

    public init() {}

    public static func == (a: RunSummary, b: RunSummary) -> Bool { a.json() == b.json() }
    public func hash(into hasher: inout Hasher) { hasher.combine(json()) }

    mutating func countDeny(_ reason: String) {
        let group = String(reason.prefix { $0 != ":" })
        Self.bump(&denies, group)
    }

    mutating func countReject(_ code: String) { Self.bump(&rejectedByCode, code) }

    private static func bump(_ list: inout [(String, Int)], _ key: String) {
        if let index = list.firstIndex(where: { $0.0 == key }) { list[index].1 += 1 } else { list.append((key, 1)) }
    }

    /// Money values rounded to 6 decimals, times to 3, so the summary reads cleanly and compares exactly.
    static func money(_ x: Double) -> Double { Math.rounded(x, places: 6) + 0 }

    /// The JSON of bot.md §11, keys in that order.
    public func json() -> JSONValue {
        var gate = JSONObject()
        gate.append("checks", .int(Int64(gateChecks)))
        gate.append("allow", .int(Int64(gateAllow)))
        gate.append("deny", .int(Int64(gateDeny)))
        gate.append("deny_hard", .int(Int64(gateDenyHard)))
        gate.append("errors", .object(JSONObject(Self.errorKeys.map { ($0, .int(Int64(gateErrors[$0] ?? 0))) })))
        gate.append("errors_allowed", .int(Int64(gateErrorsAllowed)))
        gate.append("rtt_ms", ["p50": .double(rttP50), "p99": .double(rttP99)])
        var orders = JSONObject()
        orders.append("placed", .int(Int64(ordersPlaced)))
        orders.append("filled", .int(Int64(ordersFilled)))
        orders.append("partial", .int(Int64(ordersPartial)))
        orders.append("unfilled", .int(Int64(ordersUnfilled)))
        orders.append("rejected", .int(Int64(ordersRejected)))
        orders.append("rejected_by_code", .object(JSONObject(rejectedByCode.map { ($0.0, .int(Int64($0.1))) })))
        var top = JSONObject()
        top.append("run_id", .string(runID))
        top.append("mode", .string(mode))
        top.append("dry_run", .bool(dryRun))
        top.append("exchange", .string(exchange))
        top.append("venue", .string(venue))
        top.append("testnet", .bool(testnet))
        top.append("source", .string(source))
        if let seed { top.append("seed", .int(Int64(bitPattern: seed))) } else { top.append("seed", .null) }
        top.append("symbols", .array(symbols.map { .string($0) }))
        top.append("ended_by", .string(endedBy))
        top.append("ticks", .int(ticks))
        top.append("bot_time_s", .double(botTimeS))
        top.append("gate", .object(gate))
        top.append("denies", .object(JSONObject(denies.map { ($0.0, .int(Int64($0.1))) })))
        top.append("skips", .object(JSONObject(Self.skipKeys.map { ($0, .int(Int64(skips[$0] ?? 0))) })))
        top.append("orders", .object(orders))
        top.append("closes", .object(JSONObject(Self.closeKeys.map { ($0, .int(Int64(closes[$0] ?? 0))) })))
        top.append("volume_usdt", .double(Self.money(volumeUsdt)))
        top.append("fees_usdt", .double(Self.money(feesUsdt)))
        top.append("pnl_realised_usdt", .double(Self.money(pnlRealisedUsdt)))
        top.append("pnl_unrealised_usdt", .double(Self.money(pnlUnrealisedUsdt)))
        top.append("positions", .object(JSONObject(positions.map { ($0.0, .double($0.1)) })))
        top.append("posttrade", ["sent": .int(Int64(posttradeSent)), "pending": .int(Int64(posttradePending))])
        return .object(top)
    }

    /// The JSON as one line.
    public func jsonText() -> String { json().jsonText }

    /// The text form: a header line, then one line per group in the JSON's order.
    public func text() -> String {
        let j = json()
        var lines: [String] = []
        var header: [String] = []
        for key in [
            "run_id", "mode", "dry_run", "exchange", "venue", "testnet", "source", "seed", "symbols",
            "ended_by", "ticks", "bot_time_s",
        ] {
            header.append("\(key)=\(Self.flat(j[key] ?? .null))")
        }
        lines.append("WiseScalp summary: " + header.joined(separator: " "))
        for group in ["gate", "denies", "skips", "orders", "closes"] {
            lines.append("\(group): " + Self.pairs(j[group] ?? .null, prefix: "").joined(separator: " "))
        }
        let money = ["volume_usdt", "fees_usdt", "pnl_realised_usdt", "pnl_unrealised_usdt"]
            .map { "\($0)=\(Self.flat(j[$0] ?? .null))" }
        lines.append("money: " + money.joined(separator: " "))
        for group in ["positions", "posttrade"] {
            lines.append("\(group): " + Self.pairs(j[group] ?? .null, prefix: "").joined(separator: " "))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func pairs(_ value: JSONValue, prefix: String) -> [String] {
        guard case .object(let object) = value else { return [] }
        var out: [String] = []
        for (key, member) in object {
            if case .object = member {
                out.append(contentsOf: pairs(member, prefix: prefix + key + "."))
            } else {
                out.append("\(prefix)\(key)=\(flat(member))")
            }
        }
        return out
    }

    private static func flat(_ value: JSONValue) -> String {
        switch value {
        case .string(let s): s
        case .array(let items): items.map(flat).joined(separator: ",")
        default: value.jsonText
        }
    }

    /// The p-th percentile (nearest rank) of `samples`, 3 decimals; 0 when empty.
    static func percentile(_ samples: [Double], _ p: Double) -> Double {
        guard !samples.isEmpty else { return 0 }
        let sorted = samples.sorted()
        let rank = max(1, Int((p / 100 * Double(sorted.count)).rounded(.up)))
        return Math.rounded(sorted[min(rank, sorted.count) - 1], places: 3)
    }
}
