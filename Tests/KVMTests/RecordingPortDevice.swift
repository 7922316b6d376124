import Machine

/// A port-I/O device that records every write and answers reads from a queue (then `readValue`).
final class RecordingPortDevice: PortIODevice {
    struct Write: Equatable {
        let port: UInt16
        let size: Int
        let value: UInt64
    }

    private(set) var writes: [Write] = []
    private(set) var reads: [UInt16] = []
    var queuedReads: [UInt64] = []
    var readValue: UInt64 = 0

    func portRead(_ port: UInt16, size: Int) -> UInt64 {
        reads.append(port)
        return queuedReads.isEmpty ? readValue : queuedReads.removeFirst()
    }

    func portWrite(_ port: UInt16, size: Int, value: UInt64) {
        writes.append(Write(port: port, size: size, value: value))
    }
}
