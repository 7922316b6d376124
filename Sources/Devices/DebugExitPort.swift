import Machine

/// QEMU's isa-debug-exit device (iobase 0xF4, iosize 4): writing v asks the machine to stop, and the CLI
/// exits with status (v << 1) | 1.
public final class DebugExitPort: PortIODevice {
    /// The four ports QEMU's `-device isa-debug-exit,iobase=0xf4,iosize=0x04` claims.
    public static let ports: ClosedRange<UInt16> = 0xF4...0xF7

    private let stopSignal: StopSignal

    public init(stopSignal: StopSignal) {
        self.stopSignal = stopSignal
    }

    /// Claims the device's ports on `bus`.
    public func attach(to bus: PortIOBus) throws(BusError) {
        try bus.claim(Self.ports, name: "debug-exit", device: self)
    }

    public func portRead(_ port: UInt16, size: Int) -> UInt64 { 0 }

    /// A 1-, 2- or 4-byte write posts the written value as the exit code.
    public func portWrite(_ port: UInt16, size: Int, value: UInt64) {
        stopSignal.post(.debugExit(code: UInt32(truncatingIfNeeded: value)))
    }
}
