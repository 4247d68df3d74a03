import Host

/// `Host.Host` without Foundation's `Host` class in scope (this file imports only the Host module).
typealias GateHost = Host
typealias GateStartError = Host.StartError
