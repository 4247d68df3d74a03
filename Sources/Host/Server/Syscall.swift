import CLinuxShims
import Glibc

/// The result of a nonblocking call: done, or the kernel would have had to wait (EAGAIN/EWOULDBLOCK).
enum IOResult<Value> {
    case done(Value)
    case wouldBlock
}

/// The syscall funnel (style.md habit 9): every system call of the server goes through here. EINTR is retried,
/// EAGAIN/EWOULDBLOCK becomes `.wouldBlock`, any other failure throws `IOError` naming the call.
enum Syscall {
    static func call<T: FixedWidthInteger>(
        _ operation: @autoclosure () -> String, _ body: () -> T
    ) throws(IOError) -> IOResult<T> {
        while true {
            let result = body()
            if result >= 0 { return .done(result) }
            let code = Glibc.errno
            if code == EINTR { continue }
            if code == EAGAIN || code == EWOULDBLOCK { return .wouldBlock }
            throw IOError(errno: code, operation: operation())
        }
    }

    /// A call that must not report EAGAIN (it is treated as a failure).
    static func checked<T: FixedWidthInteger>(
        _ operation: @autoclosure () -> String, _ body: () -> T
    ) throws(IOError) -> T {
        switch try call(operation(), body) {
        case .done(let value): return value
        case .wouldBlock: throw IOError(errno: EAGAIN, operation: operation())
        }
    }

    static func close(_ fd: Int32) {
        // Linux closes the descriptor even when close(2) reports EINTR: never retry.
        _ = Glibc.close(fd)
    }

    // MARK: - epoll and eventfd (CLinuxShims)

    static func epollCreate() throws(IOError) -> Int32 {
        try checked("epoll_create1") { aurora_epoll_create() }
    }

    static func epollControl(_ epfd: Int32, _ op: Int32, _ fd: Int32, _ events: UInt32, _ data: UInt64)
        throws(IOError)
    {
        _ = try checked("epoll_ctl fd \(fd)") { aurora_epoll_ctl(epfd, op, fd, events, data) }
    }

    static func epollWait(
        _ epfd: Int32, _ events: UnsafeMutablePointer<epoll_event>, _ capacity: Int32, _ timeout: Int32
    ) throws(IOError) -> Int32 {
        switch try call("epoll_wait", { aurora_epoll_wait(epfd, events, capacity, timeout) }) {
        case .done(let count): return count
        case .wouldBlock: return 0
        }
    }

    static func eventFD() throws(IOError) -> Int32 {
        try checked("eventfd") { aurora_eventfd(0) }
    }

    static func accept(_ fd: Int32, _ address: UnsafeMutablePointer<sockaddr>, _ length: inout socklen_t)
        throws(IOError) -> IOResult<Int32>
    {
        try call("accept4 on listener fd \(fd)") { aurora_accept4(fd, address, &length) }
    }

    // MARK: - sockets and plain descriptors (Glibc)

    static func read(_ fd: Int32, _ buffer: UnsafeMutableRawBufferPointer) throws(IOError) -> IOResult<Int> {
        try call("read fd \(fd)") { Glibc.read(fd, buffer.baseAddress, buffer.count) }
    }

    static func write(_ fd: Int32, _ buffer: UnsafeRawBufferPointer) throws(IOError) -> IOResult<Int> {
        try call("write fd \(fd)") { Glibc.write(fd, buffer.baseAddress, buffer.count) }
    }

    static func receive(_ fd: Int32, _ buffer: UnsafeMutableRawBufferPointer) throws(IOError) -> IOResult<Int> {
        try call("recv fd \(fd)") { Glibc.recv(fd, buffer.baseAddress, buffer.count, 0) }
    }

    /// `send` with MSG_NOSIGNAL: a peer that went away gives EPIPE, never SIGPIPE.
    static func send(_ fd: Int32, _ buffer: UnsafeRawBufferPointer) throws(IOError) -> IOResult<Int> {
        try call("send fd \(fd)") { Glibc.send(fd, buffer.baseAddress, buffer.count, Int32(MSG_NOSIGNAL)) }
    }

    static func socket(_ domain: Int32) throws(IOError) -> Int32 {
        let type = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
        return try checked("socket") { Glibc.socket(domain, type, 0) }
    }

    static func setOption(_ fd: Int32, _ level: Int32, _ name: Int32, _ value: Int32, _ what: String)
        throws(IOError)
    {
        var value = value
        _ = try checked("setsockopt \(what)") {
            Glibc.setsockopt(fd, level, name, &value, socklen_t(MemoryLayout<Int32>.size))
        }
    }

    static func bind(_ fd: Int32, _ address: UnsafePointer<sockaddr>, _ length: socklen_t, _ what: String)
        throws(IOError)
    {
        _ = try checked("bind \(what)") { Glibc.bind(fd, address, length) }
    }

    static func listen(_ fd: Int32, _ backlog: Int32, _ what: String) throws(IOError) {
        _ = try checked("listen \(what)") { Glibc.listen(fd, backlog) }
    }

    static func localAddress(_ fd: Int32, _ address: UnsafeMutablePointer<sockaddr>, _ length: inout socklen_t)
        throws(IOError)
    {
        _ = try checked("getsockname fd \(fd)") { Glibc.getsockname(fd, address, &length) }
    }

    static func shutdownWrite(_ fd: Int32) {
        _ = Glibc.shutdown(fd, Int32(SHUT_WR))
    }
}
