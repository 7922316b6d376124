import Boot
import Devices
import Machine
import X86

/// Builds the machine a configuration describes (memory, devices, boot state), runs it on the
/// chosen engine and reports the outcome.
struct VirtualMachineLauncher {
    let configuration: VMConfiguration

    func run() throws(HostInputError) -> RunReport {
        let engine = try configuration.engine.makeEngine(model: configuration.cpu)
        let memory = try buildMemory()
        let context = try loadGuest(into: memory)
        let machine = Machine(memory: memory)
        let console = try makeConsole()
        defer {
            console.input?.stop()
            console.rawMode?.restore()
            console.output.flush()
        }
        do {
            try UART16550(output: console.output, input: console.input?.queue).attach(to: machine.portIO)
            try DebugExitPort(stopSignal: machine.stopSignal).attach(to: machine.portIO)
            try DebugConsolePort(output: console.output).attach(to: machine.portIO)
            try I8042(stopSignal: machine.stopSignal).attach(to: machine.portIO)
            try SystemControlPortA(stopSignal: machine.stopSignal).attach(to: machine.portIO)
        } catch {
            throw HostInputError("cannot attach devices: \(error)")
        }
        let vcpu: any VirtualCPU
        do {
            vcpu = try engine.makeVirtualCPU(memory: memory, context: context)
        } catch {
            throw HostInputError("--engine \(engine.name): cannot create a vCPU: \(error)")
        }
        let clock = ContinuousClock()
        let start = clock.now
        let outcome = machine.run(vcpu, timeout: configuration.timeout)
        let elapsed = start.duration(to: clock.now)
        return RunReport(
            engine: engine.name, outcome: outcome, instructions: vcpu.instructionsExecuted, exits: machine.exits.counts,
            wallSeconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18,
            unclaimedPortAccesses: machine.portIO.unclaimedAccesses, unclaimedMMIOAccesses: machine.mmio.unclaimedAccesses,
            finalContext: vcpu.context)
    }

    private func buildMemory() throws(HostInputError) -> GuestMemory {
        var legacyHole = false
        if case .firmware = configuration.boot { legacyHole = true }
        if configuration.cpu == .i8086 && configuration.memoryBytes != 1 << 20 {
            throw HostInputError("--cpu 8086 addresses exactly 1M of memory: use --mem 1M")
        }
        do {
            return try PCMemoryLayout.build(ramSize: configuration.memoryBytes, withLegacyHole: legacyHole)
        } catch {
            throw HostInputError(error.description)
        }
    }

    private func loadGuest(into memory: GuestMemory) throws(HostInputError) -> VCPUContext {
        do {
            switch configuration.boot {
            case .image(let argument):
                return try RawImageLoader(argument: argument).load(into: memory)
            case .firmware(let path):
                return try FirmwareLoader(path: path).load(into: memory)
            case .kernel(let path, let arguments):
                return try MultibootLoader(path: path, arguments: arguments).load(into: memory).context
            case .builtin:
                memory.write(BuiltinGuest.image, at: BuiltinGuest.loadAddress)
                return .realMode(codeSegment: 0, instructionPointer: UInt16(BuiltinGuest.loadAddress), stackPointer: UInt16(BuiltinGuest.loadAddress))
            }
        } catch {
            throw HostInputError(error.description)
        }
    }

    /// The serial console's output sink and, for stdio, the stdin reader in raw mode.
    private struct Console {
        let output: OutputSink
        let input: SerialInput?
        let rawMode: TerminalRawMode?
    }

    private func makeConsole() throws(HostInputError) -> Console {
        switch configuration.serial {
        case .none:
            return Console(output: .discard(), input: nil, rawMode: nil)
        case .standardOutput:
            return Console(output: .standardOutput(), input: nil, rawMode: nil)
        case .file(let path):
            do {
                return Console(output: try .file(path: path), input: nil, rawMode: nil)
            } catch {
                throw HostInputError("--serial file:\(path): \(error)")
            }
        case .standardIO:
            do {
                let rawMode = try TerminalRawMode()
                let input = try SerialInput(into: InputQueue())
                return Console(output: .standardOutput(), input: input, rawMode: rawMode)
            } catch {
                throw HostInputError("cannot read the console from standard input: \(error)")
            }
        }
    }
}
