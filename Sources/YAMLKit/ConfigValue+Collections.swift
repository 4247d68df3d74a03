extension Array: ConfigValue where Element: ConfigValue {
    public static var typeDescription: String { "a list" }

    /// A sequence whose every item decodes as `Element`; an item's problem names `key[index]`. The first problem is
    /// returned (`decode(_:key:unit:diagnostics:)` reports every one).
    public static func decode(_ node: YAMLNode, key: String) -> Result<[Element], Diagnostic> {
        var diagnostics = Diagnostics()
        if let value = decode(node, key: key, unit: nil, diagnostics: &diagnostics) { return .success(value) }
        return .failure(diagnostics.all[0])
    }

    public static func decode(
        _ node: YAMLNode, key: String, unit: String?, diagnostics: inout Diagnostics
    ) -> [Element]? {
        guard let sequence = node.sequence else {
            diagnostics.append(ConfigDecoding.mismatch(node, key: key, expected: typeDescription))
            return nil
        }
        var values: [Element] = []
        var failed = false
        for (index, item) in sequence.items.enumerated() {
            if let value = Element.decode(item, key: "\(key)[\(index)]", unit: unit, diagnostics: &diagnostics) {
                values.append(value)
            } else {
                failed = true
            }
        }
        return failed ? nil : values
    }

    /// Comma-separated items, each trimmed; an empty text is an empty list.
    public static func parse(text: String) -> [Element]? { parse(text: text, unit: nil) }

    public static func parse(text: String, unit: String?) -> [Element]? {
        guard !text.trimmed.isEmpty else { return [] }
        var values: [Element] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            guard let value = Element.parse(text: String(part).trimmed, unit: unit) else { return nil }
            values.append(value)
        }
        return values
    }

    public var plain: PlainValue { .list(map(\.plain)) }
}

extension Optional: ConfigValue where Wrapped: ConfigValue {
    public static var typeDescription: String { "\(Wrapped.typeDescription) or null" }

    /// YAML null is nil; anything else decodes as `Wrapped` (a type-mismatch then says "… or null").
    public static func decode(_ node: YAMLNode, key: String) -> Result<Wrapped?, Diagnostic> {
        var diagnostics = Diagnostics()
        if let value = decode(node, key: key, unit: nil, diagnostics: &diagnostics) { return .success(value) }
        return .failure(diagnostics.all[0])
    }

    public static func decode(
        _ node: YAMLNode, key: String, unit: String?, diagnostics: inout Diagnostics
    ) -> Wrapped?? {
        if node.isNull { return .some(nil) }
        var inner = Diagnostics()
        if let value = Wrapped.decode(node, key: key, unit: unit, diagnostics: &inner) { return .some(value) }
        let wrappedPrefix = "'\(key)' must be \(Wrapped.typeDescription), got "
        for var diagnostic in inner {
            if diagnostic.code == .typeMismatch, diagnostic.location == node.location,
                diagnostic.message.hasPrefix(wrappedPrefix)
            {
                diagnostic.message = "'\(key)' must be \(typeDescription), got \(node.kindDescription)"
            }
            diagnostics.append(diagnostic)
        }
        return nil
    }

    /// `null` or an empty text is nil; anything else parses as `Wrapped`.
    public static func parse(text: String) -> Wrapped?? { parse(text: text, unit: nil) }

    public static func parse(text: String, unit: String?) -> Wrapped?? {
        let trimmed = text.trimmed
        if trimmed.isEmpty || trimmed == "null" { return .some(nil) }
        return Wrapped.parse(text: text, unit: unit).map { .some($0) }
    }

    public var plain: PlainValue { map(\.plain) ?? .null }
}
