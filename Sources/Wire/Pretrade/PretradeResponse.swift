public import Codec

/// The 200 body of `POST /pretrade/check` (http-api.md §4.4): keys in the order of the spec's examples.
public struct PretradeResponse: Sendable, Hashable {
    public var allow: Bool
    /// `0.0` on deny.
    public var maxQty: Double
    public var riskScale: Double
    /// `0` on allow.
    public var cooldownMs: Int64
    /// `"ok"` on allow, else the deciding reason code.
    public var reason: String
    public var hardGate: Bool
    public var quotas: Quotas
    public var observability: ObservabilityBody

    public init(
        allow: Bool, maxQty: Double, riskScale: Double, cooldownMs: Int64, reason: String, hardGate: Bool,
        quotas: Quotas, observability: ObservabilityBody
    ) {
        self.allow = allow
        self.maxQty = maxQty
        self.riskScale = riskScale
        self.cooldownMs = cooldownMs
        self.reason = reason
        self.hardGate = hardGate
        self.quotas = quotas
        self.observability = observability
    }

    /// `quotas` (§4.4).
    public struct Quotas: Sendable, Hashable {
        /// `999` when no trades-per-minute limit applies.
        public var tradesPmLeft: Int64
        /// `1e12` when no exposure limit applies.
        public var symbolExposureLeftUsdt: Double

        public static let unlimited = Quotas(tradesPmLeft: 999, symbolExposureLeftUsdt: 1e12)

        public init(tradesPmLeft: Int64, symbolExposureLeftUsdt: Double) {
            self.tradesPmLeft = tradesPmLeft
            self.symbolExposureLeftUsdt = symbolExposureLeftUsdt
        }

        public func write(to writer: inout JSONWriter) {
            writer.beginObject()
            writer.field("trades_pm_left")
            writer.int(tradesPmLeft)
            writer.field("symbol_exposure_left_usdt")
            writer.double(symbolExposureLeftUsdt)
            writer.endObject()
        }

        /// The object as a value (the decision log's `quotas`).
        public var json: JSONValue {
            ["trades_pm_left": .int(tradesPmLeft), "symbol_exposure_left_usdt": .double(symbolExposureLeftUsdt)]
        }
    }

    /// Writes the body; no intermediate values are built except the prebuilt `risk` and `explain` objects.
    public func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.field("allow")
        writer.bool(allow)
        writer.field("max_qty")
        writer.double(maxQty)
        writer.field("risk_scale")
        writer.double(riskScale)
        writer.field("cooldown_ms")
        writer.int(cooldownMs)
        writer.field("reason")
        writer.string(reason)
        writer.field("hard_gate")
        writer.bool(hardGate)
        writer.field("quotas")
        quotas.write(to: &writer)
        writer.field("observability")
        observability.write(to: &writer)
        writer.endObject()
    }

    /// The compact body bytes.
    public func bodyBytes(capacity: Int = 2048) -> [UInt8] {
        var writer = JSONWriter(capacity: capacity)
        write(to: &writer)
        return writer.bytes
    }
}
