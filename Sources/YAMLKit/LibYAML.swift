internal import CYAML

/// One libyaml parser over a byte buffer: the only owner of a `yaml_parser_t` and of the input copy it reads.
/// Events are copied into Swift values and freed (`yaml_event_delete`) before `next()` returns.
final class LibYAMLParser {
    /// A 0-based libyaml position.
    struct RawMark: Equatable {
        var line: Int
        var column: Int
        /// 1-based, as every location Aurora reports.
        var mark: Mark { Mark(line: line + 1, column: column + 1) }
    }

    /// The properties shared by scalar and collection start events.
    struct NodeProperties {
        var anchor: String?
        var tag: String?
        var start: RawMark
        var end: RawMark
    }

    enum ScalarStyle {
        case plain, singleQuoted, doubleQuoted, literal, folded
    }

    enum Event {
        case streamStart
        case streamEnd
        /// `hasTagDirectives`: the document declares `%TAG`.
        case documentStart(start: RawMark, hasTagDirectives: Bool)
        case documentEnd
        case alias(start: RawMark, end: RawMark)
        case scalar(value: String, style: ScalarStyle, properties: NodeProperties)
        case sequenceStart(NodeProperties)
        case sequenceEnd
        case mappingStart(NodeProperties)
        case mappingEnd
    }

    /// A reader, scanner or parser error as libyaml reports it.
    struct SyntaxError: Error {
        var problem: String
        /// Where the problem is, for scanner and parser errors.
        var mark: RawMark?
        /// Byte offset, for reader errors (invalid encoding).
        var byteOffset: Int?
        var context: String?
        var contextMark: RawMark?
    }

    private let parser: UnsafeMutablePointer<yaml_parser_t>
    private let input: UnsafeMutableBufferPointer<UInt8>
    private var finished = false

    init(bytes: [UInt8]) {
        parser = .allocate(capacity: 1)
        input = .allocate(capacity: max(1, bytes.count))
        _ = input.initialize(from: bytes)
        // yaml_parser_initialize fails only when malloc does; libyaml then leaves the parser unusable.
        precondition(yaml_parser_initialize(parser) == 1, "libyaml: out of memory initialising a parser")
        yaml_parser_set_input_string(parser, input.baseAddress, bytes.count)
        yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
    }

    deinit {
        yaml_parser_delete(parser)
        parser.deallocate()
        input.deallocate()
    }

    /// The next event; nil after `streamEnd`. A syntax error ends the stream.
    func next() -> Result<Event, SyntaxError>? {
        guard !finished else { return nil }
        var event = yaml_event_t()
        guard yaml_parser_parse(parser, &event) == 1 else {
            finished = true
            return .failure(currentError())
        }
        defer { yaml_event_delete(&event) }
        let converted = Self.convert(&event)
        if case .streamEnd = converted { finished = true }
        return .success(converted)
    }

    private func currentError() -> SyntaxError {
        let p = parser.pointee
        let problem = p.problem.map { String(cString: $0) } ?? "unknown YAML error"
        let context = p.context.map { String(cString: $0) }
        if p.error == YAML_READER_ERROR {
            return SyntaxError(problem: problem, byteOffset: Int(p.problem_offset), context: context)
        }
        return SyntaxError(
            problem: problem, mark: Self.mark(p.problem_mark), context: context,
            contextMark: context == nil ? nil : Self.mark(p.context_mark))
    }

    private static func convert(_ event: inout yaml_event_t) -> Event {
        let start = mark(event.start_mark)
        let end = mark(event.end_mark)
        switch event.type {
        case YAML_STREAM_START_EVENT:
            return .streamStart
        case YAML_DOCUMENT_START_EVENT:
            let directives = event.data.document_start.tag_directives
            return .documentStart(start: start, hasTagDirectives: directives.start != directives.end)
        case YAML_DOCUMENT_END_EVENT:
            return .documentEnd
        case YAML_ALIAS_EVENT:
            return .alias(start: start, end: end)
        case YAML_SCALAR_EVENT:
            let data = event.data.scalar
            let value = data.value.map {
                String(decoding: UnsafeBufferPointer(start: $0, count: data.length), as: UTF8.self)
            }
            let properties = NodeProperties(
                anchor: string(data.anchor), tag: string(data.tag), start: start, end: end)
            return .scalar(value: value ?? "", style: scalarStyle(data.style), properties: properties)
        case YAML_SEQUENCE_START_EVENT:
            let data = event.data.sequence_start
            return .sequenceStart(
                NodeProperties(anchor: string(data.anchor), tag: string(data.tag), start: start, end: end))
        case YAML_SEQUENCE_END_EVENT:
            return .sequenceEnd
        case YAML_MAPPING_START_EVENT:
            let data = event.data.mapping_start
            return .mappingStart(
                NodeProperties(anchor: string(data.anchor), tag: string(data.tag), start: start, end: end))
        case YAML_MAPPING_END_EVENT:
            return .mappingEnd
        default:
            // YAML_NO_EVENT is never returned by a successful yaml_parser_parse.
            return .streamEnd
        }
    }

    private static func mark(_ mark: yaml_mark_t) -> RawMark {
        RawMark(line: Int(mark.line), column: Int(mark.column))
    }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        pointer.map { String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self)) }
    }

    private static func scalarStyle(_ style: yaml_scalar_style_t) -> ScalarStyle {
        switch style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: .literal
        case YAML_FOLDED_SCALAR_STYLE: .folded
        default: .plain
        }
    }
}
