public import Codec

/// One side of a field's numeric range, e.g. `≥ 0` for `order.qty` or `> 0` for `order.price`.
public struct NumberBound: Sendable, Hashable {
    public enum Relation: Sendable, Hashable { case greaterThan, greaterThanOrEqual, lessThan, lessThanOrEqual }

    public var relation: Relation
    public var value: Double

    public static func gt(_ value: Double) -> NumberBound { NumberBound(relation: .greaterThan, value: value) }
    public static func ge(_ value: Double) -> NumberBound { NumberBound(relation: .greaterThanOrEqual, value: value) }
    public static func lt(_ value: Double) -> NumberBound { NumberBound(relation: .lessThan, value: value) }
    public static func le(_ value: Double) -> NumberBound { NumberBound(relation: .lessThanOrEqual, value: value) }

    /// True when `x` satisfies the bound.
    public func admits(_ x: Double) -> Bool {
        switch relation {
        case .greaterThan: x > value
        case .greaterThanOrEqual: x >= value
        case .lessThan: x < value
        case .lessThanOrEqual: x <= value
        }
    }

    /// The bound as it appears in messages and `ctx`: a JSON integer when integral (`0`, `100`), else a float.
    public var jsonValue: JSONValue {
        if Coercion.isIntegral(value), value.magnitude < 9.0e15 { return .int(Int64(value)) }
        return .double(value)
    }
}
