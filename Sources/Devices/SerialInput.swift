import Glibc
import Synchronization

/// A host thread that reads a file descriptor (standard input by default) and appends every byte it reads
/// to an `InputQueue`, until end of file or `stop()`.
public final class SerialInput: Sendable {
    public let queue: InputQueue
    private let descriptor: Int32
    /// A pipe whose read end wakes the thread's `poll` when `stop()` writes to it.
    private let wakeRead: Int32
    private let wakeWrite: Int32
    private let thread = Mutex<pthread_t?>(nil)

    /// Starts a thread reading `descriptor` into `queue`.
    public init(descriptor: Int32 = STDIN_FILENO, into queue: InputQueue) throws(SystemCallError) {
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { throw SystemCallError("pipe") }
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        self.queue = queue
        self.descriptor = descriptor
        wakeRead = ends[0]
        wakeWrite = ends[1]
        var handle = pthread_t()
        let context = Unmanaged.passRetained(self).toOpaque()
        let result = pthread_create(&handle, nil, { context in
            Unmanaged<SerialInput>.fromOpaque(context!).takeRetainedValue().readUntilStopped()
            return nil
        }, context)
        guard result == 0 else {
            Unmanaged<SerialInput>.fromOpaque(context).release()
            throw SystemCallError("pthread_create", errno: result)
        }
        thread.withLock { $0 = handle }
    }

    deinit {
        close(wakeRead)
        close(wakeWrite)
    }

    /// Wakes the reader thread and waits for it to end; bytes already queued stay queued.
    public func stop() {
        guard let handle = thread.withLock({ $0.take() }) else { return }
        var byte: UInt8 = 0
        _ = write(wakeWrite, &byte, 1)
        pthread_join(handle, nil)
    }

    private func readUntilStopped() {
        var descriptors = [
            pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0),
            pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0),
        ]
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            if poll(&descriptors, 2, -1) < 0 {
                if errno == EINTR { continue }
                return
            }
            if descriptors[1].revents != 0 { return }
            guard descriptors[0].revents != 0 else { continue }
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count > 0 {
                queue.append(buffer[0..<count])
            } else if count == 0 || (errno != EINTR && errno != EAGAIN) {
                return
            }
        }
    }
}
