import RuleEngine
import YAMLKit

extension HostConfiguration {
    /// Reads the configuration with the precedence flag > environment > file > default (http-api.md §11).
    ///
    /// - `configPath` (`--config`), else env `AURORA_CONFIG`, else `configs/aurora.yaml`. A named file that cannot
    ///   be read is an error; an absent default file means the built-in defaults.
    /// - `envFile` (`--env-file`): its `KEY=VALUE` lines are added to `environment`, never over a variable that is
    ///   already set; the result is the environment every key (and `AURORA_OPS_TOKEN`) is read from.
    /// - Every problem is collected — unknown keys (with did-you-mean), wrong types, values out of range, invalid
    ///   CIDRs, a predictor without its required keys — and thrown together.
    /// - `defaultConfigPath` is the file read when none is named (tests point it elsewhere).
    public static func load(
        configPath: String?, flags: Flags = Flags(), environment: [String: String], envFile: String? = nil,
        defaultConfigPath: String = HostConfigKeys.defaultConfigPath
    ) throws(ConfigurationError) -> HostConfiguration {
        var environment = environment
        var cache = SourceCache()
        if let envFile { try apply(envFile: envFile, to: &environment, cache: &cache) }

        let (path, pathOrigin, named) = configFileChoice(
            configPath: configPath, environment: environment, defaultPath: defaultConfigPath)
        var mapping: YAMLNode.Mapping?
        var readPath: String?
        switch FileBytes.read(path) {
        case .failure(let failure):
            if named || !failure.isMissing {
                let diagnostic = Diagnostic(
                    .error, .ioError, "cannot read configuration file '\(path)': \(failure)", file: path,
                    notes: named ? ["named by \(pathOrigin)"] : [])
                throw ConfigurationError(diagnostics: Diagnostics([diagnostic]), sources: cache)
            }
        case .success(let (bytes, _)):
            let text = SourceText(path: path, bytes: bytes)
            cache.add(text)
            readPath = path
            var limits = YAMLLimits()
            limits.fileKind = "configuration file"
            switch YAMLParser.parse(text, limits: limits) {
            case .failure(let diagnostics):
                throw ConfigurationError(diagnostics: diagnostics, sources: cache)
            case .success(let root):
                if let rootMapping = root.mapping {
                    mapping = rootMapping
                } else if !root.isNull {
                    let diagnostic = Diagnostic.error(
                        .typeMismatch, "a configuration file must be a mapping of keys, got \(root.kindDescription)",
                        at: root)
                    throw ConfigurationError(diagnostics: Diagnostics([diagnostic]), sources: cache)
                }
            }
        }

        let sources = ConfigSources(flags: flags.values, environment: environment, file: mapping, path: readPath)
        var reading = Reading(sources: sources, configDirectory: readPath.map(PathResolution.directory(of:)))
        let configuration = reading.read(configFile: readPath, configFileOrigin: pathOrigin)
        guard let configuration else {
            throw ConfigurationError(diagnostics: reading.diagnostics, sources: cache)
        }
        return configuration
    }

    /// The file to read, what named it, and whether it was named (so that its absence is an error).
    private static func configFileChoice(
        configPath: String?, environment: [String: String], defaultPath: String
    ) -> (path: String, origin: String, named: Bool) {
        if let configPath { return (configPath, "--config", true) }
        let variable = HostConfigKeys.configEnvironmentVariable
        if let path = environment[variable], !path.trimmingASCIIWhitespace().isEmpty {
            return (path, "env \(variable)", true)
        }
        return (defaultPath, "default", false)
    }

    /// Adds the env file's variables that are not already set (a later line of the file wins over an earlier one).
    private static func apply(
        envFile: String, to environment: inout [String: String], cache: inout SourceCache
    ) throws(ConfigurationError) {
        let bytes: [UInt8]
        switch FileBytes.read(envFile) {
        case .failure(let failure):
            let diagnostic = Diagnostic(
                .error, .ioError, "cannot read env file '\(envFile)': \(failure)", file: envFile,
                notes: ["named by --env-file"])
            throw ConfigurationError(diagnostics: Diagnostics([diagnostic]), sources: cache)
        case .success(let (read, _)):
            bytes = read
        }
        let text = SourceText(path: envFile, bytes: bytes)
        cache.add(text)
        switch EnvFile.parse(text) {
        case .failure(let diagnostics):
            throw ConfigurationError(diagnostics: diagnostics, sources: cache)
        case .success(let variables):
            let alreadySet = Set(environment.keys)
            for (key, value) in variables where !alreadySet.contains(key) {
                environment[key] = value
            }
        }
    }
}
