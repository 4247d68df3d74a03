/// One configuration key, declared once: its name, default, unit, environment variable, valid range and help.
/// The declaration drives reading, validation and `config print`.
public struct ConfigKey<Value: ConfigValue>: Sendable {
    /// The key as written in YAML (relative to its section): `max_bps`, `listen`.
    public let name: String
    public let defaultValue: Value
    /// The unit of plain numbers (`ms`, `s`, `bps`); a `ConfigDuration` key with a unit accepts plain numbers.
    public let unit: String?
    public let help: String
    /// Environment variable, host/bot configs only.
    public let env: String?
    /// The valid range as text, `> 0 and ≤ 100000`: `'max_bps' must be > 0 and ≤ 100000, got 0`.
    public let rangeText: String?
    /// False for a value out of range (reported as `out-of-range` with `rangeText`).
    public let isValid: (@Sendable (Value) -> Bool)?
    /// The enumeration of a string key (or of each item of a list of strings):
    /// `'mode' must be one of a, b, c, got 'x'` + did-you-mean.
    public let allowed: [String]?

    public init(
        _ name: String, default: Value, unit: String? = nil, env: String? = nil, range: String? = nil,
        allowed: [String]? = nil, help: String, isValid: (@Sendable (Value) -> Bool)? = nil
    ) {
        self.name = name
        self.defaultValue = `default`
        self.unit = unit
        self.env = env
        self.rangeText = range
        self.allowed = allowed
        self.help = help
        self.isValid = isValid
    }

    public var info: ConfigKeyInfo {
        ConfigKeyInfo(
            name: name, typeDescription: Value.typeDescription, unit: unit,
            defaultText: Self.text(of: defaultValue.plain),
            rangeText: rangeText, help: help, env: env, allowed: allowed)
    }

    /// A default as `config print` and catalogs show it: `none` for null, otherwise the plain description.
    static func text(of plain: PlainValue) -> String {
        if case .null = plain { return "none" }
        return plain.description
    }
}

/// What a key's declaration says, for catalogs (`aurora rules`) and `config print`.
public struct ConfigKeyInfo: Sendable, Hashable {
    public let name, typeDescription: String
    public let unit: String?
    /// `80`, `true`, `250ms`, `[BTCUSDT]`, `none`.
    public let defaultText: String
    public let rangeText: String?
    public let help: String
    public let env: String?
    public let allowed: [String]?

    public init(
        name: String, typeDescription: String, unit: String?, defaultText: String, rangeText: String?, help: String,
        env: String? = nil, allowed: [String]? = nil
    ) {
        self.name = name
        self.typeDescription = typeDescription
        self.unit = unit
        self.defaultText = defaultText
        self.rangeText = rangeText
        self.help = help
        self.env = env
        self.allowed = allowed
    }
}
