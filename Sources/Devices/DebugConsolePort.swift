import Machine

/// The Bochs and QEMU debug console at port 0xE9: the low byte of each write goes to an output sink, and a
/// read returns 0xE9 so a guest can detect the port.
public final class DebugConsolePort: PortIODevice {
    public static let port: UInt16 = 0xE9

    private let output: OutputSink

    public init(output: OutputSink) {
        self.output = output
    }

    /// Claims port 0xE9 on `bus`.
    public func attach(to bus: PortIOBus) throws(BusError) {
        try bus.claim(Self.port...Self.port, name: "debug-console", device: self)
    }

    public func portRead(_ port: UInt16, size: Int) -> UInt64 { UInt64(Self.port) }

    public func portWrite(_ port: UInt16, size: Int, value: UInt64) {
        output.write(UInt8(truncatingIfNeeded: value))
    }
}
