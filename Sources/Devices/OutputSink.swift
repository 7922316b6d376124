import Glibc
import Synchronization

/// Where a device's output bytes go: a host file descriptor (standard output or a file), memory, or nowhere.
///
/// Output to a terminal is written at once. Output to a file or pipe is buffered and written at each
/// newline, when 4 KiB have accumulated, on `flush()`, when the sink is released, and at process exit.
public final class OutputSink: Sendable {
    private enum Destination {
        case descriptor(Int32, owned: Bool, interactive: Bool)
        case memory
        case discard
    }

    private static let bufferLimit = 4096

    private let destination: Destination
    /// Bytes not yet written to the descriptor, or everything written to a memory sink.
    private let bytes = Mutex<[UInt8]>([])

    private init(_ destination: Destination) {
        self.destination = destination
        if case .descriptor = destination { OpenSinks.register(self) }
    }

    deinit {
        guard case .descriptor(let descriptor, let owned, _) = destination else { return }
        flush()
        if owned { close(descriptor) }
    }

    /// A sink that writes to the process's standard output.
    public static func standardOutput() -> OutputSink {
        OutputSink(.descriptor(STDOUT_FILENO, owned: false, interactive: isatty(STDOUT_FILENO) == 1))
    }

    /// A sink that writes to the file at `path`, created or truncated.
    public static func file(path: String) throws(SystemCallError) -> OutputSink {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw SystemCallError("open \(path)") }
        return OutputSink(.descriptor(descriptor, owned: true, interactive: isatty(descriptor) == 1))
    }

    /// A sink that keeps every byte in memory, readable through `captured`.
    public static func memory() -> OutputSink { OutputSink(.memory) }

    /// A sink that drops every byte.
    public static func discard() -> OutputSink { OutputSink(.discard) }

    /// Sends one byte to the destination.
    public func write(_ byte: UInt8) {
        switch destination {
        case .discard:
            return
        case .memory:
            bytes.withLock { $0.append(byte) }
        case .descriptor(let descriptor, _, let interactive):
            bytes.withLock { buffer in
                buffer.append(byte)
                if interactive || byte == UInt8(ascii: "\n") || buffer.count >= Self.bufferLimit {
                    Self.drain(&buffer, to: descriptor)
                }
            }
        }
    }

    /// Writes any buffered bytes to the descriptor.
    public func flush() {
        guard case .descriptor(let descriptor, _, _) = destination else { return }
        bytes.withLock { Self.drain(&$0, to: descriptor) }
    }

    /// Everything written to a memory sink so far; empty for other sinks.
    public var captured: [UInt8] {
        guard case .memory = destination else { return [] }
        return bytes.withLock { $0 }
    }

    /// Flushes without waiting: at exit another thread may hold the lock for good.
    fileprivate func flushIfUnlocked() {
        guard case .descriptor(let descriptor, _, _) = destination else { return }
        bytes.withLockIfAvailable { Self.drain(&$0, to: descriptor) }
    }

    /// Writes all of `buffer` (retrying short writes and EINTR) and empties it; bytes the descriptor refuses
    /// are dropped.
    private static func drain(_ buffer: inout [UInt8], to descriptor: Int32) {
        var written = 0
        buffer.withUnsafeBytes { raw in
            while written < raw.count {
                let result = Glibc.write(descriptor, raw.baseAddress! + written, raw.count - written)
                if result > 0 {
                    written += result
                } else if result < 0 && errno == EINTR {
                    continue
                } else {
                    return
                }
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }
}

/// The descriptor sinks alive in the process, flushed by an `atexit` handler.
private enum OpenSinks {
    private struct WeakSink: Sendable {
        weak var sink: OutputSink?
    }

    private static let sinks = Mutex<[WeakSink]>([])

    private static let exitHandlerInstalled: Bool = {
        atexit { OpenSinks.flushAll() }
        return true
    }()

    static func register(_ sink: OutputSink) {
        _ = exitHandlerInstalled
        sinks.withLock { sinks in
            sinks.removeAll { $0.sink == nil }
            sinks.append(WeakSink(sink: sink))
        }
    }

    private static func flushAll() {
        sinks.withLockIfAvailable { sinks in
            for entry in sinks { entry.sink?.flushIfUnlocked() }
        }
    }
}
