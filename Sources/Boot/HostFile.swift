import Glibc

/// Reads a whole host file for a loader, refusing anything that is not a regular file of acceptable size,
/// so that no path (a FIFO, /dev/zero, a directory) can block or exhaust the loader.
enum HostFile {
    /// The bytes of the regular file at `path`, which must hold 1 to `maximumSize` bytes.
    static func read(
        _ path: String, maximumSize: UInt64, limit: @autoclosure () -> String
    ) throws(BootError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { throw .unreadable(path: path, reason: errorText()) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw .unreadable(path: path, reason: errorText()) }
        guard status.st_mode & S_IFMT == S_IFREG else { throw .unreadable(path: path, reason: "not a regular file") }
        let size = UInt64(clamping: status.st_size)
        guard size > 0 else { throw .empty(path: path) }
        guard size <= maximumSize else { throw .tooLarge(path: path, size: size, limit: limit()) }
        var bytes = [UInt8](repeating: 0, count: Int(size))
        var filled = 0
        while filled < bytes.count {
            let count = bytes.withUnsafeMutableBytes {
                Glibc.read(descriptor, $0.baseAddress! + filled, $0.count - filled)
            }
            if count > 0 {
                filled += count
            } else if count == 0 {
                throw .unreadable(path: path, reason: "file shrank while being read")
            } else if errno != EINTR {
                throw .unreadable(path: path, reason: errorText())
            }
        }
        return bytes
    }

    private static func errorText() -> String { String(cString: strerror(errno)) }
}
