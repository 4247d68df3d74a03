/// Turns libyaml events into a `YAMLNode` tree, checking the subset of rule-files.md §2.6 on the way.
struct YAMLTreeBuilder {
    private let source: SourceText
    private let limits: YAMLLimits
    private var diagnostics = Diagnostics()
    private var stack: [Frame] = []
    private var root: YAMLNode?
    private var documents = 0
    /// Depth inside a collection that is too deep and is being skipped; 0 when not skipping.
    private var skipping = 0
    private var skippedAt: SourceLocation?

    private struct Frame {
        enum Kind { case sequence, mapping }
        enum KeyState {
            case expectKey
            case haveKey(YAMLNode.Scalar)
            /// The key was rejected: its value is dropped.
            case skipValue
        }
        var kind: Kind
        var location: SourceLocation
        var items: [YAMLNode] = []
        var entries: [(key: YAMLNode.Scalar, value: YAMLNode)] = []
        var keyState = KeyState.expectKey
        var firstSeen: [String: SourceLocation] = [:]
    }

    init(source: SourceText, limits: YAMLLimits) {
        self.source = source
        self.limits = limits
    }

    /// The tree, or every problem found.
    func result() -> Result<YAMLNode, Diagnostics> {
        if diagnostics.hasErrors { return .failure(diagnostics) }
        return .success(root ?? .scalar(YAMLNode.Scalar(text: "", location: location(line: 1, column: 1))))
    }

    /// Handles one event; false once parsing should stop (a second document).
    mutating func consume(_ event: LibYAMLParser.Event) -> Bool {
        if skipping > 0 {
            skip(event)
            return true
        }
        switch event {
        case .streamStart, .documentEnd, .streamEnd:
            break
        case .documentStart(let start, let hasTagDirectives):
            documents += 1
            if documents > 1 {
                report(.yamlMultiDocument, "a \(limits.fileKind) holds exactly one YAML document", at: start)
                return false
            }
            if hasTagDirectives { reportTag(at: start) }
        case .alias(let start, let end):
            reportAlias(at: start, length: end.line == start.line ? end.column - start.column : 1)
            attach(.scalar(YAMLNode.Scalar(text: "", location: location(start))))
        case .scalar(let value, let style, let properties):
            check(properties)
            attach(.scalar(scalar(value, style: style, properties: properties)))
        case .sequenceStart(let properties), .mappingStart(let properties):
            check(properties)
            if stack.count >= limits.maxDepth {
                report(.yamlTooDeep, "YAML nesting is limited to \(limits.maxDepth) levels", at: properties.start)
                skipping = 1
                skippedAt = location(properties.start)
            } else {
                let kind: Frame.Kind = if case .sequenceStart = event { .sequence } else { .mapping }
                stack.append(Frame(kind: kind, location: location(properties.start)))
            }
        case .sequenceEnd, .mappingEnd:
            let frame = stack.removeLast()
            switch frame.kind {
            case .sequence: attach(.sequence(YAMLNode.Sequence(items: frame.items, location: frame.location)))
            case .mapping: attach(.mapping(YAMLNode.Mapping(entries: frame.entries, location: frame.location)))
            }
        }
        return true
    }

    /// Records a libyaml reader, scanner or parser error.
    mutating func fail(_ error: LibYAMLParser.SyntaxError) {
        let at: SourceLocation
        if let mark = error.mark {
            at = location(mark)
        } else {
            at = SourceLocation(file: source.path, mark: source.mark(ofByteOffset: error.byteOffset ?? 0))
        }
        var notes: [String] = []
        if let context = error.context {
            notes.append(error.contextMark.map { "\(context) at \(location($0))" } ?? context)
        }
        diagnostics.append(Diagnostic(.error, .yamlSyntax, error.problem, at: at, notes: notes))
    }

