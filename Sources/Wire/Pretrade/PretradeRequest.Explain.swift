import Codec

extension PretradeRequest {
    /// The `explain` query parameter of `POST /pretrade/check` (http-api.md §4.1, §4.5).
    public enum Explain: String, Sendable, Hashable {
        case none, full

        /// Absent → `.none`; `none` or `full` → that; anything else → 422 `literal_error` at `["query","explain"]`.
        public static func parse(_ value: String?) -> Result<Explain, ValidationErrors> {
            guard let value else { return .success(.none) }
            if let explain = Explain(rawValue: value) { return .success(explain) }
            return .failure(
                ValidationErrors([ValidationError(.literal(["none", "full"]), at: ["query", "explain"], input: .string(value))]))
        }
    }
}
