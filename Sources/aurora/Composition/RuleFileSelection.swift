import Foundation
import RuleEngine
import YAMLKit

/// Which root rule files a command loads when none are named (rule-files.md §1): `--rules` > `AURORA_RULES` >
/// `rules.files` of the configuration file > `rules/default.yaml`.
struct RuleFileSelection {
    var files: [String]
    var origin: String

    static let defaultConfig = "configs/aurora.yaml"
    static let defaultRules = "rules/default.yaml"

    static func resolve(flags: [String], environment: [String: String] = ProcessInfo.processInfo.environment,
                        configPath: String? = nil) -> RuleFileSelection {
        if !flags.isEmpty { return RuleFileSelection(files: flags, origin: "flag --rules") }
        if let env = environment["AURORA_RULES"], !env.trimmingCharacters(in: .whitespaces).isEmpty {
            let files = env.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            return RuleFileSelection(files: files, origin: "env AURORA_RULES")
        }
        let config = configPath ?? environment["AURORA_CONFIG"] ?? defaultConfig
        if let files = filesFromConfig(config) {
            return RuleFileSelection(files: files, origin: "\(config) rules.files")
        }
        return RuleFileSelection(files: [defaultRules], origin: "default")
    }

    /// `rules.files` of a configuration file, resolved against its directory; nil when not set or unreadable.
    private static func filesFromConfig(_ path: String) -> [String]? {
        guard let data = FileManager.default.contents(atPath: path),
            case .success(let root) = YAMLParser.parse(SourceText(path: path, bytes: Array(data))),
            let list = root.mapping?["rules"]?.mapping?["files"]?.sequence
        else { return nil }
        let directory = (path as NSString).deletingLastPathComponent
        let files = list.items.compactMap { $0.scalar?.text }.map { file in
            file.hasPrefix("/") || directory.isEmpty ? file : RulePath.normalize(directory + "/" + file)
        }
        return files.isEmpty ? nil : files
    }
}
