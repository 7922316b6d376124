import Glibc

/// A host system call that failed, with the errno it left.
public struct SystemCallError: Error, Equatable, CustomStringConvertible {
    /// What was being attempted, e.g. "open /tmp/serial.log".
    public let operation: String
    public let errno: Int32

    public init(_ operation: String, errno: Int32 = Glibc.errno) {
        self.operation = operation
        self.errno = errno
    }

    public var description: String { "\(operation): \(String(cString: strerror(errno)))" }
}
