import Machine

/// The Intel 8042 keyboard controller at ports 0x60 (data) and 0x64 (status and command), with no keyboard
/// or mouse behind it: enough for guests to probe it, set its command byte and reset the machine through it.
public final class I8042: PortIODevice {
    public static let dataPort: UInt16 = 0x60
    public static let commandPort: UInt16 = 0x64

    private enum Status {
        static let outputBufferFull: UInt8 = 1 << 0
        static let systemFlag: UInt8 = 1 << 2
        static let lastWriteWasCommand: UInt8 = 1 << 3
        static let keyboardUnlocked: UInt8 = 1 << 4
    }

    private enum CommandByte {
        static let keyboardInterrupt: UInt8 = 1 << 0
        static let systemFlag: UInt8 = 1 << 2
        static let keyboardDisabled: UInt8 = 1 << 4
        static let auxDisabled: UInt8 = 1 << 5
        static let translation: UInt8 = 1 << 6
    }

    private enum Command {
        static let readCommandByte: UInt8 = 0x20
        static let writeCommandByte: UInt8 = 0x60
        static let disableAux: UInt8 = 0xA7
        static let enableAux: UInt8 = 0xA8
        static let selfTest: UInt8 = 0xAA
        static let interfaceTest: UInt8 = 0xAB
        static let disableKeyboard: UInt8 = 0xAD
        static let enableKeyboard: UInt8 = 0xAE
        static let readOutputPort: UInt8 = 0xD0
        static let writeOutputPort: UInt8 = 0xD1
        /// 0xF0–0xFF pulse the output-port lines whose bits (0–3) are clear; 0xFE pulses the reset line.
        static let pulseOutputPort: UInt8 = 0xF0
    }

    private static let selfTestPassed: UInt8 = 0x55
    private static let interfaceTestPassed: UInt8 = 0x00
    /// Output port bit 0: the processor's reset line, active low.
    private static let resetLine: UInt8 = 1 << 0
    /// Output port bit 1: the A20 gate (always enabled in swiftvmm; kept for read-back).
    private static let a20Gate: UInt8 = 1 << 1

    private let stopSignal: StopSignal
    private var outputBuffer: UInt8?
    private var lastOutput: UInt8 = 0
    /// The command byte a BIOS leaves: keyboard interrupt on, POST passed, scan-code translation on.
    private var commandByte = CommandByte.keyboardInterrupt | CommandByte.systemFlag | CommandByte.translation
    private var outputPort = I8042.resetLine | I8042.a20Gate
    /// A command (0x60 or 0xD1) waiting for its data byte at port 0x60.
    private var commandAwaitingData: UInt8?
    private var lastWriteWasCommand = false

    public init(stopSignal: StopSignal) {
        self.stopSignal = stopSignal
    }

    /// Claims ports 0x60 and 0x64 on `bus`.
    public func attach(to bus: PortIOBus) throws(BusError) {
        try bus.claim(Self.dataPort...Self.dataPort, name: "i8042-data", device: self)
        try bus.claim(Self.commandPort...Self.commandPort, name: "i8042-command", device: self)
    }

    public func portRead(_ port: UInt16, size: Int) -> UInt64 {
        if port == Self.commandPort { return UInt64(status) }
        if let byte = outputBuffer {
            lastOutput = byte
            outputBuffer = nil
        }
        return UInt64(lastOutput)
    }

    public func portWrite(_ port: UInt16, size: Int, value: UInt64) {
        let byte = UInt8(truncatingIfNeeded: value)
        if port == Self.commandPort {
            lastWriteWasCommand = true
            commandAwaitingData = nil
            execute(byte)
        } else {
            lastWriteWasCommand = false
            let command = commandAwaitingData
            commandAwaitingData = nil
            switch command {
            case Command.writeCommandByte: commandByte = byte
            case Command.writeOutputPort: writeOutputPort(byte)
            default: break  // A byte for the keyboard, and there is none.
            }
        }
    }

    private var status: UInt8 {
        var value = Status.keyboardUnlocked
        if outputBuffer != nil { value |= Status.outputBufferFull }
        if commandByte & CommandByte.systemFlag != 0 { value |= Status.systemFlag }
        if lastWriteWasCommand { value |= Status.lastWriteWasCommand }
        return value
    }

    private func execute(_ command: UInt8) {
        switch command {
        case Command.readCommandByte: outputBuffer = commandByte
        case Command.writeCommandByte, Command.writeOutputPort: commandAwaitingData = command
        case Command.disableAux: commandByte |= CommandByte.auxDisabled
        case Command.enableAux: commandByte &= ~CommandByte.auxDisabled
        case Command.selfTest:
            commandByte |= CommandByte.systemFlag
            outputBuffer = Self.selfTestPassed
        case Command.interfaceTest: outputBuffer = Self.interfaceTestPassed
        case Command.disableKeyboard: commandByte |= CommandByte.keyboardDisabled
        case Command.enableKeyboard: commandByte &= ~CommandByte.keyboardDisabled
        case Command.readOutputPort: outputBuffer = outputPort
        case Command.pulseOutputPort...:
            if command & Self.resetLine == 0 { stopSignal.post(.reset) }
        default: break  // Other commands are accepted and ignored.
        }
    }

    private func writeOutputPort(_ value: UInt8) {
        outputPort = value
        if value & Self.resetLine == 0 { stopSignal.post(.reset) }
    }
}
