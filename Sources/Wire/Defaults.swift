/// The defaults both ends of a connection share.
public enum Defaults {
    /// The one default gate address of `aurora serve`, `aurora ops` and `aurora bot`.
    public static let gateHost = "127.0.0.1"
    public static let gatePort = 8000
    public static var gateAddress: String { "\(gateHost):\(gatePort)" }
    public static var gateURL: String { "http://\(gateAddress)" }
}
