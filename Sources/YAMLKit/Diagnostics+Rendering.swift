extension Diagnostics {
    /// Every diagnostic in `sorted` order, in the format of rule-files.md §4.1, then the summary line
    /// (`3 errors, 1 warning in 2 files`) and a newline. A diagnostic whose file is not in `sources` (or whose line
    /// is not in the file) is printed without a snippet.
    public func rendered(sources: SourceCache) -> String {
        var out = ""
        for diagnostic in sorted {
            out += diagnostic.description + "\n"
            if let location = diagnostic.location, let line = sources[location.file]?.line(location.line) {
                out += Snippet.render(line: line, location: location, length: diagnostic.length)
            }
            for note in diagnostic.notes {
                out += "   note: \(note)\n"
            }
            out += "\n"
        }
        return out + summary + "\n"
    }

    /// `<n> error(s), <m> warning(s) in <k> file(s)`, k counting the distinct paths among the diagnostics.
    public var summary: String {
        let files = Set(compactMap(\.path)).count
        return "\(Self.counted(errorCount, "error")), \(Self.counted(warningCount, "warning")) in "
            + Self.counted(files, "file")
    }

    private static func counted(_ count: Int, _ noun: String) -> String {
        "\(count) \(noun)\(count == 1 ? "" : "s")"
    }
}
