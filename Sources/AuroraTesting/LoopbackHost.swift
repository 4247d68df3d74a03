public import Host
public import RuleEngine

/// A `Host` on `127.0.0.1:0` with any registry and an inline rule file, for live-socket tests: the records go to
/// memory (`sink`) unless a session directory is asked for. Shut down when the value is released.
public final class LoopbackHost: Sendable {
    public let host: Host
    public let port: Int
    /// The in-memory sink, when the host logs to memory.
    public let sink: InMemoryEventSink?
    private let directory: TemporaryDirectory

    /// Starts a host on a free loopback port. `configure` edits the settings (threads, limits, fsync, predictor);
    /// `sessionFiles: true` writes a real session directory inside a temporary directory.
    public init(rules yaml: String, registry: RuleRegistry, sessionFiles: Bool = false,
                configure: (inout HostSettings) -> Void = { _ in }) throws {
        directory = TemporaryDirectory(prefix: "aurora-loopback")
        let rules = directory.write("rules.yaml", yaml)
        var settings = HostSettings(listenHost: "127.0.0.1", listenPort: 0, threads: 2, ruleFiles: [rules],
                                    sessionDirectory: directory.file("session"))
        configure(&settings)
        let memory = sessionFiles ? nil : InMemoryEventSink()
        host = try Host(settings: settings, registry: registry, build: .init(version: "0.1.0-test"),
                        logs: memory.map { .memory($0) } ?? .sessionDirectory)
        sink = memory
        port = try host.start()
    }

    /// The session directory (meaningful with `sessionFiles: true`).
    public var sessionDirectory: String { host.sessionDirectory }

    deinit { host.shutdown(signal: "SIGTERM") }
}
