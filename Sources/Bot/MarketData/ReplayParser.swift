import Codec
import Wire

/// Parses and validates replay JSONL (bot.md §3.2), collecting every problem as `file:line:col: error: message`.
struct ReplayParser {
    struct Output {
        var updates: [MarketUpdate] = []
        var skipped = 0
        var problems: [String] = []
    }

    static let topKeys = ["ts_ms", "symbol", "recv_ts_ms", "bids", "asks", "trades"]
    static let tradeKeys = ["p", "q", "side", "ts"]

    let path: String
    let symbols: [String]

    func parse(_ bytes: [UInt8]) -> Output {
        var output = Output()
        var lastTs: [String: Int64] = [:]
        var lineNumber = 0
        var start = 0
        while start < bytes.count {
            var end = start
            while end < bytes.count, bytes[end] != 0x0A { end += 1 }
            lineNumber += 1
            var line = Array(bytes[start..<end])
            if line.last == 0x0D { line.removeLast() }
            start = end + 1
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            var context = LineContext(path: path, number: lineNumber, bytes: line)
            if let update = parseLine(&context, lastTs: &lastTs, skipped: &output.skipped) {
                output.updates.append(update)
            }
            output.problems.append(contentsOf: context.problems)
        }
        return output
    }

    private func parseLine(_ c: inout LineContext, lastTs: inout [String: Int64], skipped: inout Int) -> MarketUpdate? {
        let value: JSONValue
        do {
            value = try JSONReader.parse(c.bytes)
        } catch {
            c.problem(atByte: error.offset, "invalid JSON: \(error.message)")
            return nil
        }
        guard case .object(let object) = value else {
            c.problem(column: 1, "a line must be a JSON object")
            return nil
        }
        for key in object.keys where !Self.topKeys.contains(key) {
            c.problem(key: key, "unknown key '\(key)' (valid keys: \(Self.topKeys.joined(separator: ", ")))")
        }
        let before = c.problems.count
        var ts: Int64?
        if let raw = object["ts_ms"] {
            if let int = raw.intValue, int >= 0 {
                ts = int
            } else {
                c.problem(key: "ts_ms", "'ts_ms' must be a non-negative integer")
            }
        } else {
            c.problem(column: 1, "missing key 'ts_ms'")
        }
        var symbol: String?
        if let raw = object["symbol"] {
            if let text = raw.stringValue, let canonical = SymbolName.canonical(text) {
                symbol = canonical
            } else {
                c.problem(key: "symbol", "'symbol' must be a valid symbol string")
            }
        } else if symbols.count == 1 {
            symbol = symbols[0]
        } else {
            c.problem(column: 1, "missing key 'symbol' (required when more than one symbol is configured)")
        }
        var recv: Int64?
        if let raw = object["recv_ts_ms"] {
            if let int = raw.intValue, let ts, int >= ts {
                recv = int
            } else if raw.intValue == nil {
                c.problem(key: "recv_ts_ms", "'recv_ts_ms' must be an integer")
            } else if ts != nil {
                c.problem(key: "recv_ts_ms", "'recv_ts_ms' must be ≥ 'ts_ms'")
            }
        }
        let bids = levels(object["bids"], key: "bids", descending: true, &c)
        let asks = levels(object["asks"], key: "asks", descending: false, &c)
        let previous = symbol.flatMap { lastTs[$0] }
        let trades = trades(object["trades"], ts: ts, previous: previous, &c)
        if let symbol, let ts, let previous, ts < previous {
            c.problem(key: "ts_ms", "'ts_ms' \(ts) is earlier than the previous update of \(symbol) (\(previous))")
        }
        guard c.problems.count == before, let ts, let symbol, let bids, let asks, let trades else { return nil }
        lastTs[symbol] = ts
        guard symbols.contains(symbol) else {
            skipped += 1
            return nil
        }
        let age = recv.map { Double($0 - ts) } ?? 0
        return MarketUpdate(
            symbol: symbol, book: OrderBook(bids: bids, asks: asks), trades: trades, tsMs: ts, recvTsMs: recv,
            dataAgeMs: age)
    }

    private func levels(_ raw: JSONValue?, key: String, descending: Bool, _ c: inout LineContext) -> [OrderBook.Level]?
    {
        guard let raw else {
            c.problem(column: 1, "missing key '\(key)'")
            return nil
        }
        guard let items = raw.arrayValue else {
            c.problem(key: key, "'\(key)' must be an array of [price, qty] pairs")
            return nil
        }
        var out: [OrderBook.Level] = []
        var ok = true
        for (index, item) in items.enumerated() {
            guard let pair = item.arrayValue, pair.count == 2, let price = Self.number(pair[0]),
                let qty = Self.number(pair[1])
            else {
                c.problem(key: key, "'\(key)[\(index)]' must be a [price, qty] pair of numbers or decimal strings")
                ok = false
                continue
            }
            if price <= 0 || qty <= 0 {
                c.problem(key: key, "'\(key)[\(index)]' must have price > 0 and qty > 0")
                ok = false
            }
            if let last = out.last, descending ? price >= last.price : price <= last.price {
                let order = descending ? "strictly descending" : "strictly ascending"
                c.problem(key: key, "'\(key)' prices must be \(order): \(key)[\(index)] is \(Self.text(price))")
                ok = false
            }
            out.append(OrderBook.Level(price, qty))
        }
        return ok ? out : nil
    }

