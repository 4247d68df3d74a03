import Codec

extension PretradeResponse {
    /// What a client obeys in a pretrade answer (bot.md §7): read leniently from a 2xx body.
    public struct Decision: Sendable, Hashable {
        public var allow: Bool
        public var maxQty: Double
        /// `0` when absent.
        public var cooldownMs: Int64
        /// `""` when absent.
        public var reason: String
        /// `false` when absent.
        public var hardGate: Bool
        public var riskScale: Double?
        /// `observability.decision_id`, to echo in the posttrade report.
        public var decisionID: String?

        public init(
            allow: Bool, maxQty: Double, cooldownMs: Int64 = 0, reason: String = "", hardGate: Bool = false,
            riskScale: Double? = nil, decisionID: String? = nil
        ) {
            self.allow = allow
            self.maxQty = maxQty
            self.cooldownMs = cooldownMs
            self.reason = reason
            self.hardGate = hardGate
            self.riskScale = riskScale
            self.decisionID = decisionID
        }

        /// nil unless the body is a JSON object with a boolean `allow` and a finite number `max_qty` ≥ 0 (the bot
        /// then counts `gate_unavailable:malformed`).
        public static func decode(_ body: some Collection<UInt8>) -> Decision? {
            guard case .object(let object)? = try? JSONReader.parse(body),
                let allow = object["allow"]?.boolValue, let maxQty = object["max_qty"]?.doubleValue,
                maxQty.isFinite, maxQty >= 0
            else { return nil }
            return Decision(
                allow: allow, maxQty: maxQty, cooldownMs: max(0, object["cooldown_ms"]?.intValue ?? 0),
                reason: object["reason"]?.stringValue ?? "", hardGate: object["hard_gate"]?.boolValue ?? false,
                riskScale: object["risk_scale"]?.doubleValue,
                decisionID: object["observability"]?["decision_id"]?.stringValue)
        }
    }
}
