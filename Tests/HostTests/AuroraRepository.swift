import Foundation

/// Paths inside this repository, for tests that read shipped files.
enum AuroraRepository {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path
}
