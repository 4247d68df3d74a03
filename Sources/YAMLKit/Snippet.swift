/// The two-line caret snippet of rule-files.md §4.1.
enum Snippet {
    /// The widest source line shown unshortened; a longer line is cut to a window of this many characters around
    /// the column, with `…` marking each cut side.
    static let maxLineWidth = 200

    /// The source line and the caret line, both behind a gutter `max(4, digits)` wide. Tabs show as one space.
    /// The `~` run stops at the end of the shown text.
    static func render(line: String, location: SourceLocation, length: Int) -> String {
        let number = String(location.line)
        let width = max(4, number.count)
        let gutter = String(repeating: " ", count: width - number.count) + number + " | "
        let blank = String(repeating: " ", count: width) + " | "

        let scalars = line.unicodeScalars.map { $0 == "\t" ? " " : $0 }
        var shown = scalars[...]
        var caret = max(0, location.column - 1)
        var prefix = ""
        var suffix = ""
        if scalars.count > maxLineWidth {
            let start = max(0, min(caret - maxLineWidth / 2, scalars.count - maxLineWidth))
            let end = start + maxLineWidth
            shown = scalars[start..<end]
            if start > 0 {
                prefix = "…"
                caret = caret - start + 1
            }
            if end < scalars.count { suffix = "…" }
        }
        var text = prefix
        text.unicodeScalars.append(contentsOf: shown)
        let textEnd = prefix.count + shown.count
        let tildes = max(0, min(length - 1, textEnd - caret - 1))
        return gutter + text + suffix + "\n" + blank + String(repeating: " ", count: caret) + "^"
            + String(repeating: "~", count: tildes) + "\n"
    }
}
