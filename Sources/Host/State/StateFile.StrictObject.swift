import Codec
import Wire

extension StateFile {
    /// One JSON object of the state file, read strictly: every accessor throws a `Problem` naming the full key
    /// (`kill_switch.since`, `positions[2].qty`) when the member is missing or of the wrong type or domain.
    struct StrictObject {
        private let object: JSONObject
        /// `""` for the top level, else the path of this object (`kill_switch`, `positions[0]`).
        let path: String

        init(_ value: JSONValue, path: String) throws(Problem) {
            guard case .object(let object) = value else {
                let what = path.isEmpty ? "the state file" : "'\(path)'"
                throw Problem(.invalid, "\(what) must be a JSON object, got \(Self.describe(value))")
            }
            self.object = object
            self.path = path
        }

        var keys: [String] { object.keys }

        /// The full name of member `key`.
        func name(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

        /// Exactly `expected`: the first missing key, else the first extra key, is a problem.
        func expectKeys(_ expected: [String]) throws(Problem) {
            if let missing = expected.first(where: { object[$0] == nil }) {
                throw Problem(.invalid, "missing key '\(name(missing))'")
            }
            if let extra = object.keys.first(where: { !expected.contains($0) }) {
                throw Problem(.invalid, "unknown key '\(name(extra))'")
            }
        }

        func isNull(_ key: String) -> Bool { object[key]?.isNull ?? false }

        func int(_ key: String) throws(Problem) -> Int64 {
            let value = try member(key)
            guard case .int(let int) = value else { throw mismatch(key, "an integer", value) }
            return int
        }

        /// A finite number (an integer literal is accepted).
        func double(_ key: String) throws(Problem) -> Double {
            let value = try member(key)
            guard let double = value.doubleValue, double.isFinite else { throw mismatch(key, "a finite number", value) }
            return double
        }

        /// A finite number > 0.
        func positive(_ key: String) throws(Problem) -> Double {
            let value = try double(key)
            guard value > 0 else { throw Problem(.invalid, "'\(name(key))' must be > 0, got \(value)") }
            return value
        }

        func bool(_ key: String) throws(Problem) -> Bool {
            let value = try member(key)
            guard case .bool(let bool) = value else { throw mismatch(key, "true or false", value) }
            return bool
        }

        func string(_ key: String) throws(Problem) -> String {
            let value = try member(key)
            guard case .string(let string) = value else { throw mismatch(key, "a string", value) }
            return string
        }

        func array(_ key: String) throws(Problem) -> [JSONValue] {
            let value = try member(key)
            guard case .array(let items) = value else { throw mismatch(key, "an array", value) }
            return items
        }

        func object(_ key: String) throws(Problem) -> StrictObject {
            try StrictObject(try member(key), path: name(key))
        }

        /// Nil for `null`.
        func optionalObject(_ key: String) throws(Problem) -> StrictObject? {
            let value = try member(key)
            if value.isNull { return nil }
            guard case .object = value else { throw mismatch(key, "an object or null", value) }
            return try StrictObject(value, path: name(key))
        }

        /// RFC 3339 UTC with milliseconds, exactly as written (`2026-01-05T09:30:00.002Z`), as epoch milliseconds.
        func timestamp(_ key: String) throws(Problem) -> Int64 {
            let text = try string(key)
            guard let ms = RFC3339.parse(text), RFC3339.milliseconds(ms) == text else {
                let expected = "an RFC 3339 UTC time with milliseconds (2026-01-05T09:30:00.000Z)"
                throw Problem(.invalid, "'\(name(key))' must be \(expected), got \"\(text)\"")
            }
            return ms
        }

        /// A calendar day `YYYY-MM-DD`.
        func day(_ key: String) throws(Problem) -> String {
            let text = try string(key)
            let parts = text.split(separator: "-", omittingEmptySubsequences: false)
            let lengths = parts.map(\.count)
            guard lengths == [4, 2, 2], text.utf8.allSatisfy({ $0 == 0x2D || ($0 >= 0x30 && $0 <= 0x39) }),
                let ms = RFC3339.parse(text + "T00:00:00.000Z"), RFC3339.milliseconds(ms).hasPrefix(text)
            else {
                throw Problem(.invalid, "'\(name(key))' must be a day YYYY-MM-DD, got \"\(text)\"")
            }
            return text
        }

        /// 64 lowercase hex digits.
        func digest(_ key: String) throws(Problem) -> String {
            let text = try string(key)
            guard OpsToken.isDigestHex(text) else {
                throw Problem(.invalid, "'\(name(key))' must be 64 lowercase hex digits (a SHA-256)")
            }
            return text
        }

        private func member(_ key: String) throws(Problem) -> JSONValue {
            guard let value = object[key] else { throw Problem(.invalid, "missing key '\(name(key))'") }
            return value
        }

        private func mismatch(_ key: String, _ expected: String, _ value: JSONValue) -> Problem {
            Problem(.invalid, "'\(name(key))' must be \(expected), got \(Self.describe(value))")
        }

        /// `null`, `true`, `the number 1.5`, `the string "x"` (at most 40 characters), `an array`, `an object`.
        static func describe(_ value: JSONValue) -> String {
            switch value {
            case .null: "null"
            case .bool(let bool): "\(bool)"
            case .int(let int): "the number \(int)"
            case .double(let double): "the number \(double)"
            case .string(let string): "the string \"\(string.count > 40 ? String(string.prefix(40)) + "…" : string)\""
            case .array: "an array"
            case .object: "an object"
            }
        }

        /// `≥ 0`, `> 0`, `≤ 100000`.
        static func text(of bound: NumberBound) -> String {
            let number =
                bound.value == bound.value.rounded() && bound.value.magnitude < 1e15
                ? String(Int64(bound.value)) : String(bound.value)
            switch bound.relation {
            case .greaterThan: return "> \(number)"
            case .greaterThanOrEqual: return "≥ \(number)"
            case .lessThan: return "< \(number)"
            case .lessThanOrEqual: return "≤ \(number)"
            }
        }
    }
}
