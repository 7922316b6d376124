import Foundation

/// A fresh directory under the system's temporary directory, removed when the value is released.
public final class TemporaryDirectory {
    public let url: URL

    public init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("swiftvmm-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    public struct WriteFailure: Error {
        public let path: String
    }

    /// Writes `bytes` to `name` in the directory and returns the file's path (plain write(2): Data.write fsyncs).
    @discardableResult
    public func file(_ name: String, _ bytes: [UInt8]) throws -> String {
        let path = self.path(name)
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { throw WriteFailure(path: path) }
        defer { close(descriptor) }
        guard bytes.withUnsafeBytes({ write(descriptor, $0.baseAddress, $0.count) }) == bytes.count else {
            throw WriteFailure(path: path)
        }
        return path
    }

    public func path(_ name: String) -> String { url.appendingPathComponent(name).path }
}
