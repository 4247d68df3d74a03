/// What caused an event record (observability.md §3.1 `src`).
public enum EventSource: String, Sendable, Hashable {
    /// `/pretrade/check` or `/posttrade/log`.
    case api
    /// An OPS endpoint, `POST /ops/reload` included, and authentication failures on them.
    case ops
    /// A SIGHUP reload.
    case rules
    /// Lifecycle, I/O and background work.
    case host
    /// The bot's own events file; never written by the server.
    case bot
}
