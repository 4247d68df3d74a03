/// Where an effective value came from; the precedence is flag > environment > file > built-in default.
public enum ConfigOrigin: Sendable, Hashable, CustomStringConvertible {
    /// Set on the command line; the payload names the key as the flag set it (`server.listen`).
    case flag(String)
    /// Set by the named environment variable.
    case environment(String)
    /// Written in a file, at the key.
    case file(SourceLocation)
    case builtIn

    /// As `config print` shows it: `flag`, `env AURORA_MODE`, `configs/aurora.yaml:12:3`, `default`.
    public var description: String {
        switch self {
        case .flag: "flag"
        case .environment(let name): "env \(name)"
        case .file(let location): location.description
        case .builtIn: "default"
        }
    }
}
