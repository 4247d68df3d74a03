/// One mapping being read: which keys were declared (read), and the sections opened from it.
final class ConfigScope {
    let mapping: YAMLNode.Mapping?
    /// Prepended to key names for flags, origins and messages: `""` or `server.`.
    let prefix: String
    let place: String
    /// The file (or the params' place) that section places are named after.
    let basePlace: String
    let isRoot: Bool
    private(set) var declared: [String] = []
    private var declaredSet: Set<String> = []
    var sections: Set<String> = []
    private var children: [String: ConfigScope] = [:]
    private var childOrder: [ConfigScope] = []

    init(mapping: YAMLNode.Mapping?, prefix: String, place: String, basePlace: String, isRoot: Bool) {
        self.mapping = mapping
        self.prefix = prefix
        self.place = place
        self.basePlace = basePlace
        self.isRoot = isRoot
    }

    func declare(_ name: String) {
        if declaredSet.insert(name).inserted { declared.append(name) }
    }

    /// The section scope `name`, created on first use.
    func child(_ name: String, mapping: YAMLNode.Mapping?, place: String) -> ConfigScope {
        if let existing = children[name] { return existing }
        let child = ConfigScope(
            mapping: mapping, prefix: prefix + name + ".", place: place, basePlace: basePlace, isRoot: false)
        children[name] = child
        childOrder.append(child)
        return child
    }

    /// This scope and every section below it, depth first.
    var subtree: [ConfigScope] {
        [self] + childOrder.flatMap(\.subtree)
    }

    func reportUnknownKeys(into diagnostics: inout Diagnostics) {
        guard let mapping else { return }
        for entry in mapping.entries where !declaredSet.contains(entry.key.text) {
            let name = entry.key.text
            var notes = DidYouMean.note(for: name, among: declared).map { [$0] } ?? []
            notes.append("valid keys: " + Self.list(declared))
            diagnostics.append(.error(.unknownKey, "unknown key '\(name)' in \(place)", at: entry.key, notes: notes))
        }
    }

    /// `a, b, c` sorted byte-wise, or `none`.
    static func list(_ names: [String]) -> String {
        names.isEmpty ? "none" : names.sorted(by: ByteOrder.precedes).joined(separator: ", ")
    }
}
