/// The record a `ConfigReader` tree shares: diagnostics, origins and effective values.
final class ConfigLedger {
    var diagnostics = Diagnostics()
    var origins: [String: ConfigOrigin] = [:]
    var effective: [(name: String, value: PlainValue)] = []
    private var effectiveIndex: [String: Int] = [:]

    func record(_ name: String, value: PlainValue, origin: ConfigOrigin) {
        origins[name] = origin
        if let index = effectiveIndex[name] {
            effective[index].value = value
        } else {
            effectiveIndex[name] = effective.count
            effective.append((name: name, value: value))
        }
    }
}
