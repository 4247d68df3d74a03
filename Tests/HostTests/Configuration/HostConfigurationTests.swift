import AuroraTesting
import Foundation
import Host
import Testing
import YAMLKit

/// `HostConfiguration.load` (http-api.md §11): precedence, origins, errors, relative paths, flags, env files.
@Suite struct HostConfigurationTests {
    let directory = TemporaryDirectory()

    func load(
        _ yaml: String? = nil, flags: HostConfiguration.Flags = .init(), environment: [String: String] = [:],
        envFile: String? = nil
    ) throws(ConfigurationError) -> HostConfiguration {
        let path = yaml.map { directory.write("configs/aurora.yaml", $0) }
        return try HostConfiguration.load(
            configPath: path, flags: flags, environment: environment, envFile: envFile,
            defaultConfigPath: directory.file("absent/aurora.yaml"))
    }

    /// The rendered diagnostics of a configuration that must fail, with the temporary directory shown as `<tmp>`.
    func failure(
        _ yaml: String? = nil, flags: HostConfiguration.Flags = .init(), environment: [String: String] = [:],
        envFile: String? = nil
    ) -> String {
        do {
            _ = try load(yaml, flags: flags, environment: environment, envFile: envFile)
            return "loaded"
        } catch {
            return error.rendered.replacingOccurrences(of: directory.path, with: "<tmp>")
        }
    }

