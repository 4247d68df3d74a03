import YAMLKit

/// The loader's diagnostic builders: one place for the message templates of rule-files.md §3.
enum LoaderDiagnostics {
    static func typeMismatch(_ key: String, expected: String, got node: YAMLNode, notes: [String] = []) -> Diagnostic {
        var notes = notes
        if let scalar = node.scalar, scalar.isQuoted, expected == "a number" || expected == "an integer",
            Double(scalar.text.trimmingASCIIWhitespace()) != nil
        {
            notes.append("remove the quotes to write a number")
        }
        if expected == "true or false", let scalar = node.scalar,
            ["yes", "no", "on", "off", "y", "n"].contains(scalar.text.lowercased())
        {
            notes.append("write true or false")
        }
        return Diagnostic(.error, .typeMismatch, "'\(key)' must be \(expected), got \(node.kindDescription)",
                          at: node.location, length: node.length, notes: notes)
    }

    static func unknownKey(_ key: YAMLNode.Scalar, place: String, valid: [String],
                           hints: [String: String] = [:]) -> Diagnostic {
        var notes: [String] = []
        if let hint = hints[key.text] {
            notes.append(hint)
        } else if let suggestion = DidYouMean.suggestion(for: key.text, among: valid) {
            notes.append("did you mean '\(suggestion)'?")
        }
        notes.append("valid keys: \(valid.sorted().joined(separator: ", "))")
        return Diagnostic(.error, .unknownKey, "unknown key '\(key.text)' in \(place)", at: key.location,
                          length: key.length, notes: notes)
    }

    static func missingKey(_ key: String, place: String, at location: SourceLocation) -> Diagnostic {
        Diagnostic(.error, .missingKey, "missing required key '\(key)' in \(place)", at: location)
    }

    static func invalidValue(_ key: String, _ scalar: YAMLNode.Scalar, allowed: [String]) -> Diagnostic {
        var notes: [String] = []
        if let suggestion = DidYouMean.suggestion(for: scalar.text, among: allowed) {
            notes.append("did you mean '\(suggestion)'?")
        }
        return Diagnostic(.error, .invalidValue,
                          "'\(key)' must be one of \(allowed.joined(separator: ", ")), got '\(scalar.text)'",
                          at: scalar.location, length: scalar.length, notes: notes)
    }
}

