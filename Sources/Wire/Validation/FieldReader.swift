public import Codec

/// Reads the fields of one JSON object with the coercions of http-api.md §2.1 and collects every problem.
///
/// Each read returns the coerced value, or nil when the field is absent, `null` (optional fields), or invalid; an
/// invalid or missing required field appends its error to `errors`. Read fields in schema-table order and merge a
/// nested reader right after reading its object, so `errors` comes out in the order a 422 body lists them.
/// A required field that is `null` gets its type error, never `missing` (§2.1).
public struct FieldReader: Sendable {
    /// The object being read.
    public let object: JSONObject
    /// The location of the object itself, e.g. `["body", "order"]`.
    public let loc: [JSONValue]
    /// Every problem found so far.
    public var errors = ValidationErrors()

    public init(_ object: JSONObject, loc: [JSONValue]) {
        self.object = object
        self.loc = loc
    }

    /// The value of `key` when present and not `null`.
    public func value(_ key: String) -> JSONValue? {
        guard let value = object[key], !value.isNull else { return nil }
        return value
    }

    /// A number field, checked against every bound in order (the first violated one is reported).
    public mutating func double(_ key: String, required: Bool = false, _ bounds: NumberBound...) -> Double? {
        read(key, required: required) { value in
            Coercion.double(value).flatMap { x in check(x, bounds) }
        }
    }

    /// An int field, checked against every bound in order.
    public mutating func int(_ key: String, required: Bool = false, _ bounds: NumberBound...) -> Int64? {
        read(key, required: required) { value in
            Coercion.int(value).flatMap { i in check(Double(i), bounds).map { _ in i } }
        }
    }

    public mutating func bool(_ key: String, required: Bool = false) -> Bool? {
        read(key, required: required, Coercion.bool)
    }

    /// A string field of at most `maxLength` characters (and at least `minLength`, after `trim` when asked).
    public mutating func string(
        _ key: String, required: Bool = false, minLength: Int = 0, maxLength: Int = 256, trim: Bool = false
    ) -> String? {
        read(key, required: required) { value in
            Coercion.string(value).flatMap { raw in
                let s = trim ? Coercion.trimmed(raw) : raw
                let length = s.unicodeScalars.count
                if length < minLength { return .failure(.stringTooShort(minLength)) }
                if length > maxLength { return .failure(.stringTooLong(maxLength)) }
                return .success(s)
            }
        }
    }

    /// A string field that must be one of `allowed` after `normalize` (e.g. trim and lower-case); returns the
    /// normalized value. A non-string is `string_type`; any other string is `literal_error` listing `allowed`.
    public mutating func literal(
        _ key: String, required: Bool = false, allowed: [String], normalize: (String) -> String = { $0 }
    ) -> String? {
        read(key, required: required) { value in
            Coercion.string(value).flatMap { raw in
                let normalized = normalize(raw)
                return allowed.contains(normalized) ? .success(normalized) : .failure(.literal(allowed))
            }
        }
    }

    /// An array of numbers with at most `maxItems` elements; each element's error carries its index.
    public mutating func doubles(_ key: String, maxItems: Int = 1000, _ bounds: NumberBound...) -> [Double]? {
        array(key, maxItems: maxItems) { element in Coercion.double(element).flatMap { check($0, bounds) } }
    }

    /// An array of strings with at most `maxItems` elements of at most `maxLength` characters each.
    public mutating func strings(_ key: String, maxItems: Int = 1000, maxLength: Int = 256) -> [String]? {
        array(key, maxItems: maxItems) { element in
            Coercion.string(element).flatMap { s in
                s.unicodeScalars.count > maxLength ? .failure(.stringTooLong(maxLength)) : .success(s)
            }
        }
    }

    /// A nested object's reader (its errors are merged back with `merge`); nil when absent, null or not an object.
    public mutating func object(_ key: String, required: Bool = false) -> FieldReader? {
        let loc = self.loc
        return read(key, required: required) { value in
            guard case .object(let nested) = value else { return .failure(.modelAttributesType) }
            return .success(FieldReader(nested, loc: loc + [.string(key)]))
        }
    }

    /// Appends a nested reader's errors.
    public mutating func merge(_ nested: FieldReader) { errors.append(contentsOf: nested.errors) }

    /// Strict bodies (OPS, http-api.md §6.4): `extra_forbidden` for every key not in `known`, in received order.
    public mutating func forbidUnknownKeys(_ known: [String]) {
        for (key, value) in object where !known.contains(key) {
            errors.append(ValidationError(.extraForbidden, at: loc + [.string(key)], input: value))
        }
    }

    /// Reads `key` through `coerce`; records `missing` or the coercion's error at the field.
    public mutating func read<T>(
        _ key: String, required: Bool = false, _ coerce: (JSONValue) -> Result<T, ValidationError.Kind>
    ) -> T? {
        // The field's location is built only for an error: reading a valid field allocates nothing.
        guard let raw = object[key] else {
            if required { errors.append(.missing(at: loc + [.string(key)], in: .object(object))) }
            return nil
        }
        if raw.isNull && !required { return nil }
        switch coerce(raw) {
        case .success(let value): return value
        case .failure(let kind):
            errors.append(ValidationError(kind, at: loc + [.string(key)], input: raw))
            return nil
        }
    }

    private mutating func array<T>(
        _ key: String, maxItems: Int, _ coerce: (JSONValue) -> Result<T, ValidationError.Kind>
    ) -> [T]? {
        guard let raw = value(key) else { return nil }
        let fieldLoc = loc + [.string(key)]
        guard case .array(let elements) = raw else {
            errors.append(ValidationError(.listType, at: fieldLoc, input: raw))
            return nil
        }
        var out: [T] = []
        out.reserveCapacity(elements.count)
        var failed = false
        for (index, element) in elements.enumerated() {
            switch coerce(element) {
            case .success(let value): out.append(value)
            case .failure(let kind):
                failed = true
                errors.append(ValidationError(kind, at: fieldLoc + [.int(Int64(index))], input: element))
            }
        }
        if elements.count > maxItems {
            errors.append(
                ValidationError(.tooLong(maxLength: maxItems, actualLength: elements.count), at: fieldLoc, input: raw))
            return nil
        }
        return failed ? nil : out
    }
}

/// The first bound `x` violates, as an error; `x` otherwise.
private func check(_ x: Double, _ bounds: [NumberBound]) -> Result<Double, ValidationError.Kind> {
    for bound in bounds where !bound.admits(x) { return .failure(.outOfRange(bound)) }
    return .success(x)
}
