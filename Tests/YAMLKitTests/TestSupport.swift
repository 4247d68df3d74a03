import Testing
import YAMLKit

/// Parses inline YAML that must be valid.
func parseValid(
    _ yaml: String, path: String = "t.yaml", sourceLocation: Testing.SourceLocation = #_sourceLocation
)
    throws -> YAMLNode
{
    switch YAMLParser.parse(SourceText(path: path, string: yaml)) {
    case .success(let node): return node
    case .failure(let diagnostics):
        Issue.record("unexpected diagnostics: \(diagnostics.sorted.map(\.description))", sourceLocation: sourceLocation)
        throw diagnostics
    }
}

/// Parses inline YAML that must be rejected; returns the diagnostics in sorted order.
func parseInvalid(_ yaml: String, path: String = "t.yaml", limits: YAMLLimits = .init()) -> [Diagnostic] {
    parseInvalid(SourceText(path: path, string: yaml), limits: limits)
}

func parseInvalid(_ text: SourceText, limits: YAMLLimits = .init()) -> [Diagnostic] {
    switch YAMLParser.parse(text, limits: limits) {
    case .success: return []
    case .failure(let diagnostics): return diagnostics.sorted
    }
}

/// Parses inline YAML whose root is a mapping.
func mapping(_ yaml: String, path: String = "t.yaml") throws -> YAMLNode.Mapping {
    try #require(try parseValid(yaml, path: path).mapping)
}

func loc(_ line: Int, _ column: Int, _ file: String = "t.yaml") -> YAMLKit.SourceLocation {
    YAMLKit.SourceLocation(file: file, line: line, column: column)
}
