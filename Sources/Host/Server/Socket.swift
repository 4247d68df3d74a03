import CLinuxShims
import Glibc

/// Owns one nonblocking TCP socket descriptor. Closing is explicit; a socket released while open is a leak and
/// trips an assertion (style.md habit 9). Used only on the thread of the loop that owns it.
final class Socket {
    let fd: Int32
    private(set) var isOpen = true

    private init(fd: Int32) {
        self.fd = fd
    }

    deinit {
        assert(!isOpen, "leak of open Socket fd \(fd)")
    }

    /// A listening socket on `address` with SO_REUSEADDR and, for the loops sharing a port, SO_REUSEPORT.
    static func listener(on address: SocketAddress, reusePort: Bool, backlog: Int32 = 1_024) throws(IOError)
        -> Socket
    {
        let fd = try Syscall.socket(address.ip.isIPv4 ? AF_INET : AF_INET6)
        let socket = Socket(fd: fd)
        do throws(IOError) {
            try Syscall.setOption(fd, SOL_SOCKET, SO_REUSEADDR, 1, "SO_REUSEADDR")
            if reusePort { try Syscall.setOption(fd, SOL_SOCKET, SO_REUSEPORT, 1, "SO_REUSEPORT") }
            if !address.ip.isIPv4 {
                try Syscall.setOption(fd, Int32(IPPROTO_IPV6), IPV6_V6ONLY, 1, "IPV6_V6ONLY")
            }
            try address.withSockAddr { (pointer, length) throws(IOError) in
                try Syscall.bind(fd, pointer, length, address.description)
            }
            try Syscall.listen(fd, backlog, address.description)
        } catch {
            socket.close()
            throw error
        }
        return socket
    }

    /// Fails with EADDRINUSE when another socket holds `address` — also one with SO_REUSEPORT, which the kernel
    /// would otherwise let a second `aurora serve` share silently, splitting the traffic between two gates.
    static func checkAvailable(_ address: SocketAddress) throws(IOError) {
        let probe = try listener(on: address, reusePort: false, backlog: 1)
        probe.close()
    }

    /// The bound address (with the real port after binding port 0).
    func localAddress() throws(IOError) -> SocketAddress {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        try withUnsafeMutablePointer(to: &storage) { pointer throws(IOError) in
            try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address throws(IOError) in
                try Syscall.localAddress(fd, address, &length)
            }
        }
        guard let address = SocketAddress(storage: storage) else {
            throw IOError(errno: EAFNOSUPPORT, operation: "getsockname fd \(fd)")
        }
        return address
    }

    /// Accepts one pending connection (nonblocking, close-on-exec, TCP_NODELAY), or nil when none is waiting.
    func accept() throws(IOError) -> (Socket, SocketAddress)? {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let result = try withUnsafeMutablePointer(to: &storage) { pointer throws(IOError) in
            try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address throws(IOError) in
                try Syscall.accept(fd, address, &length)
            }
        }
        guard case .done(let connectionFD) = result else { return nil }
        let socket = Socket(fd: connectionFD)
        try? Syscall.setOption(connectionFD, Int32(IPPROTO_TCP), TCP_NODELAY, 1, "TCP_NODELAY")
        let peer = SocketAddress(storage: storage) ?? SocketAddress(ip: IPAddress(bytes: [0, 0, 0, 0])!, port: 0)
        return (socket, peer)
    }

    /// Reads into `buffer`: the count (0 at end of stream), or nil when nothing is waiting.
    func receive(into buffer: UnsafeMutableRawBufferPointer) throws(IOError) -> Int? {
        guard case .done(let count) = try Syscall.receive(fd, buffer) else { return nil }
        return count
    }

    /// Sends from `buffer` with MSG_NOSIGNAL: the count sent, or nil when the send buffer is full.
    func send(_ buffer: UnsafeRawBufferPointer) throws(IOError) -> Int? {
        guard case .done(let count) = try Syscall.send(fd, buffer) else { return nil }
        return count
    }

    /// Half-closes: the peer reads end of stream after what was sent.
    func shutdownWrite() {
        Syscall.shutdownWrite(fd)
    }

    func close() {
        guard isOpen else { return }
        isOpen = false
        Syscall.close(fd)
    }
}

// sockaddr_storage comes to Swift through CLinuxShims' headers, so the conversions live here.
extension SocketAddress {
    /// Reads a `sockaddr_in` or `sockaddr_in6`; nil for any other family.
    fileprivate init?(storage: sockaddr_storage) {
        var storage = storage
        switch Int32(storage.ss_family) {
        case AF_INET:
            let v4 = withUnsafeBytes(of: &storage) { $0.load(as: sockaddr_in.self) }
            ip = IPAddress(bytes: withUnsafeBytes(of: v4.sin_addr) { Array($0) })!
            port = Int(UInt16(bigEndian: v4.sin_port))
        case AF_INET6:
            let v6 = withUnsafeBytes(of: &storage) { $0.load(as: sockaddr_in6.self) }
            ip = IPAddress(bytes: withUnsafeBytes(of: v6.sin6_addr) { Array($0) })!
            port = Int(UInt16(bigEndian: v6.sin6_port))
        default:
            return nil
        }
    }

    /// Calls `body` with this address as a `sockaddr` and its length.
    fileprivate func withSockAddr<R>(
        _ body: (UnsafePointer<sockaddr>, socklen_t) throws(IOError) -> R
    ) throws(IOError) -> R {
        var storage = sockaddr_storage()
        let length: socklen_t
        if ip.isIPv4 {
            var v4 = sockaddr_in()
            v4.sin_family = sa_family_t(AF_INET)
            v4.sin_port = UInt16(port).bigEndian
            withUnsafeMutableBytes(of: &v4.sin_addr) { $0.copyBytes(from: ip.bytes) }
            withUnsafeMutableBytes(of: &storage) { $0.storeBytes(of: v4, as: sockaddr_in.self) }
            length = socklen_t(MemoryLayout<sockaddr_in>.size)
        } else {
            var v6 = sockaddr_in6()
            v6.sin6_family = sa_family_t(AF_INET6)
            v6.sin6_port = UInt16(port).bigEndian
            withUnsafeMutableBytes(of: &v6.sin6_addr) { $0.copyBytes(from: ip.bytes) }
            withUnsafeMutableBytes(of: &storage) { $0.storeBytes(of: v6, as: sockaddr_in6.self) }
            length = socklen_t(MemoryLayout<sockaddr_in6>.size)
        }
        return try withUnsafePointer(to: &storage) { pointer throws(IOError) in
            try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address throws(IOError) in
                try body(address, length)
            }
        }
    }
}
