import Devices
import Machine
import Testing

@Suite struct DebugPortTests {
    @Test(arguments: [(1, UInt64(0x31)), (2, 0xBEEF), (4, 0x1234_5678)])
    func debugExitPostsTheWrittenValue(size: Int, value: UInt64) throws {
        let bus = PortIOBus()
        let signal = StopSignal()
        try DebugExitPort(stopSignal: signal).attach(to: bus)
        #expect(signal.request == nil)
        bus.write(0xF4, size: size, value: value)
        #expect(signal.request == .debugExit(code: UInt32(value)))
    }

    @Test func debugExitTruncatesToTheAccessWidth() throws {
        let bus = PortIOBus()
        let signal = StopSignal()
        try DebugExitPort(stopSignal: signal).attach(to: bus)
        bus.write(0xF4, size: 1, value: 0x1FF)
        #expect(signal.request == .debugExit(code: 0xFF))
    }

    @Test func debugConsoleWritesBytesAndReadsBackE9() throws {
        let bus = PortIOBus()
        let output = OutputSink.memory()
        try DebugConsolePort(output: output).attach(to: bus)
        for byte in "e9!".utf8 { bus.write(0xE9, size: 1, value: UInt64(byte)) }
        #expect(output.captured == Array("e9!".utf8))
        #expect(bus.read(0xE9, size: 1) == 0xE9)
    }
}
