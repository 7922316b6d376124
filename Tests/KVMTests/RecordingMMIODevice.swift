import Machine

/// An MMIO device that records every access and answers every read with `readValue`.
final class RecordingMMIODevice: MMIODevice {
    struct Access: Equatable {
        let offset: UInt64
        let size: Int
        let value: UInt64?
    }

    private(set) var writes: [Access] = []
    private(set) var reads: [Access] = []
    var readValue: UInt64 = 0x1122_3344_5566_7788

    func mmioRead(offset: UInt64, size: Int) -> UInt64 {
        reads.append(Access(offset: offset, size: size, value: nil))
        return readValue
    }

    func mmioWrite(offset: UInt64, size: Int, value: UInt64) {
        writes.append(Access(offset: offset, size: size, value: value))
    }
}
