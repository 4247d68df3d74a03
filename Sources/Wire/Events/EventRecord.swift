public import Codec

/// One line of `aurora_events.jsonl` or the bot's `bot_events.jsonl` (observability.md §3.1), keys in the exact
/// order of the schema; missing values are written as `null`, never omitted.
public struct EventRecord: Sendable, Hashable {
    /// Wall-clock time of the write, ns since the epoch (made strictly increasing by the writer).
    public var tsNs: Int64
    public var runID: String
    public var code: EventCode
    public var symbol: String?
    public var cid: String?
    public var oid: String?
    public var side: OrderSide?
    public var orderType: String?
    public var price: Double?
    public var qty: Double?
    public var positionID: String?
    /// Code-specific, in the catalogue's key order; `seq` first when the cause took one.
    public var details: JSONObject
    public var src: EventSource

    public init(
        tsNs: Int64, runID: String, code: EventCode, symbol: String? = nil, cid: String? = nil, oid: String? = nil,
        side: OrderSide? = nil, orderType: String? = nil, price: Double? = nil, qty: Double? = nil,
        positionID: String? = nil, details: JSONObject = [:], src: EventSource
    ) {
        self.tsNs = tsNs
        self.runID = runID
        self.code = code
        self.symbol = symbol
        self.cid = cid
        self.oid = oid
        self.side = side
        self.orderType = orderType
        self.price = price
        self.qty = qty
        self.positionID = positionID
        self.details = details
        self.src = src
    }

    /// Writes the record as one JSON object (no newline).
    public func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.field("ts_ns")
        writer.int(tsNs)
        writer.field("run_id")
        writer.string(runID)
        writer.field("event_code")
        writer.string(code.rawValue)
        writer.field("symbol")
        writer.optionalString(symbol)
        writer.field("cid")
        writer.optionalString(cid)
        writer.field("oid")
        writer.optionalString(oid)
        writer.field("side")
        writer.optionalString(side?.rawValue)
        writer.field("order_type")
        writer.optionalString(orderType)
        writer.field("price")
        writer.optionalDouble(price)
        writer.field("qty")
        writer.optionalDouble(qty)
        writer.field("position_id")
        writer.optionalString(positionID)
        writer.field("details")
        writer.write(.object(details))
        writer.field("src")
        writer.string(src.rawValue)
        writer.endObject()
    }

    /// The record as one line, `\n` included.
    public func jsonLine() -> [UInt8] {
        var writer = JSONWriter(capacity: 512)
        write(to: &writer)
        writer.bytes.append(0x0A)
        return writer.bytes
    }

    /// Reads one line back (replay, tests); nil unless it is a complete record with an allowed code and source.
    public static func decode(line: some Collection<UInt8>) -> EventRecord? {
        guard case .object(let object)? = try? JSONReader.parse(line),
            let tsNs = object["ts_ns"]?.intValue, let runID = object["run_id"]?.stringValue,
            let code = object["event_code"]?.stringValue.flatMap(EventCode.init),
            let src = object["src"]?.stringValue.flatMap(EventSource.init(rawValue:)),
            let details = object["details"]?.objectValue
        else { return nil }
        return EventRecord(
            tsNs: tsNs, runID: runID, code: code, symbol: object["symbol"]?.stringValue,
            cid: object["cid"]?.stringValue, oid: object["oid"]?.stringValue,
            side: object["side"]?.stringValue.flatMap(OrderSide.init(rawValue:)),
            orderType: object["order_type"]?.stringValue, price: object["price"]?.doubleValue,
            qty: object["qty"]?.doubleValue, positionID: object["position_id"]?.stringValue, details: details, src: src)
    }
}
