/// Parses the YAML subset of rule-files.md §2.6 into located nodes.
public enum YAMLParser {
    /// Parses one document. An empty (or comment-only) document is a `.scalar` null at 1:1.
    /// Every YAML-level problem is reported at once (duplicate keys — at the 2nd occurrence with note
    /// "first defined at <loc>" —, anchors/aliases/merge keys `yaml-alias`, tags `yaml-tag`, a 2nd document
    /// `yaml-multi-document`, nesting deeper than maxDepth `yaml-too-deep`, a file over maxBytes `file-too-large`,
    /// mapping or list keys `type-mismatch`); a libyaml syntax error is `yaml-syntax` with libyaml's problem text
    /// and its context as a note, and ends parsing.
    public static func parse(_ text: SourceText, limits: YAMLLimits = .init()) -> Result<YAMLNode, Diagnostics> {
        if text.bytes.count > limits.maxBytes {
            let message =
                "\(limits.fileKind)s are limited to \(ByteSize(bytes: Int64(limits.maxBytes)).spaced); "
                + "'\(text.path)' is \(text.bytes.count) bytes"
            return .failure(Diagnostics([Diagnostic(.error, .fileTooLarge, message, file: text.path)]))
        }
        var builder = YAMLTreeBuilder(source: text, limits: limits)
        let parser = LibYAMLParser(bytes: text.bytes)
        while let next = parser.next() {
            switch next {
            case .success(let event):
                if !builder.consume(event) { return builder.result() }
            case .failure(let error):
                builder.fail(error)
                return builder.result()
            }
        }
        return builder.result()
    }
}
