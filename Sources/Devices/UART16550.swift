import Machine

/// A 16550A UART with 16-byte FIFOs, as on a PC's COM ports: transmitted bytes go to an output sink at once,
/// received bytes come from a host input queue.
///
/// The transmitter is never busy, so LSR.THRE and LSR.TEMT always read set. With no time base, the receive
/// FIFO's character-timeout interrupt (IIR 0x0C) is reported whenever data sits below the trigger level.
public final class UART16550: PortIODevice {
    /// The eight ports of COM1.
    public static let com1Ports: ClosedRange<UInt16> = 0x3F8...0x3FF

    private enum Offset {
        static let data: UInt16 = 0
        static let interruptEnable: UInt16 = 1
        static let interruptIdentification: UInt16 = 2
        static let lineControl: UInt16 = 3
        static let modemControl: UInt16 = 4
        static let lineStatus: UInt16 = 5
        static let modemStatus: UInt16 = 6
        static let scratch: UInt16 = 7
    }

    private enum InterruptEnable {
        static let receivedData: UInt8 = 1 << 0
        static let transmitterEmpty: UInt8 = 1 << 1
        static let lineStatus: UInt8 = 1 << 2
        static let modemStatus: UInt8 = 1 << 3
        static let writable: UInt8 = 0x0F
    }

    private enum InterruptIdentification {
        static let nonePending: UInt8 = 0x01
        static let lineStatus: UInt8 = 0x06
        static let receivedData: UInt8 = 0x04
        static let characterTimeout: UInt8 = 0x0C
        static let transmitterEmpty: UInt8 = 0x02
        static let modemStatus: UInt8 = 0x00
        static let fifosEnabled: UInt8 = 0xC0
    }

    private enum FIFOControl {
        static let enable: UInt8 = 1 << 0
        static let clearReceiver: UInt8 = 1 << 1
        static let triggerLevels = [1, 4, 8, 14]
    }

    private enum LineControl {
        static let divisorLatchAccess: UInt8 = 1 << 7
    }

    private enum ModemControl {
        static let dataTerminalReady: UInt8 = 1 << 0
        static let requestToSend: UInt8 = 1 << 1
        static let out1: UInt8 = 1 << 2
        static let out2: UInt8 = 1 << 3
        static let loopback: UInt8 = 1 << 4
        static let writable: UInt8 = 0x1F
    }

    private enum LineStatus {
        static let dataReady: UInt8 = 1 << 0
        static let overrunError: UInt8 = 1 << 1
        static let transmitterHoldingEmpty: UInt8 = 1 << 5
        static let transmitterEmpty: UInt8 = 1 << 6
    }

    private enum ModemStatus {
        static let deltaClearToSend: UInt8 = 1 << 0
        static let deltaDataSetReady: UInt8 = 1 << 1
        static let trailingEdgeRingIndicator: UInt8 = 1 << 2
        static let deltaDataCarrierDetect: UInt8 = 1 << 3
        static let clearToSend: UInt8 = 1 << 4
        static let dataSetReady: UInt8 = 1 << 5
        static let ringIndicator: UInt8 = 1 << 6
        static let dataCarrierDetect: UInt8 = 1 << 7
    }

    private static let fifoDepth = 16

    public let basePort: UInt16
    private let output: OutputSink
    private let input: InputQueue?

    private var receiveBuffer: [UInt8] = []
    private var interruptEnable: UInt8 = 0
    private var lineControl: UInt8 = 0
    private var modemControl: UInt8 = 0
    private var lineStatusErrors: UInt8 = 0
    private var modemStatusDeltas: UInt8 = 0
    private var scratch: UInt8 = 0
    /// The baud-rate divisor; 12 is 9600 baud with the PC's 1.8432 MHz clock.
    private var divisor: UInt16 = 12
    private var fifosEnabled = false
    private var triggerLevel = 1
    private var transmitterEmptyInterruptPending = false