    private func trades(_ raw: JSONValue?, ts: Int64?, previous: Int64?, _ c: inout LineContext) -> [MarketUpdate
        .Trade]?
    {
        guard let raw else { return [] }
        guard let items = raw.arrayValue else {
            c.problem(key: "trades", "'trades' must be an array of trade objects")
            return nil
        }
        var out: [MarketUpdate.Trade] = []
        var ok = true
        for (index, item) in items.enumerated() {
            let name = "trades[\(index)]"
            guard case .object(let trade) = item else {
                c.problem(key: "trades", "'\(name)' must be an object with p, q, side and ts")
                ok = false
                continue
            }
            for key in trade.keys where !Self.tradeKeys.contains(key) {
                c.problem(key: "trades", "unknown key '\(key)' in '\(name)' (valid keys: p, q, side, ts)")
                ok = false
            }
            guard let p = trade["p"].flatMap(Self.number), p > 0 else {
                c.problem(key: "trades", "'\(name).p' must be a price > 0")
                ok = false
                continue
            }
            guard let q = trade["q"].flatMap(Self.number), q > 0 else {
                c.problem(key: "trades", "'\(name).q' must be a quantity > 0")
                ok = false
                continue
            }
            guard let sideText = trade["side"]?.stringValue, let side = OrderSide(rawValue: sideText) else {
                c.problem(key: "trades", "'\(name).side' must be \"buy\" or \"sell\"")
                ok = false
                continue
            }
            guard let tradeTs = trade["ts"]?.intValue else {
                c.problem(key: "trades", "'\(name).ts' must be an integer")
                ok = false
                continue
            }
            if let last = out.last, tradeTs < last.ts {
                c.problem(key: "trades", "'\(name).ts' must not be earlier than the trade before it")
                ok = false
            }
            if let ts, tradeTs > ts {
                c.problem(key: "trades", "'\(name).ts' \(tradeTs) is after the update's ts_ms \(ts)")
                ok = false
            }
            if let previous, tradeTs <= previous {
                c.problem(key: "trades", "'\(name).ts' \(tradeTs) is not after the previous update (\(previous))")
                ok = false
            }
            out.append(MarketUpdate.Trade(price: p, qty: q, side: side, ts: tradeTs))
        }
        return ok ? out : nil
    }

    /// A JSON number or a decimal string (`"60000.1"`), finite.
    static func number(_ value: JSONValue) -> Double? {
        if let d = value.doubleValue { return d.isFinite ? d : nil }
        guard let s = value.stringValue, !s.isEmpty,
            s.utf8.allSatisfy({ ($0 >= 48 && $0 <= 57) || $0 == 46 || $0 == 45 || $0 == 43 || $0 == 101 || $0 == 69 }),
            let d = Double(s), d.isFinite
        else { return nil }
        return d
    }

    static func text(_ d: Double) -> String { JSONValue.double(d).jsonText }
}

/// One line under validation and the problems found in it.
struct LineContext {
    let path: String
    let number: Int
    let bytes: [UInt8]
    var problems: [String] = []

    init(path: String, number: Int, bytes: [UInt8]) {
        self.path = path
        self.number = number
        self.bytes = bytes
    }

    mutating func problem(column: Int, _ message: String) {
        problems.append("\(path):\(number):\(column): error: \(message)")
    }

    mutating func problem(atByte offset: Int, _ message: String) {
        let prefix = bytes[0..<min(max(0, offset), bytes.count)]
        problem(column: String(decoding: prefix, as: UTF8.self).unicodeScalars.count + 1, message)
    }

    /// At the first `"key"` in the line (column 1 when not found).
    mutating func problem(key: String, _ message: String) {
        let needle = Array("\"\(key)\"".utf8)
        var found: Int?
        if bytes.count >= needle.count {
            for start in 0...(bytes.count - needle.count) where Array(bytes[start..<start + needle.count]) == needle {
                found = start
                break
            }
        }
        if let found { problem(atByte: found, message) } else { problem(column: 1, message) }
    }
}

extension JSONValue {
    /// The value as compact JSON text.
    var jsonText: String {
        var writer = JSONWriter(capacity: 32)
        writer.write(self)
        return String(decoding: writer.bytes, as: UTF8.self)
    }
}
