import Codec
public import RuleEngine
import Wire

/// The state file, version 1 (observability.md §9): the process-wide state of gates.md §2, the daily PnL and the
/// rotated OPS token's digest. `encoded()` writes it; `decode(_:)` reads it strictly — anything but the exact format
/// is a `Problem` (the caller starts HALTED, http-api.md §8).
///
/// `SharedState.Values` ⇄ JSON lives in this file only (`encoded()` and `decode(_:)`): a field added to the shared
/// state is added here, in both functions.
public struct StateFile: Sendable, Hashable {
    public static let version: Int64 = 1
    /// The trading-state sources a file may name (gates.md §2.1).
    public static let sources: Set<String> = ["ops", "reject_storm", "daily_drawdown", "startup"]

    public var values: SharedState.Values
    /// The `ops_token` object; nil unless a rotated token is in force.
    public var opsToken: RotatedToken?
    /// When the file was written (epoch milliseconds).
    public var writtenAtMs: Int64

    public init(values: SharedState.Values, opsToken: RotatedToken? = nil, writtenAtMs: Int64) {
        self.values = values
        self.opsToken = opsToken
        self.writtenAtMs = writtenAtMs
    }

    /// One compact JSON object, keys in the §9 order, floats always with a fraction or exponent, then `\n`.
    /// Positions are sorted by symbol; risk overrides follow gates.md §9's params order (a name that is not a
    /// numeric `risk_caps` param, or an integer param beyond 64 bits, is not written: the file would be refused).
    public func encoded() -> [UInt8] {
        var w = JSONWriter(capacity: 512)
        w.beginObject()
        w.key("version")
        w.int(Self.version)
        w.key("written_at")
        w.string(RFC3339.milliseconds(writtenAtMs))
        w.key("trading_state")
        w.string(values.trading.state.rawValue)
        w.key("kill_switch")
        w.beginObject()
        w.key("latched")
        w.bool(values.trading.state == .halted)
        let t = values.trading
        for (key, text) in [
            ("since", t.sinceMs.map(RFC3339.milliseconds)), ("reason", t.reason), ("source", t.source?.rawValue),
        ] {
            w.key(key)
            if let text, t.source != nil { w.string(text) } else { w.null() }
        }
        w.endObject()
        w.key("armed")
        w.bool(values.armed)
        w.key("positions")
        w.beginArray()
        let symbols = values.positions.keys.sorted { $0.rawValue.utf8.lexicographicallyPrecedes($1.rawValue.utf8) }
        for symbol in symbols {
            let position = values.positions[symbol]!
            w.beginObject()
            w.key("symbol")
            w.string(symbol.rawValue)
            w.key("qty")
            w.double(position.qty)
            w.key("avg_price")
            w.double(position.averageEntryPrice)
            w.key("last_fill_price")
            w.double(position.lastFillPrice)
            w.key("since_ms")
            w.int(position.sinceMs)
            w.endObject()
        }
        w.endArray()
        w.key("daily")
        w.beginObject()
        w.key("day")
        w.string(values.daily.day.isEmpty ? String(RFC3339.milliseconds(writtenAtMs).prefix(10)) : values.daily.day)
        w.key("realised_pnl_usdt")
        w.double(values.daily.realisedPnlUsdt)
        w.endObject()
        w.key("risk_overrides")
        w.beginObject()
        for param in RiskSetBody.params {
            guard let value = values.riskOverrides[param.name] else { continue }
            if param.isInt {
                guard let int = Int64(exactly: value.rounded(.towardZero)) else { continue }
                w.key(param.name)
                w.int(int)
            } else {
                w.key(param.name)
                w.double(value)
            }
        }
        w.endObject()
        w.key("ops_token")
        if let opsToken {
            w.beginObject()
            w.key("sha256")
            w.string(opsToken.sha256)
            w.key("configured_sha256")
            w.string(opsToken.configuredSha256)
            w.key("rotated_at")
            w.string(RFC3339.milliseconds(opsToken.rotatedAtMs))
            w.endObject()
        } else {
            w.null()
        }
        w.endObject()
        w.bytes.append(0x0A)
        return w.bytes
    }