    /// A UART at `basePort` (COM1 by default) that transmits to `output` and receives from `input`.
    public init(basePort: UInt16 = com1Ports.lowerBound, output: OutputSink, input: InputQueue? = nil) {
        precondition(basePort <= 0xFFF8, "a UART needs eight ports")
        self.basePort = basePort
        self.output = output
        self.input = input
    }

    /// Claims the UART's eight ports on `bus`.
    public func attach(to bus: PortIOBus, name: String = "COM1") throws(BusError) {
        try bus.claim(basePort...basePort + 7, name: name, device: self)
    }

    /// The level of the interrupt output as a PC wires it: an interrupt is pending and MCR.OUT2 gates it through.
    public var interruptAsserted: Bool {
        receiveFromHost()
        return modemControl & ModemControl.out2 != 0 && pendingInterrupt != nil
    }

    public func portRead(_ port: UInt16, size: Int) -> UInt64 {
        var value: UInt64 = 0
        for index in 0..<size {
            let offset = port &- basePort &+ UInt16(truncatingIfNeeded: index)
            let byte = offset < 8 ? readRegister(offset) : 0xFF
            value |= UInt64(byte) << (8 * UInt64(index))
        }
        return value
    }

    public func portWrite(_ port: UInt16, size: Int, value: UInt64) {
        for index in 0..<size {
            let offset = port &- basePort &+ UInt16(truncatingIfNeeded: index)
            if offset < 8 { writeRegister(offset, UInt8(truncatingIfNeeded: value >> (8 * UInt64(index)))) }
        }
    }

    private var divisorLatchAccess: Bool { lineControl & LineControl.divisorLatchAccess != 0 }
    private var loopback: Bool { modemControl & ModemControl.loopback != 0 }
    private var receiveCapacity: Int { fifosEnabled ? Self.fifoDepth : 1 }

    private func readRegister(_ offset: UInt16) -> UInt8 {
        switch offset {
        case Offset.data:
            if divisorLatchAccess { return UInt8(truncatingIfNeeded: divisor) }
            receiveFromHost()
            return receiveBuffer.isEmpty ? 0 : receiveBuffer.removeFirst()
        case Offset.interruptEnable:
            return divisorLatchAccess ? UInt8(truncatingIfNeeded: divisor >> 8) : interruptEnable
        case Offset.interruptIdentification:
            return readInterruptIdentification()
        case Offset.lineControl:
            return lineControl
        case Offset.modemControl:
            return modemControl
        case Offset.lineStatus:
            receiveFromHost()
            let value = (receiveBuffer.isEmpty ? 0 : LineStatus.dataReady) | lineStatusErrors
                | LineStatus.transmitterHoldingEmpty | LineStatus.transmitterEmpty
            lineStatusErrors = 0
            return value
        case Offset.modemStatus:
            let value = modemStatusLines | modemStatusDeltas
            modemStatusDeltas = 0
            return value
        default:
            return scratch
        }
    }

    private func writeRegister(_ offset: UInt16, _ value: UInt8) {
        switch offset {
        case Offset.data:
            if divisorLatchAccess {
                divisor = divisor & 0xFF00 | UInt16(value)
            } else {
                transmit(value)
            }
        case Offset.interruptEnable:
            if divisorLatchAccess {
                divisor = divisor & 0x00FF | UInt16(value) << 8
            } else {
                let enabled = value & InterruptEnable.writable
                if enabled & ~interruptEnable & InterruptEnable.transmitterEmpty != 0 {
                    transmitterEmptyInterruptPending = true
                }
                interruptEnable = enabled
            }
        case Offset.interruptIdentification:
            writeFIFOControl(value)
        case Offset.lineControl:
            lineControl = value
        case Offset.modemControl:
            let linesBefore = modemStatusLines
            modemControl = value & ModemControl.writable
            recordModemStatusChanges(from: linesBefore, to: modemStatusLines)
        case Offset.lineStatus, Offset.modemStatus:
            return
        default:
            scratch = value
        }
    }

