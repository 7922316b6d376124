import Machine
import Synchronization
import Testing
import X86

/// The run loop: exits are served by the buses, stop requests and timeouts end the run.
@Suite struct RunLoopTests {
    /// A vCPU that replays a script of exits, then yields until asked to stop.
    final class ScriptedCPU: VirtualCPU {
        var script: [VMExit]
        var completedReads: [UInt64] = []
        let yieldRequested = Atomic<Bool>(false)

        init(_ script: [VMExit]) { self.script = script }

        var context = VCPUContext.powerOn()
        func run() -> VMExit { script.isEmpty ? .yield : script.removeFirst() }
        func completePortRead(_ value: UInt64) { completedReads.append(value) }
        func completeMMIORead(_ value: UInt64) { completedReads.append(value) }
        func requestYield() { yieldRequested.store(true, ordering: .relaxed) }
        var instructionsExecuted: UInt64? { nil }
    }

    /// Posts a debug-exit request when written.
    final class ExitPort: PortIODevice {
        let signal: StopSignal
        init(_ signal: StopSignal) { self.signal = signal }
        func portRead(_ port: UInt16, size: Int) -> UInt64 { 0 }
        func portWrite(_ port: UInt16, size: Int, value: UInt64) { signal.post(.debugExit(code: UInt32(value))) }
    }

    @Test func exitsReachTheBusesAndAStopEndsTheRun() throws {
        let machine = Machine(memory: GuestMemory())
        try machine.portIO.claim(0xF4...0xF4, name: "exit", device: ExitPort(machine.stopSignal))
        let cpu = ScriptedCPU([
            .portRead(port: 0x70, size: 1), .mmioRead(address: 0xFEC0_0000, size: 4), .halt,
        ])
        #expect(machine.run(cpu) == .halted)
        #expect(cpu.completedReads == [0xFF, 0xFFFF_FFFF])
        #expect(machine.exits.counts == ["io": 1, "mmio": 1, "hlt": 1])
        let stopping = ScriptedCPU([.portWrite(port: 0xF4, size: 1, value: 7), .halt])
        #expect(machine.run(stopping) == .stopped(.debugExit(code: 7)))
    }

    @Test func crashesCarryTheirReason() {
        let machine = Machine(memory: GuestMemory())
        #expect(machine.run(ScriptedCPU([.shutdown(reason: "triple fault")])) == .crashed(reason: "triple fault"))
        #expect(machine.run(ScriptedCPU([.failure(reason: "unsupported")])) == .crashed(reason: "unsupported"))
    }

    @Test func aGuestThatNeverStopsTimesOut() {
        let machine = Machine(memory: GuestMemory())
        let clock = ContinuousClock()
        let start = clock.now
        #expect(machine.run(ScriptedCPU([]), timeout: .milliseconds(50)) == .timedOut)
        #expect(start.duration(to: clock.now) >= .milliseconds(50))
    }
}