    @Test func everyKeyHasItsDefaultWhenTheDefaultFileIsAbsent() throws {
        let configuration = try load()
        #expect(configuration.configFile == nil)
        #expect(configuration.configFileOrigin == "default")
        let rows = configuration.settings.map { "\($0.key)=\($0.valueText) (\($0.origin))" }
        let threads = configuration.threads
        #expect(threads >= 1)
        #expect(rows == [
            "server.listen=127.0.0.1:8000 (default)", "server.threads=\(threads) (default)",
            "server.max_head_bytes=16384 (default)", "server.max_headers=100 (default)",
            "server.max_body_bytes=65536 (default)", "server.head_timeout_ms=10000 (default)",
            "server.body_timeout_ms=10000 (default)", "server.idle_timeout_ms=60000 (default)",
            "server.write_timeout_ms=10000 (default)", "server.max_connections=10000 (default)",
            "server.drain_timeout_ms=10000 (default)", "mode=testnet (default)",
            "rules.files=[rules/default.yaml] (default)", "logging.session_dir=logs/<run_id>/ (default)",
            "logging.fsync=interval (default)", "logging.fsync_interval_ms=1000 (default)",
            "logging.rotate_max_bytes=104857600 (default)", "logging.rotate_daily=true (default)",
            "logging.retention_days=7 (default)", "logging.retention_files=0 (default)",
            "state.path=state/aurora_state.json (default)", "ops.token_file=none (default)",
            "ops.allowlist=[127.0.0.1/32, ::1/128] (default)", "ops.trusted_proxies=[] (default)",
            "ops.rotation_cooldown_s=30 (default)", "ack.ttl_s=300 (default)", "ack.scan_period_s=1.0 (default)",
            "predictor.weights=none (default)", "predictor.bias=none (default)",
            "predictor.residual_sigma=none (default)", "predictor.z=1.96 (default)", "predictor.regime=0 (default)",
        ])
        #expect(configuration.listen.description == "127.0.0.1:8000")
        #expect(configuration.fsync == .interval)
        #expect(configuration.opsAllowlist == CIDR.loopback)
        #expect(configuration.predictor == nil)
        #expect(configuration.opsToken.disabled?.code == .noTokenConfigured)
        #expect(configuration.sessionDirectory(runID: "20260105-090000") == "logs/20260105-090000/")
    }

    @Test func aFlagWinsOverTheEnvironmentWhichWinsOverTheFile() throws {
        let yaml = "server:\n  listen: 127.0.0.1:9000\n"
        let environment = ["AURORA_SERVER_LISTEN": "127.0.0.1:9001"]
        let fromFile = try load(yaml)
        #expect(fromFile.listen.port == 9000)
        #expect(fromFile.origin(of: "server.listen")?.description == directory.file("configs/aurora.yaml") + ":2:3")
        let fromEnvironment = try load(yaml, environment: environment)
        #expect(fromEnvironment.listen.port == 9001)
        #expect(fromEnvironment.origin(of: "server.listen")?.description == "env AURORA_SERVER_LISTEN")
        let fromFlag = try load(yaml, flags: .init(listen: "[::1]:9002"), environment: environment)
        #expect(fromFlag.listen.description == "[::1]:9002")
        #expect(fromFlag.origin(of: "server.listen")?.description == "flag")
        #expect(fromFlag.origin(of: "server.threads")?.description == "default")
    }

    @Test func setAssignsAnyKeyAndTheNamedShortcutsWinOverIt() throws {
        let flags = HostConfiguration.Flags(
            assignments: [
                .init(key: "server.threads", value: "3"), .init(key: "logging.fsync", value: "always"),
                .init(key: "server.listen", value: "127.0.0.1:1"),
            ],
            listen: "127.0.0.1:2", rules: ["a.yaml", "b.yaml"], sessionDir: "logs/x")
        let configuration = try load(flags: flags)
        #expect(configuration.threads == 3)
        #expect(configuration.fsync == .always)
        #expect(configuration.listen.port == 2)
        #expect(configuration.ruleFiles == ["a.yaml", "b.yaml"])
        #expect(configuration.sessionDirTemplate == "logs/x")
        #expect(configuration.origin(of: "rules.files") == .flag("rules.files"))
    }

    @Test func assignmentsSplitAtTheFirstEqualsSign() {
        #expect(HostConfiguration.Flags.Assignment(parsing: "a.b=c=d") == .init(key: "a.b", value: "c=d"))
        #expect(HostConfiguration.Flags.Assignment(parsing: "a.b=") == .init(key: "a.b", value: ""))
        #expect(HostConfiguration.Flags.Assignment(parsing: "a.b") == nil)
        #expect(HostConfiguration.Flags.Assignment(parsing: "=x") == nil)
    }

    @Test func environmentValuesAreListsAndLenientBooleans() throws {
        let configuration = try load(environment: [
            "AURORA_OPS_ALLOWLIST": "10.0.0.0/8, ::1", "AURORA_LOGGING_ROTATE_DAILY": "OFF",
            "AURORA_RULES": "rules/a.yaml,rules/b.yaml", "AURORA_MODE": " Prod ",
            "AURORA_PREDICTOR_WEIGHTS": "0.5,1", "AURORA_PREDICTOR_BIAS": "0.1",
            "AURORA_PREDICTOR_RESIDUAL_SIGMA": "2",
        ])
        #expect(configuration.opsAllowlist.map(\.description) == ["10.0.0.0/8", "::1/128"])
        #expect(configuration.rotateDaily == false)
        #expect(configuration.ruleFiles == ["rules/a.yaml", "rules/b.yaml"])
        #expect(configuration.mode == "prod")
        #expect(configuration.predictor == PredictorSettings(weights: [0.5, 1], bias: 0.1, residualSigma: 2))
    }

    @Test func relativePathsInTheFileResolveAgainstItsDirectory() throws {
        let yaml = "rules:\n  files: [../rules/a.yaml, /abs/b.yaml, ./c.yaml]\nops:\n  token_file: ../secrets/ops\n"
        let configuration = try load(yaml)
        #expect(configuration.ruleFiles == [
            directory.file("rules/a.yaml"), "/abs/b.yaml", directory.file("configs/c.yaml"),
        ])
        #expect(configuration.opsTokenFile == directory.file("secrets/ops"))
        let setting = try #require(configuration.settings.first { $0.key == "rules.files" })
        #expect(setting.valueText == "[\(directory.file("rules/a.yaml")), /abs/b.yaml, \(directory.file("configs/c.yaml"))]")
    }

    @Test func relativePathsFromTheEnvironmentOrAFlagStayRelativeToTheWorkingDirectory() throws {
        let yaml = "rules:\n  files: [../rules/a.yaml]\n"
        let fromEnvironment = try load(yaml, environment: ["AURORA_RULES": "rules/x.yaml", "AURORA_OPS_TOKEN_FILE": "s/t"])
        #expect(fromEnvironment.ruleFiles == ["rules/x.yaml"])
        #expect(fromEnvironment.opsTokenFile == "s/t")
        let fromFlag = try load(yaml, flags: .init(rules: ["r.yaml"]))
        #expect(fromFlag.ruleFiles == ["r.yaml"])
    }

    @Test func aNamedFileThatDoesNotExistIsAnError() {
        var rendered = "loaded"
        do {
            _ = try HostConfiguration.load(configPath: directory.file("nope.yaml"), environment: [:])
        } catch {
            rendered = error.rendered.replacingOccurrences(of: directory.path, with: "<tmp>")
        }
        #expect(rendered == """
            <tmp>/nope.yaml: error: cannot read configuration file '<tmp>/nope.yaml': No such file or directory [io-error]
               note: named by --config

            1 error, 0 warnings in 1 file

            """)
    }

    @Test func aFileNamedByAuroraConfigMustExistToo() {
        let rendered = failure(environment: ["AURORA_CONFIG": directory.file("gone.yaml")])
        #expect(rendered == """
            <tmp>/gone.yaml: error: cannot read configuration file '<tmp>/gone.yaml': No such file or directory [io-error]
               note: named by env AURORA_CONFIG

            1 error, 0 warnings in 1 file

            """)
    }

    @Test func unknownKeysAreErrorsWithADidYouMean() {
        let rendered = failure("server:\n  lisen: 127.0.0.1:1\nmetrics: {}\n")
        #expect(rendered == """
            <tmp>/configs/aurora.yaml:2:3: error: unknown key 'lisen' in section 'server' of <tmp>/configs/aurora.yaml [unknown-key]
               2 |   lisen: 127.0.0.1:1
                 |   ^~~~~
               note: did you mean 'listen'?
               note: valid keys: body_timeout_ms, drain_timeout_ms, head_timeout_ms, idle_timeout_ms, listen, max_body_bytes, max_connections, max_head_bytes, max_headers, threads, write_timeout_ms

            <tmp>/configs/aurora.yaml:3:1: error: unknown key 'metrics' in <tmp>/configs/aurora.yaml [unknown-key]
               3 | metrics: {}
                 | ^~~~~~~
               note: valid keys: ack, logging, mode, ops, predictor, rules, server, state

            2 errors, 0 warnings in 1 file

            """)
    }

    @Test func anInlineOpsTokenIsAnUnknownKeyThatSaysWhereTheTokenComesFrom() {
        let rendered = failure("security:\n  ops_token: abcdefghijklmnopqrstuvwxyz\n")
        #expect(!rendered.contains("abcdefghijklmnopqrstuvwxyz"))
        #expect(rendered == """
            <tmp>/configs/aurora.yaml:1:1: error: unknown key 'security' in <tmp>/configs/aurora.yaml [unknown-key]
               1 | security:
                 | ^~~~~~~~
               note: valid keys: ack, logging, mode, ops, predictor, rules, server, state
               note: the OPS token is never a configuration value: set AURORA_OPS_TOKEN or ops.token_file

            1 error, 0 warnings in 1 file

            """)
    }

    @Test func wrongTypesAndValuesOutOfRangeAreLocated() {
        let rendered = failure("server:\n  threads: 0\n  max_body_bytes: \"64\"\nlogging:\n  fsync: alway\n")
        #expect(rendered == """
            <tmp>/configs/aurora.yaml:2:12: error: 'server.threads' must be ≥ 1, got 0 [out-of-range]
               2 |   threads: 0
                 |            ^

            <tmp>/configs/aurora.yaml:3:19: error: 'server.max_body_bytes' must be an integer, got the string "64" [type-mismatch]
               3 |   max_body_bytes: "64"
                 |                   ^~~~
               note: remove the quotes to write a number

            <tmp>/configs/aurora.yaml:5:10: error: 'logging.fsync' must be one of never, interval, always, got 'alway' [invalid-value]
               5 |   fsync: alway
                 |          ^~~~~
               note: did you mean 'always'?

            3 errors, 0 warnings in 1 file

            """)
    }

    @Test func environmentAndFlagProblemsNameTheirSource() {
        let rendered = failure(
            flags: .init(assignments: [.init(key: "server.thread", value: "2"), .init(key: "ack.ttl_s", value: "-1")]),
            environment: ["AURORA_SERVER_THREADS": "many", "AURORA_LOGGING_ROTATE_DAILY": "maybe"])
        #expect(rendered == """
            error: 'ack.ttl_s' must be ≥ 0, got -1 [out-of-range]
               note: set on the command line

            error: 'logging.rotate_daily' must be true or false, got 'maybe' [type-mismatch]
               note: set by environment variable AURORA_LOGGING_ROTATE_DAILY

            error: 'server.threads' must be an integer, got 'many' [type-mismatch]
               note: set by environment variable AURORA_SERVER_THREADS

            error: unknown key 'server.thread' in the command line [unknown-key]
               note: did you mean 'server.threads'?
               note: valid keys: ack.scan_period_s, ack.ttl_s, logging.fsync, logging.fsync_interval_ms, logging.retention_days, logging.retention_files, logging.rotate_daily, logging.rotate_max_bytes, logging.session_dir, mode, ops.allowlist, ops.rotation_cooldown_s, ops.token_file, ops.trusted_proxies, predictor.bias, predictor.regime, predictor.residual_sigma, predictor.weights, predictor.z, rules.files, server.body_timeout_ms, server.drain_timeout_ms, server.head_timeout_ms, server.idle_timeout_ms, server.listen, server.max_body_bytes, server.max_connections, server.max_head_bytes, server.max_headers, server.threads, server.write_timeout_ms, state.path

            4 errors, 0 warnings in 0 files

            """)
    }

    @Test func invalidCIDRsAreReportedPerItem() {
        let rendered = failure(
            "ops:\n  allowlist: [127.0.0.1, 10.0.0.1/8]\n", environment: ["AURORA_OPS_TRUSTED_PROXIES": "::1,300.0.0.1"])
        #expect(rendered == """
            <tmp>/configs/aurora.yaml:2:26: error: 'ops.allowlist[1]' must be a CIDR such as 10.0.0.0/8 or ::1/128 (an address alone is one host), got '10.0.0.1/8' [invalid-value]
               2 |   allowlist: [127.0.0.1, 10.0.0.1/8]
                 |                          ^~~~~~~~~~
               note: host bits are set beyond the /8 prefix; write '10.0.0.0/8'

            error: 'ops.trusted_proxies[1]' must be a CIDR such as 10.0.0.0/8 or ::1/128 (an address alone is one host), got '300.0.0.1' [invalid-value]
               note: '300.0.0.1' is not an IPv4 or IPv6 address
               note: set by environment variable AURORA_OPS_TRUSTED_PROXIES

            2 errors, 0 warnings in 1 file

            """)
    }

    @Test func aListenAddressMustBeALiteralWithAPort() {
        let rendered = failure(flags: .init(listen: "localhost:8000"))
        #expect(rendered == """
            error: 'server.listen' must be host:port with an IPv4 or bracketed IPv6 literal and a port 0…65535 (e.g. 127.0.0.1:8000, [::1]:8000), got localhost:8000 [out-of-range]
               note: set on the command line

            1 error, 0 warnings in 0 files

            """)
    }

    @Test func predictorWeightsRequireBiasAndResidualSigma() {
        let rendered = failure("predictor:\n  weights: [0.5]\n")
        #expect(rendered == """
            <tmp>/configs/aurora.yaml:2:3: error: 'predictor.bias' is required when 'predictor.weights' is set [missing-key]
               2 |   weights: [0.5]
                 |   ^

            <tmp>/configs/aurora.yaml:2:3: error: 'predictor.residual_sigma' is required when 'predictor.weights' is set [missing-key]
               2 |   weights: [0.5]
                 |   ^

            2 errors, 0 warnings in 1 file

            """)
    }

    @Test func theEnvFileNeverOverridesASetVariable() throws {
        let envFile = directory.write(
            "aurora.env",
            "AURORA_SERVER_THREADS=7\nAURORA_MODE=prod\nAURORA_OPS_TOKEN=env-file-token-0123456789abcdef\n")
        let configuration = try load(environment: ["AURORA_MODE": "paper"], envFile: envFile)
        #expect(configuration.threads == 7)
        #expect(configuration.mode == "paper")
        #expect(configuration.origin(of: "server.threads")?.description == "env AURORA_SERVER_THREADS")
        #expect(configuration.opsToken.token?.mask == "****cdef")
        #expect(configuration.opsToken.source == .environment)
    }

    @Test func aMissingOrMalformedEnvFileIsAnError() {
        #expect(failure(envFile: directory.file("none.env")) == """
            <tmp>/none.env: error: cannot read env file '<tmp>/none.env': No such file or directory [io-error]
               note: named by --env-file

            1 error, 0 warnings in 1 file

            """)
        let bad = directory.write("bad.env", "JUST TEXT\n")
        #expect(failure(envFile: bad) == """
            <tmp>/bad.env:1:1: error: expected KEY=VALUE, got 'JUST TEXT' [env-file-syntax]
               1 | JUST TEXT
                 | ^~~~~~~~~

            1 error, 0 warnings in 1 file

            """)
    }

    @Test func anEmptyFileMeansDefaultsAndANonMappingIsAnError() throws {
        let empty = try load("# nothing yet\n")
        #expect(empty.configFile == directory.file("configs/aurora.yaml"))
        #expect(empty.settings.allSatisfy { $0.origin == .builtIn })
        #expect(failure("- a\n- b\n") == """
            <tmp>/configs/aurora.yaml:1:1: error: a configuration file must be a mapping of keys, got a list [type-mismatch]
               1 | - a
                 | ^

            1 error, 0 warnings in 1 file

            """)
    }

    @Test func theShippedConfigurationLoadsClean() throws {
        let configuration = try HostConfiguration.load(
            configPath: AuroraRepository.root + "/configs/aurora.yaml", environment: [:])
        #expect(configuration.ruleFiles == [AuroraRepository.root + "/rules/default.yaml"])
        #expect(configuration.opsAllowlist == CIDR.loopback)
    }
}
