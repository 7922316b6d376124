import Machine

/// A debug-exit port: a write posts a stop request carrying the value, which ends `Machine.run`.
final class StopPortDevice: PortIODevice {
    private let signal: StopSignal

    init(signal: StopSignal) { self.signal = signal }

    func portRead(_ port: UInt16, size: Int) -> UInt64 { 0 }

    func portWrite(_ port: UInt16, size: Int, value: UInt64) {
        signal.post(.debugExit(code: UInt32(truncatingIfNeeded: value)))
    }
}
