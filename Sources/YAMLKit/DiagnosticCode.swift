/// A diagnostic's stable code, printed in brackets after the message (`[unknown-key]`); the codes of
/// rule-files.md §3 are the static members. New codes can be added without breaking anyone.
public struct DiagnosticCode: Sendable, Hashable, Comparable, RawRepresentable, ExpressibleByStringLiteral,
    CustomStringConvertible
{
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }

    public var description: String { rawValue }

    public static func < (lhs: DiagnosticCode, rhs: DiagnosticCode) -> Bool {
        ByteOrder.precedes(lhs.rawValue, rhs.rawValue)
    }

    // Files and YAML (rule-files.md §3).
    public static let ioError: DiagnosticCode = "io-error"
    public static let fileTooLarge: DiagnosticCode = "file-too-large"
    public static let yamlSyntax: DiagnosticCode = "yaml-syntax"
    public static let yamlMultiDocument: DiagnosticCode = "yaml-multi-document"
    public static let yamlDuplicateKey: DiagnosticCode = "yaml-duplicate-key"
    public static let yamlAlias: DiagnosticCode = "yaml-alias"
    public static let yamlTag: DiagnosticCode = "yaml-tag"
    /// Not in rule-files.md §3: nesting deeper than `YAMLLimits.maxDepth`.
    public static let yamlTooDeep: DiagnosticCode = "yaml-too-deep"
    /// Not in rule-files.md §3: a line of an env file that is not `KEY=VALUE`.
    public static let envFileSyntax: DiagnosticCode = "env-file-syntax"

    // Values and keys.
    public static let typeMismatch: DiagnosticCode = "type-mismatch"
    public static let notFinite: DiagnosticCode = "not-finite"
    public static let outOfRange: DiagnosticCode = "out-of-range"
    public static let invalidValue: DiagnosticCode = "invalid-value"
    public static let unknownKey: DiagnosticCode = "unknown-key"
    public static let missingKey: DiagnosticCode = "missing-key"

    // Rule files.
    public static let unsupportedVersion: DiagnosticCode = "unsupported-version"
    public static let emptyFile: DiagnosticCode = "empty-file"
    public static let invalidId: DiagnosticCode = "invalid-id"
    public static let invalidName: DiagnosticCode = "invalid-name"
    public static let duplicateId: DiagnosticCode = "duplicate-id"
    public static let unknownType: DiagnosticCode = "unknown-type"
    public static let paramConflict: DiagnosticCode = "param-conflict"
    public static let paramNotOverridable: DiagnosticCode = "param-not-overridable"
    public static let invalidSymbol: DiagnosticCode = "invalid-symbol"
    public static let includeNotFound: DiagnosticCode = "include-not-found"
    public static let includeAbsolute: DiagnosticCode = "include-absolute"
    public static let includeCycle: DiagnosticCode = "include-cycle"
    public static let includeDuplicate: DiagnosticCode = "include-duplicate"
    public static let includeTooDeep: DiagnosticCode = "include-too-deep"
    public static let emptyRuleset: DiagnosticCode = "empty-ruleset"

    // Warnings.
    public static let missingGovernance: DiagnosticCode = "missing-governance"
    public static let noEnforcingRule: DiagnosticCode = "no-enforcing-rule"
    public static let missingHealthGuard: DiagnosticCode = "missing-health-guard"
    public static let onMissingIgnored: DiagnosticCode = "on-missing-ignored"
    public static let governanceReducingExempt: DiagnosticCode = "governance-reducing-exempt"
    public static let unreachableOverride: DiagnosticCode = "unreachable-override"
    public static let duplicateMatchValue: DiagnosticCode = "duplicate-match-value"
}
