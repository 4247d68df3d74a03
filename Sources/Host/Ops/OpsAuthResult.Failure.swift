extension OpsAuthResult {
    /// Why an OPS request was refused; the raw value is the metric and event `reason` label.
    public enum Failure: String, Sendable, Hashable, CaseIterable {
        /// No valid token is configured: 503.
        case disabled
        /// The client address is not in `ops.allowlist`, or a trusted proxy's `X-Forwarded-For` is malformed: 403.
        case notAllowed = "not_allowed"
        /// No `X-OPS-TOKEN` field: 401.
        case missing
        /// Wrong or empty token, or more than one `X-OPS-TOKEN` field: 403.
        case invalid

        public var status: Int {
            switch self {
            case .disabled: 503
            case .notAllowed, .invalid: 403
            case .missing: 401
            }
        }

        /// The response's `detail`.
        public var detail: String {
            switch self {
            case .disabled: "OPS disabled: no token configured"
            case .notAllowed, .invalid: "Forbidden"
            case .missing: "Missing X-OPS-TOKEN"
            }
        }
    }
}
