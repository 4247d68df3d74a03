/// A YAML node of the supported subset, remembering where it was written.
public enum YAMLNode: Sendable, Hashable {
    case scalar(Scalar)
    case sequence(Sequence)
    case mapping(Mapping)

    /// Where the node starts: the scalar's first character (its opening quote when quoted), a flow collection's
    /// bracket, a block mapping's first key, a block sequence's first `-`.
    public var location: SourceLocation {
        switch self {
        case .scalar(let scalar): scalar.location
        case .sequence(let sequence): sequence.location
        case .mapping(let mapping): mapping.location
        }
    }

    /// How many columns a caret under this node spans: the scalar's length, 1 for a collection.
    public var length: Int {
        if case .scalar(let scalar) = self { return scalar.length }
        return 1
    }

    /// The node described for a `got <what>` message: `a mapping`, `a list`, `null`, `true`, `false`,
    /// `the integer 3`, `the number 80.5`, `the string "80"` (a string over 60 characters is cut with `…`).
    public var kindDescription: String {
        switch self {
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .scalar(let scalar): scalar.kindDescription
        }
    }

    public var scalar: Scalar? {
        if case .scalar(let scalar) = self { return scalar }
        return nil
    }

    public var sequence: Sequence? {
        if case .sequence(let sequence) = self { return sequence }
        return nil
    }

    public var mapping: Mapping? {
        if case .mapping(let mapping) = self { return mapping }
        return nil
    }

    /// True for a plain null scalar (`null`, `~` or nothing).
    public var isNull: Bool {
        if case .scalar(let scalar) = self, case .null = scalar.resolved { return true }
        return false
    }
}
