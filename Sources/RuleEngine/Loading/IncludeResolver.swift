import YAMLKit

/// Reads the root files and their includes in expansion order (rule-files.md §2.5): a file's includes first, in
/// the order listed, then its own entries. Detects cycles, files reached twice and nesting deeper than 16.
struct IncludeResolver {
    struct ExpandedEntry {
        let node: YAMLNode.Mapping
        let file: String
        let defaults: RuleFile.Defaults
        let root: String
    }

    static let maxDepth = 16

    var diagnostics = Diagnostics()
    var sources = SourceCache()
    var entries: [ExpandedEntry] = []
    /// Every file read, with its bytes' SHA-256 source, in load order.
    var files: [(path: String, bytes: [UInt8], isRoot: Bool)] = []
    var firstName: String?
    /// Includes per root file (for `aurora check`'s OK line).
    var includeCounts: [String: Int] = [:]
    private var loadedFrom: [String: SourceLocation?] = [:]
    let limits: YAMLLimits

    init(limits: YAMLLimits) { self.limits = limits }

    mutating func expand(roots: [String]) {
        for root in roots {
            includeCounts[root] = 0
            load(path: root, root: root, chain: [], site: nil)
        }
    }

    private mutating func load(path: String, root: String, chain: [String], site: YAMLNode.Scalar?) {
        let key = RulePath.normalize(path)
        if let first = loadedFrom[key] {
            var notes: [String] = []
            if let first { notes.append("also loaded from \(first)") } else { notes.append("also loaded as a root file") }
            diagnostics.append(Diagnostic(.error, .includeDuplicate, "'\(path)' is loaded more than once",
                                          at: site?.location, length: site?.length ?? 1,
                                          file: site == nil ? path : nil, notes: notes))
            return
        }
        loadedFrom[key] = site?.location
        let isRoot = site == nil
        if !isRoot { includeCounts[root, default: 0] += 1 }
        let bytes: [UInt8]
        switch SourceFileReader.read(path) {
        case .success(let b): bytes = b
        case .failure(.unreadable(let reason)):
            diagnostics.append(Diagnostic(.error, .ioError, "cannot read '\(path)': \(reason)", file: path))
            return
        case .failure(.tooLarge(let size)):
            diagnostics.append(Diagnostic(.error, .fileTooLarge,
                                          "rule files are limited to 4 MiB; '\(path)' is \(SourceFileReader.sizeText(size))",
                                          file: path))
            return
        }
        files.append((path, bytes, isRoot))
        let text = SourceText(path: path, bytes: bytes)
        sources.add(text)
        let root_node: YAMLNode
        switch YAMLParser.parse(text, limits: limits) {
        case .success(let node): root_node = node
        case .failure(let problems):
            diagnostics.append(contentsOf: problems)
            return
        }
        let file = RuleFile(path: path, root: root_node, diagnostics: &diagnostics)
        if firstName == nil, isRoot { firstName = file.name ?? "" }
        let directory = RulePath.directory(of: path)
        for include in file.includes {
            if include.path.hasPrefix("/") {
                diagnostics.append(Diagnostic(.error, .includeAbsolute,
                    "include paths must be relative to the including file, got '\(include.path)'",
                    at: include.scalar.location, length: include.scalar.length))
                continue
            }
            let resolved = RulePath.normalize(RulePath.join(directory, include.path))
            let nextChain = chain + [key]
            if nextChain.contains(resolved) {
                let cycle = (nextChain.drop { $0 != resolved } + [resolved]).joined(separator: " → ")
                diagnostics.append(Diagnostic(.error, .includeCycle, "include cycle: \(cycle)",
                                              at: include.scalar.location, length: include.scalar.length))
                continue
            }
            if nextChain.count >= Self.maxDepth {
                diagnostics.append(Diagnostic(.error, .includeTooDeep, "includes nest deeper than \(Self.maxDepth) files",
                                              at: include.scalar.location, length: include.scalar.length))
                continue
            }
            guard SourceFileReader.exists(resolved) else {
                diagnostics.append(Diagnostic(.error, .includeNotFound,
                    "included file '\(include.path)' not found (resolved to '\(resolved)')",
                    at: include.scalar.location, length: include.scalar.length))
                continue
            }
            load(path: resolved, root: root, chain: nextChain, site: include.scalar)
        }
        for entry in file.entries {
            entries.append(ExpandedEntry(node: entry, file: path, defaults: file.defaults, root: root))
        }
    }
}
