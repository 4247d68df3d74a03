import Foundation
import Testing

/// `aurora config print` (http-api.md §11): every key, its effective value and its origin; secrets never shown.
@Suite struct ConfigCommandTests {
    /// A scratch directory for one test, removed afterwards.
    final class Scratch {
        let path = NSTemporaryDirectory() + "aurora-config-\(UUID().uuidString)"
        init() { try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) }
        deinit { try? FileManager.default.removeItem(atPath: path) }

        @discardableResult
        func write(_ name: String, _ text: String) -> String {
            let file = path + "/" + name
            try? FileManager.default.createDirectory(
                atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            _ = FileManager.default.createFile(atPath: file, contents: Data(text.utf8))
            return file
        }
    }

    static let token = "super-secret-ops-token-0123456789"

    @Test func printsEveryKeyWithItsValueAndOrigin() throws {
        let scratch = Scratch()
        let config = scratch.write("configs/aurora.yaml", "server:\n  listen: 127.0.0.1:9100\nrules:\n  files: [../r.yaml]\n")
        let r = try AuroraProcess.run(
            ["config", "print", "--config", config, "--set", "server.threads=3", "--rules", "x.yaml"],
            environment: ["AURORA_MODE": "prod", "AURORA_OPS_TOKEN": ""])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.isEmpty)
        let output = r.stdout.replacingOccurrences(of: scratch.path, with: "<tmp>")
        #expect(output == """
            config file  <tmp>/configs/aurora.yaml (--config)
            ops token    OPS API disabled: no token configured (set AURORA_OPS_TOKEN or ops.token_file)

            key                        value                    origin
            server.listen              127.0.0.1:9100           <tmp>/configs/aurora.yaml:2:3
            server.threads             3                        flag
            server.max_head_bytes      16384                    default
            server.max_headers         100                      default
            server.max_body_bytes      65536                    default
            server.head_timeout_ms     10000                    default
            server.body_timeout_ms     10000                    default
            server.idle_timeout_ms     60000                    default
            server.write_timeout_ms    10000                    default
            server.max_connections     10000                    default
            server.drain_timeout_ms    10000                    default
            mode                       prod                     env AURORA_MODE
            rules.files                [x.yaml]                 flag
            logging.session_dir        logs/<run_id>/           default
            logging.fsync              interval                 default
            logging.fsync_interval_ms  1000                     default
            logging.rotate_max_bytes   104857600                default
            logging.rotate_daily       true                     default
            logging.retention_days     7                        default
            logging.retention_files    0                        default
            state.path                 state/aurora_state.json  default
            ops.token_file             none                     default
            ops.allowlist              [127.0.0.1/32, ::1/128]  default
            ops.trusted_proxies        []                       default
            ops.rotation_cooldown_s    30                       default
            ack.ttl_s                  300                      default
            ack.scan_period_s          1.0                      default
            predictor.weights          none                     default
            predictor.bias             none                     default
            predictor.residual_sigma   none                     default
            predictor.z                1.96                     default
            predictor.regime           0                        default

            """)
    }

    @Test func theShippedConfigurationIsReadByDefaultWithPathsResolved() throws {
        let r = try AuroraProcess.run(["config", "print"], environment: ["AURORA_OPS_TOKEN": ""])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "config file  configs/aurora.yaml (default)")
        #expect(lines.contains { $0.hasPrefix("rules.files ") && $0.hasSuffix("[rules/default.yaml]     configs/aurora.yaml:9:3") })
    }

    @Test func theTokenIsNeverPrintedOnlyWhereItComesFrom() throws {
        let scratch = Scratch()
        let tokenFile = scratch.write("ops_token", Self.token + "\n")
        chmod(tokenFile, 0o644)
        let config = scratch.write("aurora.yaml", "ops:\n  token_file: ops_token\n")
        let fromFile = try AuroraProcess.run(["config", "print", "--config", config], environment: ["AURORA_OPS_TOKEN": ""])
        #expect(fromFile.status == 0, "\(fromFile.stderr)")
        #expect(fromFile.stdout.contains("ops token    set, from file \(tokenFile) (never printed)\n"))
        #expect(fromFile.stdout.contains("ops.token_file             \(tokenFile)"))
        #expect(fromFile.stderr == "aurora: warning: ops.token_file '\(tokenFile)' is readable by group or others "
            + "(mode 644); restrict it with chmod 600\n")
        let envFile = scratch.write("aurora.env", "AURORA_OPS_TOKEN=\(Self.token)\n")
        let plain = scratch.write("plain.yaml", "mode: testnet\n")
        let fromEnv = try AuroraProcess.run(["config", "print", "--config", plain, "--env-file", envFile])
        #expect(fromEnv.status == 0, "\(fromEnv.stderr)")
        #expect(fromEnv.stdout.contains("ops token    set, from env AURORA_OPS_TOKEN (never printed)\n"))
        for output in [fromFile.stdout, fromFile.stderr, fromEnv.stdout, fromEnv.stderr] {
            #expect(!output.contains(Self.token))
            #expect(!output.contains("0123456789"))
        }
    }

    @Test func anInvalidConfigurationPrintsEveryProblemAndExits1() throws {
        let scratch = Scratch()
        let config = scratch.write("aurora.yaml", "server:\n  threads: 0\nsecurity:\n  ops_token: \(Self.token)\n")
        let r = try AuroraProcess.run(["config", "print", "--config", config])
        #expect(r.status == 1)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.replacingOccurrences(of: scratch.path, with: "<tmp>") == """
            <tmp>/aurora.yaml:2:12: error: 'server.threads' must be ≥ 1, got 0 [out-of-range]
               2 |   threads: 0
                 |            ^

            <tmp>/aurora.yaml:3:1: error: unknown key 'security' in <tmp>/aurora.yaml [unknown-key]
               3 | security:
                 | ^~~~~~~~
               note: valid keys: ack, logging, mode, ops, predictor, rules, server, state
               note: the OPS token is never a configuration value: set AURORA_OPS_TOKEN or ops.token_file

            2 errors, 0 warnings in 1 file

            """)
        #expect(!r.stderr.contains(Self.token))
    }

    @Test(arguments: [
        (["config"], "aurora config: missing subcommand 'print'"),
        (["config", "show"], "aurora config: unknown subcommand 'show' (expected 'print')"),
        (["config", "print", "--set", "server.threads"], "aurora config: --set takes KEY=VALUE, got 'server.threads'"),
        (["config", "print", "extra"], "aurora config: unexpected argument 'extra'"),
    ])
    func usageErrorsExit2(_ arguments: [String], _ message: String) throws {
        let r = try AuroraProcess.run(arguments)
        #expect(r.status == 2)
        #expect(r.stderr.hasPrefix(message + "\n\nusage: aurora config print"))
    }

    @Test func helpHasAnExample() throws {
        let r = try AuroraProcess.run(["help", "config"])
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("usage: aurora config print [--config FILE]"))
        #expect(r.stdout.contains("example:\n  aurora config print\n"))
    }
}
