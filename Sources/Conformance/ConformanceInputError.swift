/// A vector or metadata file that cannot be used: missing, unreadable, corrupt gzip or bad JSON.
public struct ConformanceInputError: Error, Sendable, CustomStringConvertible {
    public let description: String

    public init(path: String, _ reason: String) {
        description = "\(path): \(reason)"
    }
}
