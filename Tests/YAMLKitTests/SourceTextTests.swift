import Testing
import YAMLKit

@Suite struct SourceTextTests {
    @Test func linesAreOneBasedWithoutTheirBreaks() {
        let text = SourceText(path: "t.yaml", string: "a: 1\r\nb: 2\n\nlast")
        #expect(text.lineCount == 4)
        #expect(text.line(0) == nil)
        #expect(text.line(1) == "a: 1")
        #expect(text.line(2) == "b: 2")
        #expect(text.line(3) == "")
        #expect(text.line(4) == "last")
        #expect(text.line(5) == nil)
        #expect(text.path == "t.yaml")
        #expect(text.bytes.count == 16)
    }

    @Test func aFinalNewlineStartsAnEmptyLine() {
        let text = SourceText(path: "t.yaml", string: "a\n")
        #expect(text.lineCount == 2)
        #expect(text.line(2) == "")
    }

    @Test func byteOffsetsMapToScalarColumns() {
        let text = SourceText(path: "t.yaml", string: "ab\né€x\n")
        #expect(text.mark(ofByteOffset: 0) == Mark(line: 1, column: 1))
        #expect(text.mark(ofByteOffset: 3) == Mark(line: 2, column: 1))
        #expect(text.mark(ofByteOffset: 8) == Mark(line: 2, column: 3))
    }

    @Test func theCacheFindsTextsByPath() {
        var cache = SourceCache()
        cache.add(SourceText(path: "a.yaml", string: "x"))
        #expect(cache["a.yaml"]?.line(1) == "x")
        #expect(cache["b.yaml"] == nil)
    }

    @Test func locationsPrintAndOrderByFileLineColumn() {
        #expect(loc(12, 7, "rules/default.yaml").description == "rules/default.yaml:12:7")
        #expect(loc(12, 7).line == 12 && loc(12, 7).column == 7)
        let ordered = [
            loc(9, 9, "B.yaml"), loc(1, 2, "a.yaml"), loc(2, 1, "a.yaml"), loc(2, 3, "a.yaml"), loc(1, 1, "é.yaml"),
        ]
        #expect(ordered.shuffled().sorted() == ordered)
    }
}
