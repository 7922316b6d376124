import Machine

/// System control port A at 0x92 ("fast A20 and reset"): bit 1 gates A20, writing bit 0 set resets the machine.
///
/// A20 is always enabled in swiftvmm; bit 1 is kept only so the guest reads back what it wrote.
public final class SystemControlPortA: PortIODevice {
    public static let port: UInt16 = 0x92

    private static let fastReset: UInt8 = 1 << 0
    private static let a20Gate: UInt8 = 1 << 1

    private let stopSignal: StopSignal
    private var value = SystemControlPortA.a20Gate

    public init(stopSignal: StopSignal) {
        self.stopSignal = stopSignal
    }

    /// Claims port 0x92 on `bus`.
    public func attach(to bus: PortIOBus) throws(BusError) {
        try bus.claim(Self.port...Self.port, name: "system-control-a", device: self)
    }

    /// The last value written, with the self-clearing reset bit read as zero.
    public func portRead(_ port: UInt16, size: Int) -> UInt64 { UInt64(value) }

    public func portWrite(_ port: UInt16, size: Int, value: UInt64) {
        let byte = UInt8(truncatingIfNeeded: value)
        self.value = byte & ~Self.fastReset
        if byte & Self.fastReset != 0 { stopSignal.post(.reset) }
    }
}
