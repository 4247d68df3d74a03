public import Codec

extension ValidationError {
    /// An error type with its exact message and context (http-api.md §2.3), before a location is attached.
    public struct Kind: Error, Sendable, Hashable {
        public var type: String
        public var msg: String
        public var ctx: JSONObject?

        public init(type: String, msg: String, ctx: JSONObject? = nil) {
            self.type = type
            self.msg = msg
            self.ctx = ctx
        }

        public static let missing = Kind(type: "missing", msg: "Field required")
        public static let modelAttributesType = Kind(
            type: "model_attributes_type", msg: "Input should be a valid dictionary or object to extract fields from")
        public static let floatType = Kind(type: "float_type", msg: "Input should be a valid number")
        public static let floatParsing = Kind(
            type: "float_parsing", msg: "Input should be a valid number, unable to parse string as a number")
        public static let finiteNumber = Kind(type: "finite_number", msg: "Input should be a finite number")
        public static let intType = Kind(type: "int_type", msg: "Input should be a valid integer")
        public static let intParsing = Kind(
            type: "int_parsing", msg: "Input should be a valid integer, unable to parse string as an integer")
        public static let intFromFloat = Kind(
            type: "int_from_float", msg: "Input should be a valid integer, got a number with a fractional part")
        public static let intParsingSize = Kind(
            type: "int_parsing_size", msg: "Unable to parse input string as an integer, exceeded maximum size")
        public static let boolType = Kind(type: "bool_type", msg: "Input should be a valid boolean")
        public static let boolParsing = Kind(
            type: "bool_parsing", msg: "Input should be a valid boolean, unable to interpret input")
        public static let stringType = Kind(type: "string_type", msg: "Input should be a valid string")
        public static let listType = Kind(type: "list_type", msg: "Input should be a valid list")
        public static let extraForbidden = Kind(type: "extra_forbidden", msg: "Extra inputs are not permitted")
        public static let fillPriceMissing = Kind(type: "fill_price_missing", msg: "a fill needs a price")

        /// `string_too_short`: "String should have at least 1 character" (`s` from 2 on).
        public static func stringTooShort(_ minLength: Int) -> Kind {
            Kind(
                type: "string_too_short",
                msg: "String should have at least \(minLength) character\(minLength == 1 ? "" : "s")",
                ctx: ["min_length": .int(Int64(minLength))])
        }

        /// `string_too_long`: "String should have at most 256 characters".
        public static func stringTooLong(_ maxLength: Int) -> Kind {
            Kind(
                type: "string_too_long",
                msg: "String should have at most \(maxLength) character\(maxLength == 1 ? "" : "s")",
                ctx: ["max_length": .int(Int64(maxLength))])
        }

        /// `too_long`: "List should have at most 1000 items after validation, not 1001".
        public static func tooLong(maxLength: Int, actualLength: Int) -> Kind {
            Kind(
                type: "too_long",
                msg: "List should have at most \(maxLength) items after validation, not \(actualLength)",
                ctx: [
                    "field_type": "List", "max_length": .int(Int64(maxLength)),
                    "actual_length": .int(Int64(actualLength)),
                ])
        }

        /// `literal_error`: "Input should be 'buy', 'sell', 'long' or 'short'", the same list in `ctx.expected`.
        public static func literal(_ allowed: [String]) -> Kind {
            let quoted = allowed.map { "'\($0)'" }
            let list =
                quoted.count <= 1
                ? quoted.joined() : quoted.dropLast().joined(separator: ", ") + " or " + quoted[quoted.count - 1]
            return Kind(type: "literal_error", msg: "Input should be \(list)", ctx: ["expected": .string(list)])
        }

        /// `value_error`: "Value error, <message>".
        public static func valueError(_ message: String) -> Kind {
            Kind(type: "value_error", msg: "Value error, \(message)")
        }

        /// The range error of a violated bound: `greater_than`, `greater_than_equal`, `less_than_equal`.
        public static func outOfRange(_ bound: NumberBound) -> Kind {
            let (type, phrase, key) =
                switch bound.relation {
                case .greaterThan: ("greater_than", "greater than", "gt")
                case .greaterThanOrEqual: ("greater_than_equal", "greater than or equal to", "ge")
                case .lessThan: ("less_than", "less than", "lt")
                case .lessThanOrEqual: ("less_than_equal", "less than or equal to", "le")
                }
            let value = bound.jsonValue
            return Kind(type: type, msg: "Input should be \(phrase) \(value.serializedString)", ctx: [key: value])
        }
    }
}
