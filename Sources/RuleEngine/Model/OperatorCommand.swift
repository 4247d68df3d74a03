/// An operator action that rules act on (gates.md §2.5). Trading-state, armed and risk-override actions change
/// `SharedState` directly; these reach the rules that conform to `OperatorControlled`.
public enum OperatorCommand: Sendable, Hashable {
    /// `POST /ops/cooloff/{sec}`.
    case cooloff(seconds: Int64)
    /// `POST /ops/reset`.
    case reset
}
