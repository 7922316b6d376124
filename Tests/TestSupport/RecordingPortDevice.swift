import Machine

/// A port-I/O device for tests: records every read and write, and answers a read from the queue
/// of answers, else from the table by port, else with `readValue`.
public final class RecordingPortDevice: PortIODevice {
    /// One recorded write.
    public struct Write: Equatable {
        public let port: UInt16
        public let size: Int
        public let value: UInt64

        public init(port: UInt16, size: Int, value: UInt64) {
            self.port = port
            self.size = size
            self.value = value
        }
    }

    public private(set) var writes: [Write] = []
    public private(set) var reads: [UInt16] = []
    /// Answers to the next reads, in order, whatever their port.
    public var queuedReads: [UInt64] = []
    /// Answers by port, once the queue is empty.
    public var readValues: [UInt16: UInt64] = [:]
    public var readValue: UInt64 = 0

    public init() {}

    public func portRead(_ port: UInt16, size: Int) -> UInt64 {
        reads.append(port)
        if !queuedReads.isEmpty { return queuedReads.removeFirst() }
        return readValues[port] ?? readValue
    }

    public func portWrite(_ port: UInt16, size: Int, value: UInt64) { writes.append(Write(port: port, size: size, value: value)) }

    /// The bytes written to `port`, as text.
    public func text(at port: UInt16) -> String {
        String(decoding: writes.filter { $0.port == port }.map { UInt8(truncatingIfNeeded: $0.value) }, as: UTF8.self)
    }
}
