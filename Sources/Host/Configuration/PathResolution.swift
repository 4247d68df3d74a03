/// Relative paths written in the configuration file resolve against the file's directory (http-api.md §11).
enum PathResolution {
    /// `path` unchanged when absolute or when `directory` is empty, else `directory/path` with `.` and `..`
    /// resolved lexically: `configs` + `../rules/default.yaml` → `rules/default.yaml`.
    static func resolve(_ path: String, against directory: String) -> String {
        guard !path.hasPrefix("/"), !directory.isEmpty, directory != "." else { return normalize(path) }
        return normalize(directory + "/" + path)
    }

    /// The directory part of `path`: `configs` for `configs/aurora.yaml`, `""` for `aurora.yaml`, `/` for `/a`.
    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        let head = String(path[..<slash])
        return head.isEmpty ? "/" : head
    }

    static func normalize(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/") {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != ".." {
                parts.removeLast()
                continue
            }
            if part == "..", path.hasPrefix("/"), parts.isEmpty { continue }
            parts.append(part)
        }
        let joined = parts.joined(separator: "/")
        if path.hasPrefix("/") { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }
}
