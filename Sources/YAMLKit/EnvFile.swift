/// The one `--env-file` parser (host and bot): `KEY=VALUE` lines. It only parses; applying the variables (never
/// over one already set) is the caller's job.
///
/// - Blank lines and lines starting with `#` are skipped; `export KEY=VALUE` is accepted.
/// - Spaces around `=` are ignored. A key is `[A-Za-z_][A-Za-z0-9_]*`.
/// - `"double quoted"` values understand `\n`, `\t`, `\r`, `\\`, `\"` and `\$` (other backslashes stay as written);
///   `'single quoted'` values are literal. After the closing quote only spaces and a `# comment` may follow.
/// - An unquoted value ends at a `#` that follows a space or tab (a comment) and is trimmed.
public enum EnvFile {
    /// The variables in file order (a repeated key appears twice; the later one is the file's intent), or every
    /// malformed line as an `env-file-syntax` error.
    public static func parse(_ text: SourceText) -> Result<[(key: String, value: String)], Diagnostics> {
        var variables: [(key: String, value: String)] = []
        var diagnostics = Diagnostics()
        for number in 1...text.lineCount {
            guard let line = text.line(number) else { continue }
            switch parseLine(Array(line.unicodeScalars)) {
            case .skip:
                break
            case .variable(let key, let value):
                variables.append((key: key, value: value))
            case .problem(let message, let column, let length):
                let location = SourceLocation(file: text.path, line: number, column: column)
                diagnostics.append(Diagnostic(.error, .envFileSyntax, message, at: location, length: length))
            }
        }
        return diagnostics.isEmpty ? .success(variables) : .failure(diagnostics)
    }

    private enum LineResult {
        case skip
        case variable(String, String)
        /// `column` is 1-based.
        case problem(String, column: Int, length: Int)
    }

    private static func isBlank(_ scalar: Unicode.Scalar) -> Bool { scalar == " " || scalar == "\t" }

    private static func parseLine(_ line: [Unicode.Scalar]) -> LineResult {
        var index = 0
        while index < line.count, isBlank(line[index]) { index += 1 }
        if index == line.count || line[index] == "#" { return .skip }
        let start = index
        let exportWord: [Unicode.Scalar] = ["e", "x", "p", "o", "r", "t"]
        if line.count > index + 6, Array(line[index..<index + 6]) == exportWord, isBlank(line[index + 6]) {
            index += 6
            while index < line.count, isBlank(line[index]) { index += 1 }
        }
        guard let equals = line[index...].firstIndex(of: "=") else {
            return .problem(
                "expected KEY=VALUE, got '\(string(line[start...]).trimmed)'", column: start + 1,
                length: line.count - start)
        }
        var keyEnd = equals
        while keyEnd > index, isBlank(line[keyEnd - 1]) { keyEnd -= 1 }
        let key = string(line[index..<keyEnd])
        guard isValidName(key) else {
            return .problem(
                "invalid variable name '\(key)': use letters, digits and '_', not starting with a digit",
                column: index + 1, length: max(1, keyEnd - index))
        }
        var valueStart = equals + 1
        while valueStart < line.count, isBlank(line[valueStart]) { valueStart += 1 }
        guard valueStart < line.count else { return .variable(key, "") }
        switch line[valueStart] {
        case "\"", "'":
            return quotedValue(line, from: valueStart, key: key)
        default:
            var end = line.count
            for position in valueStart..<line.count where line[position] == "#" && isBlank(line[position - 1]) {
                end = position
                break
            }
            return .variable(key, string(line[valueStart..<end]).trimmed)
        }
    }

    private static func quotedValue(_ line: [Unicode.Scalar], from start: Int, key: String) -> LineResult {
        let quote = line[start]
        var value = String.UnicodeScalarView()
        var index = start + 1
        var closed = false
        while index < line.count {
            let scalar = line[index]
            if scalar == quote {
                closed = true
                index += 1
                break
            }
            if quote == "\"", scalar == "\\", index + 1 < line.count {
                let escaped = line[index + 1]
                switch escaped {
                case "n": value.append("\n")
                case "t": value.append("\t")
                case "r": value.append("\r")
                case "\\", "\"", "$": value.append(escaped)
                default: value.append(contentsOf: [scalar, escaped])
                }
                index += 2
                continue
            }
            value.append(scalar)
            index += 1
        }
        let kind = quote == "\"" ? "double" : "single"
        guard closed else {
            return .problem("unterminated \(kind)-quoted value of '\(key)'", column: start + 1, length: 1)
        }
        let rest = string(line[index...]).trimmed
        guard rest.isEmpty || rest.hasPrefix("#") else {
            return .problem(
                "unexpected text after the closing quote of '\(key)': '\(rest)'", column: index + 1,
                length: line.count - index)
        }
        return .variable(key, String(value))
    }

    /// `[A-Za-z_][A-Za-z0-9_]*`
    private static func isValidName(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        func isLetter(_ byte: UInt8) -> Bool {
            (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                || byte == UInt8(ascii: "_")
        }
        guard let first = bytes.first, isLetter(first) else { return false }
        return bytes.allSatisfy { isLetter($0) || ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) }
    }

    private static func string(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var text = String.UnicodeScalarView()
        text.append(contentsOf: scalars)
        return String(text)
    }
}
