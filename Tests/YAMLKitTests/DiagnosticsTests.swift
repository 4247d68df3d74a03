import Testing
import YAMLKit

@Suite struct DiagnosticsTests {
    /// A file whose line `n` is `lines[n]`, every other line a comment.
    static func source(_ path: String, count: Int, lines: [Int: String]) -> SourceText {
        let text = (1...count).map { lines[$0] ?? "# line \($0)" }.joined(separator: "\n") + "\n"
        return SourceText(path: path, string: text)
    }

    @Test func theRuleFilesExampleRendersExactly() {
        let pretrade = Self.source(
            "rules/pretrade.yaml", count: 90,
            lines: [
                23: "    type: latncy",
                41: "    params: {max_bps: \"80\"}",
                88: "      - match: {symbols: [BTCUSDT]}",
            ])
        let types =
            "anti_churn, expected_return, freshness, governance, health_guard, latency, risk_caps, slippage, "
            + "spread, sprt, trap"
        var diagnostics = Diagnostics()
        diagnostics.append(
            Diagnostic(
                .error, .ioError, "cannot read 'rules/extra.yaml': No such file or directory", file: "rules/extra.yaml")
        )
        diagnostics.append(
            Diagnostic(
                .warning, .unreachableOverride, "override 2 of rule 'spread' can never apply: override 1 matches first",
                at: YAMLKit.SourceLocation(file: "rules/pretrade.yaml", line: 88, column: 9)))
        diagnostics.append(
            Diagnostic(
                .error, .typeMismatch, "'max_bps' must be a number, got the string \"80\"",
                at: YAMLKit.SourceLocation(file: "rules/pretrade.yaml", line: 41, column: 23), length: 4,
                notes: ["remove the quotes to write a number"]))
        diagnostics.append(
            Diagnostic(
                .error, .unknownType, "unknown rule type 'latncy'",
                at: YAMLKit.SourceLocation(file: "rules/pretrade.yaml", line: 23, column: 11), length: 6,
                notes: ["did you mean 'latency'?", "known types: \(types)"]))

        let expected = """
            rules/pretrade.yaml:23:11: error: unknown rule type 'latncy' [unknown-type]
              23 |     type: latncy
                 |           ^~~~~~
               note: did you mean 'latency'?
               note: known types: anti_churn, expected_return, freshness, governance, health_guard, latency, risk_caps, slippage, spread, sprt, trap

            rules/pretrade.yaml:41:23: error: 'max_bps' must be a number, got the string "80" [type-mismatch]
              41 |     params: {max_bps: "80"}
                 |                       ^~~~
               note: remove the quotes to write a number

            rules/pretrade.yaml:88:9: warning: override 2 of rule 'spread' can never apply: override 1 matches first [unreachable-override]
              88 |       - match: {symbols: [BTCUSDT]}
                 |         ^

            rules/extra.yaml: error: cannot read 'rules/extra.yaml': No such file or directory [io-error]

            3 errors, 1 warning in 2 files

            """
        let rendered = diagnostics.rendered(sources: SourceCache([pretrade]))
        #expect(rendered == expected)
        #expect(diagnostics.errorCount == 3)
        #expect(diagnostics.warningCount == 1)
        #expect(diagnostics.hasErrors)
    }

    @Test func diagnosticsSortByPathLineColumnSeverityCodeMessageWithUnlocatedOnesLast() {
        func at(_ file: String, _ line: Int, _ column: Int) -> YAMLKit.SourceLocation {
            YAMLKit.SourceLocation(file: file, line: line, column: column)
        }
        let ordered = [
            Diagnostic(.error, .unknownKey, "m", at: at("B.yaml", 9, 1)),
            Diagnostic(.error, .unknownKey, "m", at: at("a.yaml", 2, 1)),
            Diagnostic(.error, .unknownKey, "m", at: at("a.yaml", 2, 3)),
            Diagnostic(.error, .unknownKey, "m", at: at("a.yaml", 10, 1)),
            Diagnostic(.error, .outOfRange, "z", at: at("a.yaml", 10, 2)),
            Diagnostic(.error, .unknownKey, "a", at: at("a.yaml", 10, 2)),
            Diagnostic(.error, .unknownKey, "b", at: at("a.yaml", 10, 2)),
            Diagnostic(.warning, .duplicateMatchValue, "a", at: at("a.yaml", 10, 2)),
            Diagnostic(.error, .unknownKey, "m", at: at("a/b.yaml", 1, 1)),
            // Without a location: after every located diagnostic, by path.
            Diagnostic(.error, .typeMismatch, "m", file: nil),
            Diagnostic(.error, .ioError, "m", file: "B.yaml"),
            Diagnostic(.error, .ioError, "m", file: "a.yaml"),
        ]
        let diagnostics = Diagnostics(ordered.reversed())
        #expect(diagnostics.sorted == ordered)
    }

    @Test func anExactDuplicateIsKeptOnce() {
        let diagnostic = Diagnostic(.error, .unknownKey, "unknown key 'x' in t", at: loc(1, 1), length: 1)
        var diagnostics = Diagnostics([diagnostic, diagnostic])
        diagnostics.append(diagnostic)
        var other = diagnostic
        other.notes = ["different"]
        diagnostics.append(contentsOf: Diagnostics([diagnostic, other]))
        #expect(diagnostics.count == 2)
        #expect(Array(diagnostics) == [diagnostic, other])
    }

