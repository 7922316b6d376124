import Machine

/// Why a loader could not build the initial machine; each description is one line naming the file.
public enum BootError: Error, Equatable, CustomStringConvertible {
    /// The file could not be opened or read, or is not a regular file.
    case unreadable(path: String, reason: String)
    case empty(path: String)
    /// The file is larger than the loader accepts; `limit` says what it must fit in.
    case tooLarge(path: String, size: UInt64, limit: String)
    /// The file is not in the expected format, or its fields contradict each other.
    case malformed(path: String, reason: String)
    /// The file asks for something swiftvmm does not provide.
    case unsupported(path: String, reason: String)
    /// The file's contents do not fit where they must go in guest memory.
    case doesNotFit(path: String, reason: String)
    /// A `FILE@ADDR` argument whose address part is not an acceptable number.
    case badAddressArgument(argument: String, reason: String)
    case badMemorySize(bytes: UInt64, reason: String)
    /// The guest-physical memory layout could not be built.
    case memoryLayout(MemoryLayoutError)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason): "\(path): cannot read: \(reason)"
        case .empty(let path): "\(path): file is empty"
        case .tooLarge(let path, let size, let limit): "\(path): file is \(size) bytes, more than \(limit)"
        case .malformed(let path, let reason), .unsupported(let path, let reason), .doesNotFit(let path, let reason):
            "\(path): \(reason)"
        case .badAddressArgument(let argument, let reason): "\(argument): \(reason)"
        case .badMemorySize(let bytes, let reason): "memory size of \(bytes) bytes: \(reason)"
        case .memoryLayout(let error): "guest memory: \(error)"
        }
    }
}