    private mutating func skip(_ event: LibYAMLParser.Event) {
        switch event {
        case .sequenceStart, .mappingStart: skipping += 1
        case .sequenceEnd, .mappingEnd: skipping -= 1
        default: break
        }
        if skipping == 0, let skippedAt {
            attach(.scalar(YAMLNode.Scalar(text: "", location: skippedAt)))
        }
    }

    private mutating func attach(_ node: YAMLNode) {
        guard !stack.isEmpty else {
            root = node
            return
        }
        let top = stack.count - 1
        if stack[top].kind == .sequence {
            stack[top].items.append(node)
            return
        }
        switch stack[top].keyState {
        case .haveKey(let key):
            stack[top].entries.append((key: key, value: node))
            stack[top].keyState = .expectKey
        case .skipValue:
            stack[top].keyState = .expectKey
        case .expectKey:
            let state = acceptKey(node, firstSeen: stack[top].firstSeen)
            if case .haveKey(let key) = state { stack[top].firstSeen[key.text] = key.location }
            stack[top].keyState = state
        }
    }

    private mutating func acceptKey(_ node: YAMLNode, firstSeen: [String: SourceLocation]) -> Frame.KeyState {
        guard case .scalar(let key) = node else {
            diagnostics.append(
                .error(.typeMismatch, "mapping keys must be strings, got \(node.kindDescription)", at: node))
            return .skipValue
        }
        if key.style == .plain, key.text == "<<" {
            reportAlias(at: key)
            return .skipValue
        }
        if let first = firstSeen[key.text] {
            diagnostics.append(
                .error(.yamlDuplicateKey, "duplicate key '\(key.text)'", at: key, notes: ["first defined at \(first)"]))
            return .skipValue
        }
        return .haveKey(key)
    }

    private mutating func check(_ properties: LibYAMLParser.NodeProperties) {
        if properties.anchor != nil { reportAlias(at: properties.start, length: 1 + (properties.anchor?.count ?? 0)) }
        if properties.tag != nil { reportTag(at: properties.start) }
    }

    private func scalar(
        _ value: String, style: LibYAMLParser.ScalarStyle, properties: LibYAMLParser.NodeProperties
    ) -> YAMLNode.Scalar {
        let start = properties.start
        let end = properties.end
        let length: Int
        if end.line == start.line {
            length = end.column - start.column
        } else {
            length = (source.line(start.line + 1)?.unicodeScalars.count ?? 0) - start.column
        }
        let scalarStyle: YAMLNode.Scalar.Style =
            switch style {
            case .plain: .plain
            case .singleQuoted: .singleQuoted
            case .doubleQuoted: .doubleQuoted
            case .literal: .literal
            case .folded: .folded
            }
        return YAMLNode.Scalar(text: value, style: scalarStyle, location: location(start), length: length)
    }

    private mutating func reportAlias(at mark: LibYAMLParser.RawMark, length: Int) {
        diagnostics.append(
            Diagnostic(.error, .yamlAlias, aliasMessage, at: location(mark), length: length))
    }

    private mutating func reportAlias(at key: YAMLNode.Scalar) {
        diagnostics.append(.error(.yamlAlias, aliasMessage, at: key))
    }

    private var aliasMessage: String {
        "anchors, aliases and merge keys are not allowed in \(limits.fileKind)s"
    }

    private mutating func reportTag(at mark: LibYAMLParser.RawMark) {
        let message = "explicit YAML tags are not allowed in \(limits.fileKind)s; quote the value to make it a string"
        diagnostics.append(Diagnostic(.error, .yamlTag, message, at: location(mark)))
    }

    private mutating func report(_ code: DiagnosticCode, _ message: String, at mark: LibYAMLParser.RawMark) {
        diagnostics.append(Diagnostic(.error, code, message, at: location(mark)))
    }

    private func location(_ mark: LibYAMLParser.RawMark) -> SourceLocation {
        SourceLocation(file: source.path, mark: mark.mark)
    }

    private func location(line: Int, column: Int) -> SourceLocation {
        SourceLocation(file: source.path, line: line, column: column)
    }
}
