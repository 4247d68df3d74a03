public import RuleEngine

extension StatePersister {
    /// What `load(now:)` found: the state to start with.
    public struct Loaded: Sendable, Hashable {
        /// `fresh`, `loaded`, or `corrupt_at_start` (the file was refused).
        public enum Status: Sendable, Hashable {
            case fresh
            case loaded
            case corrupt(StateFile.Problem)

            /// `state_file` of `AURORA.STARTUP.OK` and `/ops/state` (`loaded`, `fresh`, `corrupt_at_start`).
            public var label: String {
                switch self {
                case .fresh: "fresh"
                case .loaded: "loaded"
                case .corrupt: "corrupt_at_start"
                }
            }
        }

        /// The state to install (`SharedState.replace(with:)`); `HALTED` (source `startup`) when corrupt.
        public var values: SharedState.Values
        /// The stored rotation, for `OpsGuard`; nil when none or corrupt.
        public var opsToken: StateFile.RotatedToken?
        public var status: Status

        public init(values: SharedState.Values, opsToken: StateFile.RotatedToken?, status: Status) {
            self.values = values
            self.opsToken = opsToken
            self.status = status
        }

        /// What was wrong with the file (for `HEALTH.ERROR` and the halt reason); nil unless corrupt.
        public var problem: StateFile.Problem? {
            if case .corrupt(let problem) = status { return problem }
            return nil
        }
    }
}
