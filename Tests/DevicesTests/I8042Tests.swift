import Devices
import Machine
import Testing

@Suite struct I8042Tests {
    let bus = PortIOBus()
    let signal = StopSignal()

    init() throws {
        try I8042(stopSignal: signal).attach(to: bus)
        try SystemControlPortA(stopSignal: signal).attach(to: bus)
    }

    func command(_ byte: UInt8) { bus.write(0x64, size: 1, value: UInt64(byte)) }
    func data(_ byte: UInt8) { bus.write(0x60, size: 1, value: UInt64(byte)) }
    var status: UInt64 { bus.read(0x64, size: 1) }
    var dataByte: UInt64 { bus.read(0x60, size: 1) }

    @Test func selfTestAndInterfaceTestAnswerThroughTheOutputBuffer() {
        #expect(status & 0x01 == 0)
        command(0xAA)
        #expect(status & 0x09 == 0x09)  // output full, last write was a command
        #expect(dataByte == 0x55)
        #expect(status & 0x01 == 0)
        command(0xAB)
        #expect(dataByte == 0x00)
        #expect(signal.request == nil)
    }

    @Test func commandByteRoundTripDrivesTheSystemFlag() {
        command(0x20)
        #expect(dataByte == 0x45)
        command(0x60)
        data(0x30)
        #expect(status & 0x0C == 0x00)  // system flag clear, last write was data
        command(0x20)
        #expect(dataByte == 0x30)
        command(0xAE)
        command(0xA8)
        command(0x20)
        #expect(dataByte == 0x00)
    }

    @Test func outputPortReadsBackAndResetsWhenBitZeroClears() {
        command(0xD0)
        #expect(dataByte == 0x03)
        command(0xD1)
        data(0x03)
        #expect(signal.request == nil)
        command(0xD1)
        data(0x02)
        #expect(signal.request == .reset)
    }

    @Test func pulseResetLinePostsReset() {
        command(0xFF)  // pulses nothing
        #expect(signal.request == nil)
        command(0xFE)
        #expect(signal.request == .reset)
    }

    @Test func fastResetPortKeepsA20AndResetsOnBitZero() {
        #expect(bus.read(0x92, size: 1) == 0x02)
        bus.write(0x92, size: 1, value: 0x00)
        #expect(bus.read(0x92, size: 1) == 0x00)
        #expect(signal.request == nil)
        bus.write(0x92, size: 1, value: 0x03)
        #expect(bus.read(0x92, size: 1) == 0x02)
        #expect(signal.request == .reset)
    }
}
