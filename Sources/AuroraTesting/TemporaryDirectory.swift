import Foundation

/// A fresh directory for one test, removed when the value is deinitialised.
public final class TemporaryDirectory: Sendable {
    public let path: String

    public init(prefix: String = "aurora-test") {
        let base = FileManager.default.temporaryDirectory.path
        let template = "\(base)/\(prefix)-XXXXXX"
        var bytes = Array(template.utf8CString)
        let made = bytes.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        precondition(made != nil, "mkdtemp failed for \(template)")
        path = String(cString: bytes.withUnsafeBufferPointer { $0.baseAddress! })
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// Writes `contents` to `name` inside the directory and returns the file's path.
    @discardableResult
    public func write(_ name: String, _ contents: String) -> String {
        let file = (path as NSString).appendingPathComponent(name)
        try? FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent,
                                                 withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: file, contents: Data(contents.utf8))
        return file
    }

    public func file(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }
}