    @Test func anEmptyListRendersOnlyTheSummary() {
        let diagnostics = Diagnostics()
        #expect(diagnostics.isEmpty)
        #expect(!diagnostics.hasErrors)
        #expect(diagnostics.rendered(sources: SourceCache()) == "0 errors, 0 warnings in 0 files\n")
    }

    @Test func theSummaryIsSingularForOne() {
        let one = Diagnostics([Diagnostic(.error, .ioError, "x", file: "a.yaml")])
        #expect(one.summary == "1 error, 0 warnings in 1 file")
        let warnings = Diagnostics([
            Diagnostic(.warning, .noEnforcingRule, "x", at: loc(1, 1, "a.yaml")),
            Diagnostic(.warning, .noEnforcingRule, "x", at: loc(1, 1, "b.yaml")),
        ])
        #expect(warnings.summary == "0 errors, 2 warnings in 2 files")
        #expect(!warnings.hasErrors)
    }

    @Test func theHeaderNamesTheFileOrNothingWithoutALocation() {
        #expect(
            Diagnostic(.warning, .noEnforcingRule, "msg", at: loc(3, 4)).description
                == "t.yaml:3:4: warning: msg [no-enforcing-rule]")
        #expect(Diagnostic(.error, .ioError, "msg", file: "x.yaml").description == "x.yaml: error: msg [io-error]")
        #expect(Diagnostic(.error, .typeMismatch, "msg").description == "error: msg [type-mismatch]")
    }

    @Test func aDiagnosticWhoseSourceIsUnknownHasNoSnippet() {
        let diagnostics = Diagnostics([Diagnostic(.error, .unknownKey, "m", at: loc(2, 1), notes: ["n"])])
        #expect(
            diagnostics.rendered(sources: SourceCache()) == """
                t.yaml:2:1: error: m [unknown-key]
                   note: n

                1 error, 0 warnings in 1 file

                """)
    }

    @Test func tabsShowAsOneSpaceAndTheCaretStaysAligned() {
        let source = SourceText(path: "t.yaml", string: "a:\n\tkey:\tvalue\n")
        let diagnostics = Diagnostics([Diagnostic(.error, .invalidValue, "m", at: loc(2, 7), length: 5)])
        #expect(
            diagnostics.rendered(sources: SourceCache([source])) == """
                t.yaml:2:7: error: m [invalid-value]
                   2 |  key: value
                     |       ^~~~~

                1 error, 0 warnings in 1 file

                """)
    }

    @Test func theGutterWidensForLongLineNumbersAndTildesStopAtTheLineEnd() {
        let source = DiagnosticsTests.source("t.yaml", count: 12345, lines: [12345: "k: ab"])
        let diagnostics = Diagnostics([Diagnostic(.error, .invalidValue, "m", at: loc(12345, 4), length: 9)])
        #expect(
            diagnostics.rendered(sources: SourceCache([source])) == """
                t.yaml:12345:4: error: m [invalid-value]
                12345 | k: ab
                      |    ^~

                1 error, 0 warnings in 1 file

                """)
    }

    static func windowed(lineLength: Int, column: Int, length: Int) -> String {
        let line = String((0..<lineLength).map { Character(String($0 % 10)) })
        let source = SourceText(path: "t.yaml", string: line + "\n")
        let diagnostics = Diagnostics([Diagnostic(.error, .invalidValue, "m", at: loc(1, column), length: length)])
        let rendered = diagnostics.rendered(sources: SourceCache([source])).split(separator: "\n")
        return rendered[1] + "\n" + rendered[2]
    }

    static func digits(_ range: Range<Int>) -> String { String(range.map { Character(String($0 % 10)) }) }

    @Test func aLineOf200CharactersIsShownWhole() {
        #expect(
            Self.windowed(lineLength: 200, column: 200, length: 1)
                == "   1 | " + Self.digits(0..<200) + "\n     | " + String(repeating: " ", count: 199) + "^")
    }

    @Test func aLongLineIsCutAfterTheWindowWhenTheColumnIsNearTheStart() {
        #expect(
            Self.windowed(lineLength: 300, column: 5, length: 2)
                == "   1 | " + Self.digits(0..<200) + "…\n     |     ^~")
    }

    @Test func aLongLineIsCutBeforeTheWindowWhenTheColumnIsNearTheEnd() {
        #expect(
            Self.windowed(lineLength: 300, column: 250, length: 3)
                == "   1 | …" + Self.digits(100..<300) + "\n     | " + String(repeating: " ", count: 150) + "^~~")
    }

    @Test func aLongLineIsCutOnBothSidesAroundAMiddleColumn() {
        #expect(
            Self.windowed(lineLength: 400, column: 150, length: 400)
                == "   1 | …" + Self.digits(49..<249) + "…\n     | " + String(repeating: " ", count: 101) + "^"
                + String(repeating: "~", count: 99))
    }
}
