extension OpsToken {
    /// The configured OPS token (http-api.md §6.1): env `AURORA_OPS_TOKEN` (an empty value counts as unset), else
    /// the whole content of the file named by `ops.token_file` with trailing CR, LF and spaces trimmed. When both
    /// are set the environment wins. Without a valid token OPS is disabled, and `disabled` says why.
    public struct Configured: Sendable, Hashable {
        /// Where the token came from.
        public enum Source: Sendable, Hashable, CustomStringConvertible {
            case environment
            case file(String)

            /// `env AURORA_OPS_TOKEN`, `file secrets/ops_token`.
            public var description: String {
                switch self {
                case .environment: "env \(Configured.environmentVariable)"
                case .file(let path): "file \(path)"
                }
            }
        }

        public static let environmentVariable = "AURORA_OPS_TOKEN"

        /// The valid token, or nil when OPS is disabled.
        public let token: OpsToken?
        /// The source that was used (also when its token was refused); nil when none is set.
        public let source: Source?
        /// Why OPS is disabled; nil when `token` is set.
        public let disabled: DisabledReason?
        /// Startup warnings for stderr, each a whole line (`aurora: warning: …`).
        public let warnings: [String]

        public init(token: OpsToken?, source: Source?, disabled: DisabledReason?, warnings: [String] = []) {
            self.token = token
            self.source = source
            self.disabled = disabled
            self.warnings = warnings
        }

        /// The one stderr line printed at start when OPS is disabled:
        /// `aurora: OPS API disabled: AURORA_OPS_TOKEN is too short (12 < 24 characters)`.
        public var disabledLine: String? { disabled.map { "aurora: OPS API disabled: \($0.message)" } }

        /// Reads the token. `tokenFile` is the effective `ops.token_file`, already resolved.
        public static func load(environment: [String: String], tokenFile: String?) -> Configured {
            if let text = environment[environmentVariable], !text.isEmpty {
                return validated(text, source: .environment, subject: environmentVariable, warnings: [])
            }
            guard let tokenFile else {
                return Configured(
                    token: nil, source: nil,
                    disabled: DisabledReason(
                        code: .noTokenConfigured,
                        message: "no token configured (set \(environmentVariable) or ops.token_file)"))
            }
            switch FileBytes.read(tokenFile, limit: 65_536) {
            case .failure(let problem):
                return Configured(
                    token: nil, source: .file(tokenFile),
                    disabled: DisabledReason(
                        code: .tokenFileUnreadable, message: "cannot read ops.token_file '\(tokenFile)': \(problem)"))
            case .success(let (bytes, mode)):
                var warnings: [String] = []
                if mode & 0o044 != 0 {
                    warnings.append(
                        "aurora: warning: ops.token_file '\(tokenFile)' is readable by group or others (mode "
                            + "\(String(mode & 0o777, radix: 8))); restrict it with chmod 600")
                }
                return validated(
                    trimmedTrailing(String(decoding: bytes, as: UTF8.self)), source: .file(tokenFile),
                    subject: "the token in ops.token_file '\(tokenFile)'", warnings: warnings)
            }
        }

        private static func validated(_ text: String, source: Source, subject: String, warnings: [String]) -> Configured
        {
            do {
                let token = try OpsToken(validating: text)
                return Configured(token: token, source: source, disabled: nil, warnings: warnings)
            } catch {
                return Configured(
                    token: nil, source: source,
                    disabled: DisabledReason(code: DisabledReason.Code(error), message: "\(subject) \(error)"),
                    warnings: warnings)
            }
        }

        /// Without trailing CR, LF and spaces.
        private static func trimmedTrailing(_ text: String) -> String {
            var scalars = Array(text.unicodeScalars)
            while let last = scalars.last, last == "\r" || last == "\n" || last == " " { scalars.removeLast() }
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars)
            return String(view)
        }
    }
}