    /// Sends a byte: to the output sink, or back to the receiver in loopback mode. The holding register
    /// empties at once, which raises the transmitter-empty interrupt.
    private func transmit(_ byte: UInt8) {
        if loopback {
            if receiveBuffer.count < receiveCapacity {
                receiveBuffer.append(byte)
            } else {
                lineStatusErrors |= LineStatus.overrunError
                if !fifosEnabled { receiveBuffer[receiveBuffer.count - 1] = byte }
            }
        } else {
            output.write(byte)
        }
        transmitterEmptyInterruptPending = true
    }

    private func writeFIFOControl(_ value: UInt8) {
        let enable = value & FIFOControl.enable != 0
        if enable != fifosEnabled {
            receiveBuffer.removeAll()
            fifosEnabled = enable
        }
        guard enable else { return }
        if value & FIFOControl.clearReceiver != 0 { receiveBuffer.removeAll() }
        triggerLevel = FIFOControl.triggerLevels[Int(value >> 6)]
    }

    /// Moves queued host bytes into the receiver while it has room; in loopback mode the host is disconnected.
    private func receiveFromHost() {
        guard let input, !loopback else { return }
        while receiveBuffer.count < receiveCapacity, let byte = input.removeFirst() {
            receiveBuffer.append(byte)
        }
    }

    /// The highest-priority enabled interrupt condition, as its IIR identification bits.
    private var pendingInterrupt: UInt8? {
        if interruptEnable & InterruptEnable.lineStatus != 0 && lineStatusErrors != 0 {
            return InterruptIdentification.lineStatus
        }
        if interruptEnable & InterruptEnable.receivedData != 0 && !receiveBuffer.isEmpty {
            return fifosEnabled && receiveBuffer.count < triggerLevel
                ? InterruptIdentification.characterTimeout : InterruptIdentification.receivedData
        }
        if interruptEnable & InterruptEnable.transmitterEmpty != 0 && transmitterEmptyInterruptPending {
            return InterruptIdentification.transmitterEmpty
        }
        if interruptEnable & InterruptEnable.modemStatus != 0 && modemStatusDeltas != 0 {
            return InterruptIdentification.modemStatus
        }
        return nil
    }

    /// Reads IIR; reading it while it reports the transmitter-empty interrupt clears that interrupt.
    private func readInterruptIdentification() -> UInt8 {
        receiveFromHost()
        let fifoBits = fifosEnabled ? InterruptIdentification.fifosEnabled : 0
        guard let pending = pendingInterrupt else { return fifoBits | InterruptIdentification.nonePending }
        if pending == InterruptIdentification.transmitterEmpty { transmitterEmptyInterruptPending = false }
        return fifoBits | pending
    }

    /// MSR bits 4–7: in loopback mode the modem-control outputs drive them; otherwise the line reports
    /// a connected peer (CTS, DSR and DCD set, no ring).
    private var modemStatusLines: UInt8 {
        guard loopback else {
            return ModemStatus.clearToSend | ModemStatus.dataSetReady | ModemStatus.dataCarrierDetect
        }
        var lines: UInt8 = 0
        if modemControl & ModemControl.requestToSend != 0 { lines |= ModemStatus.clearToSend }
        if modemControl & ModemControl.dataTerminalReady != 0 { lines |= ModemStatus.dataSetReady }
        if modemControl & ModemControl.out1 != 0 { lines |= ModemStatus.ringIndicator }
        if modemControl & ModemControl.out2 != 0 { lines |= ModemStatus.dataCarrierDetect }
        return lines
    }

    private func recordModemStatusChanges(from before: UInt8, to after: UInt8) {
        let changed = before ^ after
        if changed & ModemStatus.clearToSend != 0 { modemStatusDeltas |= ModemStatus.deltaClearToSend }
        if changed & ModemStatus.dataSetReady != 0 { modemStatusDeltas |= ModemStatus.deltaDataSetReady }
        if changed & ModemStatus.dataCarrierDetect != 0 { modemStatusDeltas |= ModemStatus.deltaDataCarrierDetect }
        if before & ~after & ModemStatus.ringIndicator != 0 {
            modemStatusDeltas |= ModemStatus.trailingEdgeRingIndicator
        }
    }
}
