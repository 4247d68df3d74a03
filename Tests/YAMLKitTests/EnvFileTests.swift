import Testing
import YAMLKit

@Suite struct EnvFileTests {
    static func variables(_ text: String) throws -> [String] {
        switch EnvFile.parse(SourceText(path: ".env", string: text)) {
        case .success(let variables): return variables.map { "\($0.key)=\($0.value)" }
        case .failure(let diagnostics):
            Issue.record("unexpected: \(diagnostics.sorted.map(\.description))")
            throw diagnostics
        }
    }

    static func problems(_ text: String) -> [String] {
        switch EnvFile.parse(SourceText(path: ".env", string: text)) {
        case .success: return []
        case .failure(let diagnostics): return diagnostics.sorted.map(\.description)
        }
    }

    static let lines: [(String, String)] = [
        ("KEY=value", "KEY=value"),
        ("export KEY=value", "KEY=value"),
        ("  export\tKEY = value  ", "KEY=value"),
        ("KEY=", "KEY="),
        ("_K1=a=b", "_K1=a=b"),
        ("KEY=value # comment", "KEY=value"),
        ("KEY=a#b", "KEY=a#b"),
        ("KEY=#x", "KEY=#x"),
        ("KEY= #x", "KEY="),
        ("KEY=\"a b # c\" # comment", "KEY=a b # c"),
        ("KEY=\"line\\nnext \\\"q\\\" \\$HOME \\\\ \\x\"", "KEY=line\nnext \"q\" $HOME \\ \\x"),
        ("KEY='literal \\n $HOME'", "KEY=literal \\n $HOME"),
        ("KEY=\"\"", "KEY="),
        ("exported=1", "exported=1"),
        ("KEY=va lue", "KEY=va lue"),
        ("KEY=value\r", "KEY=value"),
    ]

    @Test(arguments: lines)
    func aLineParses(line: String, expected: String) throws {
        #expect(try Self.variables(line + "\n") == [expected])
    }

    @Test func commentsAndBlankLinesAreSkippedAndOrderIsKept() throws {
        let text = "# header\n\nB=2\n   # indented comment\nA=1\nB=3\n"
        #expect(try Self.variables(text) == ["B=2", "A=1", "B=3"])
    }

    @Test func aLineWithoutEqualsIsAnError() {
        #expect(
            Self.problems("A=1\n  just words\n") == [
                ".env:2:3: error: expected KEY=VALUE, got 'just words' [env-file-syntax]"
            ])
    }

    @Test(arguments: ["1KEY", "MY-KEY", "KÉ", "A B"])
    func anInvalidNameIsAnError(name: String) {
        #expect(
            Self.problems("\(name)=1\n") == [
                ".env:1:1: error: invalid variable name '\(name)': use letters, digits and '_', not starting with a digit [env-file-syntax]"
            ])
    }

    @Test func anUnterminatedQuoteIsAnError() {
        #expect(
            Self.problems("A=\"open\nB='open\n") == [
                ".env:1:3: error: unterminated double-quoted value of 'A' [env-file-syntax]",
                ".env:2:3: error: unterminated single-quoted value of 'B' [env-file-syntax]",
            ])
    }

    @Test func textAfterTheClosingQuoteIsAnError() {
        #expect(
            Self.problems("A=\"x\" y\n") == [
                ".env:1:6: error: unexpected text after the closing quote of 'A': 'y' [env-file-syntax]"
            ])
    }

    @Test func everyBadLineIsReported() {
        #expect(Self.problems("nope\nA=1\n9=2\n").count == 2)
    }
}