    /// Reads a file's bytes. Valid iff one JSON object with exactly the §9 keys, `version` 1, and every value of
    /// its type and domain (finite numbers, canonical symbols, `latched` matching `trading_state`, risk overrides
    /// that `POST /risk/set` accepts). Throws the first problem found.
    public static func decode(_ bytes: some Collection<UInt8>) throws(Problem) -> StateFile {
        let parsed: JSONValue
        do {
            parsed = try JSONReader.parse(bytes)
        } catch {
            throw Problem(.notJSON, "not JSON: \(error)")
        }
        let root = try StrictObject(parsed, path: "")
        let version = try root.int("version")
        guard version == Self.version else {
            throw Problem(.unsupportedVersion, "version \(version) is not supported (this build reads version 1)")
        }
        try root.expectKeys([
            "version", "written_at", "trading_state", "kill_switch", "armed", "positions", "daily", "risk_overrides",
            "ops_token",
        ])
        let writtenAt = try root.timestamp("written_at")
        let stateText = try root.string("trading_state")
        guard let tradingState = RuleEngine.TradingState(rawValue: stateText) else {
            throw Problem(.invalid, "'trading_state' must be ACTIVE, REDUCING or HALTED, got \"\(stateText)\"")
        }
        var values = SharedState.Values()
        values.trading = try tradingStatus(try root.object("kill_switch"), state: tradingState)
        values.armed = try root.bool("armed")
        values.positions = try positions(try root.array("positions"))
        let daily = try root.object("daily")
        try daily.expectKeys(["day", "realised_pnl_usdt"])
        values.daily = DailyPnl(day: try daily.day("day"), realisedPnlUsdt: try daily.double("realised_pnl_usdt"))
        values.riskOverrides = try riskOverrides(try root.object("risk_overrides"))
        var opsToken: RotatedToken?
        if let token = try root.optionalObject("ops_token") {
            try token.expectKeys(["sha256", "configured_sha256", "rotated_at"])
            opsToken = RotatedToken(
                sha256: try token.digest("sha256"), configuredSha256: try token.digest("configured_sha256"),
                rotatedAtMs: try token.timestamp("rotated_at"))
        }
        return StateFile(values: values, opsToken: opsToken, writtenAtMs: writtenAt)
    }

    private static func tradingStatus(_ object: StrictObject, state: RuleEngine.TradingState) throws(Problem)
        -> TradingStatus
    {
        try object.expectKeys(["latched", "since", "reason", "source"])
        let latched = try object.bool("latched")
        guard latched == (state == .halted) else {
            throw Problem(.invalid, "'kill_switch.latched' is \(latched) but 'trading_state' is \(state.rawValue)")
        }
        let nulls = ["since", "reason", "source"].filter { object.isNull($0) }
        if nulls.count == 3 {
            guard state == .active else {
                throw Problem(
                    .invalid, "'kill_switch' has no since, reason and source, but 'trading_state' is \(state.rawValue)")
            }
            return .initial
        }
        let since = try object.timestamp("since")
        let reason = try object.string("reason")
        let source = try object.string("source")
        guard let known = TradingChangeSource(rawValue: source) else {
            throw Problem(
                .invalid, "'kill_switch.source' must be ops, reject_storm, daily_drawdown or startup, got \"\(source)\""
            )
        }
        return TradingStatus(state: state, sinceMs: since, reason: reason, source: known)
    }

    private static func positions(_ items: [JSONValue]) throws(Problem) -> [Symbol: Position] {
        var book: [Symbol: Position] = [:]
        for (index, item) in items.enumerated() {
            let object = try StrictObject(item, path: "positions[\(index)]")
            try object.expectKeys(["symbol", "qty", "avg_price", "last_fill_price", "since_ms"])
            let text = try object.string("symbol")
            guard let symbol = Symbol(canonicalizing: text), symbol.rawValue == text else {
                throw Problem(.invalid, "'\(object.name("symbol"))' must be a canonical symbol, got \"\(text)\"")
            }
            guard book[symbol] == nil else { throw Problem(.invalid, "'positions' holds \(text) twice") }
            let qty = try object.double("qty")
            guard qty.magnitude >= 1e-12 else {
                throw Problem(.invalid, "'\(object.name("qty"))' must be non-zero (magnitude ≥ 1e-12), got \(qty)")
            }
            let average = try object.positive("avg_price")
            let last = try object.positive("last_fill_price")
            book[symbol] = Position(
                qty: qty, sinceMs: try object.int("since_ms"), lastFillPrice: last, averageEntryPrice: average)
        }
        return book
    }

    private static func riskOverrides(_ object: StrictObject) throws(Problem) -> RiskOverrides {
        var overrides = RiskOverrides()
        for name in object.keys {
            guard let param = RiskSetBody.params.first(where: { $0.name == name }) else {
                throw Problem(.invalid, "'risk_overrides.\(name)' is not a numeric risk_caps param")
            }
            let value = param.isInt ? Double(try object.int(name)) : try object.double(name)
            let bounds = param.name == "size_scale" ? [NumberBound.ge(0), .le(1)] : param.bounds
            if let bound = bounds.first(where: { !$0.admits(value) }) {
                throw Problem(
                    .invalid, "'risk_overrides.\(name)' must be \(StrictObject.text(of: bound)), got \(value)")
            }
            guard let typed = RiskOverrides.Param(rawValue: name) else {
                throw Problem(.invalid, "'risk_overrides.\(name)' is not a numeric risk_caps param")
            }
            do { try overrides.set(typed, value) } catch {
                throw Problem(.invalid, "'risk_overrides.\(name)': \(error.description)")
            }
        }
        return overrides
    }
}
