import Machine

/// A port-I/O device for tests: records writes, answers reads from a table.
public final class RecordingPortDevice: PortIODevice {
    public private(set) var writes: [(port: UInt16, size: Int, value: UInt64)] = []
    public var readValues: [UInt16: UInt64] = [:]

    public init() {}

    public func portRead(_ port: UInt16, size: Int) -> UInt64 { readValues[port] ?? 0 }

    public func portWrite(_ port: UInt16, size: Int, value: UInt64) { writes.append((port, size, value)) }

    /// The bytes written to `port`, as text.
    public func text(at port: UInt16) -> String {
        String(decoding: writes.filter { $0.port == port }.map { UInt8(truncatingIfNeeded: $0.value) }, as: UTF8.self)
    }
}
