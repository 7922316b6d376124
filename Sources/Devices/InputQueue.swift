import Synchronization

/// A thread-safe FIFO of bytes the host has sent to a device and the guest has not yet received.
public final class InputQueue: Sendable {
    private struct Storage {
        var bytes: [UInt8] = []
        var head = 0
    }

    private let storage = Mutex(Storage())

    public init() {}

    /// Appends `bytes` at the tail; any thread may call this.
    public func append(_ bytes: some Sequence<UInt8>) {
        storage.withLock { $0.bytes.append(contentsOf: bytes) }
    }

    /// Removes and returns the byte at the head, or nil when the queue is empty.
    public func removeFirst() -> UInt8? {
        storage.withLock { storage in
            guard storage.head < storage.bytes.count else { return nil }
            let byte = storage.bytes[storage.head]
            storage.head += 1
            if storage.head == storage.bytes.count {
                storage.bytes.removeAll(keepingCapacity: true)
                storage.head = 0
            } else if storage.head >= 4096 {
                storage.bytes.removeFirst(storage.head)
                storage.head = 0
            }
            return byte
        }
    }

    /// Bytes waiting in the queue.
    public var count: Int { storage.withLock { $0.bytes.count - $0.head } }
}
