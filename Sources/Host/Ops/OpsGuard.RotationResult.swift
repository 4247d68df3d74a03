extension OpsGuard {
    /// The outcome of `rotate(to:now:commit:)`, with the status and detail of the response.
    public enum RotationResult: Sendable, Hashable {
        /// 200; `mask` (`****` + last 4 characters) is the event's `token_mask`.
        case rotated(mask: String)
        /// 400 with the problem's `rotationDetail`.
        case invalid(OpsToken.Problem)
        /// 429 `rotation cooldown active`, `Retry-After` = this many seconds (rounded up).
        case cooldown(retryAfterSeconds: Int64)
        /// 503 `state file unavailable`: the state file could not be written, nothing changed.
        case stateFileUnavailable
        /// 503: OPS is disabled (only reachable when called without authorizing first).
        case disabled

        public var status: Int {
            switch self {
            case .rotated: 200
            case .invalid: 400
            case .cooldown: 429
            case .stateFileUnavailable, .disabled: 503
            }
        }

        /// The response's `detail`; nil for success (`{"status":"ok"}`).
        public var detail: String? {
            switch self {
            case .rotated: nil
            case .invalid(let problem): problem.rotationDetail
            case .cooldown: "rotation cooldown active"
            case .stateFileUnavailable: "state file unavailable"
            case .disabled: OpsAuthResult.Failure.disabled.detail
            }
        }
    }
}
