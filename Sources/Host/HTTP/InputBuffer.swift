/// Bytes received on a connection and not yet consumed by the parser. The parser advances `readIndex`; the owner
/// appends at the end and compacts now and then.
package struct InputBuffer: Sendable {
    package private(set) var bytes: [UInt8]
    package var readIndex: Int

    package init() {
        bytes = []
        readIndex = 0
    }

    package init(_ bytes: some Sequence<UInt8>) {
        self.bytes = Array(bytes)
        readIndex = 0
    }

    /// The number of bytes not consumed yet.
    package var readableCount: Int { bytes.count - readIndex }

    package var isEmpty: Bool { readIndex == bytes.count }

    package mutating func append(_ newBytes: some Collection<UInt8>) {
        compactIfWorthIt()
        bytes.append(contentsOf: newBytes)
    }

    package mutating func append(_ newBytes: UnsafeRawBufferPointer) {
        compactIfWorthIt()
        bytes.append(contentsOf: newBytes)
    }

    /// Drops every unread byte (a connection that will close discards what it has not read).
    package mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        readIndex = 0
    }

    private mutating func compactIfWorthIt() {
        if readIndex == bytes.count {
            bytes.removeAll(keepingCapacity: true)
            readIndex = 0
        } else if readIndex >= 4_096, readIndex * 2 >= bytes.count {
            bytes.removeFirst(readIndex)
            readIndex = 0
        }
    }
}
