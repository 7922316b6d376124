import Devices
import Machine
import Testing

@Suite struct UART16550Tests {
    let bus = PortIOBus()
    let output = OutputSink.memory()
    let input = InputQueue()

    init() throws {
        try UART16550(output: output, input: input).attach(to: bus)
    }

    func read(_ offset: UInt16) -> UInt8 { UInt8(bus.read(0x3F8 + offset, size: 1)) }
    func write(_ offset: UInt16, _ value: UInt8) { bus.write(0x3F8 + offset, size: 1, value: UInt64(value)) }

    @Test func resetState() {
        #expect(read(1) == 0x00)  // IER
        #expect(read(2) == 0x01)  // IIR: nothing pending, FIFOs off
        #expect(read(3) == 0x00)  // LCR
        #expect(read(4) == 0x00)  // MCR
        #expect(read(5) == 0x60)  // LSR: THRE | TEMT
        #expect(read(6) == 0xB0)  // MSR: DCD | DSR | CTS
    }

    @Test func transmittedBytesReachTheSink() {
        for byte in "hi\n".utf8 { write(0, byte) }
        #expect(output.captured == Array("hi\n".utf8))
        #expect(read(5) & 0x60 == 0x60)
    }

    @Test func divisorLatchRoundTripLeavesDataRegistersAlone() {
        write(1, 0x05)
        write(3, 0x83)  // DLAB, 8N1
        write(0, 0x01)
        write(1, 0x02)
        #expect(read(0) == 0x01)
        #expect(read(1) == 0x02)
        #expect(output.captured.isEmpty)
        write(3, 0x03)
        #expect(read(1) == 0x05)
        #expect(read(3) == 0x03)
        write(3, 0x80)
        #expect(read(0) == 0x01)
        #expect(read(1) == 0x02)
    }

    @Test func scratchRegisterHoldsAnyByte() {
        for value: UInt8 in [0x00, 0x55, 0xAA, 0xFF] {
            write(7, value)
            #expect(read(7) == value)
        }
    }

    @Test func queuedInputAppearsAtReceiverBuffer() {
        #expect(read(5) & 0x01 == 0)
        input.append(Array("ok".utf8))
        #expect(read(5) & 0x01 == 0x01)
        #expect(read(0) == UInt8(ascii: "o"))
        #expect(read(5) & 0x01 == 0x01)
        #expect(read(0) == UInt8(ascii: "k"))
        #expect(read(5) & 0x01 == 0)
        #expect(input.count == 0)
    }

    @Test func loopbackReturnsTransmittedBytesAndModemLines() {
        write(4, 0x10)  // LOOP
        #expect(read(6) & 0xF0 == 0x00)
        _ = read(6)
        write(0, 0x42)
        #expect(output.captured.isEmpty)
        #expect(read(5) & 0x01 == 0x01)
        #expect(read(0) == 0x42)
        write(4, 0x1F)  // LOOP | OUT2 | OUT1 | RTS | DTR
        #expect(read(6) == 0xFB)  // DCD RI DSR CTS set; DDCD DDSR DCTS set
        #expect(read(6) == 0xF0)  // deltas clear on read
        write(4, 0x1B)  // OUT1 falls: trailing edge of RI
        #expect(read(6) == 0xB4)
    }

    @Test func loopbackIgnoresHostInputAndReportsOverrun() {
        input.append([0x99])
        write(4, 0x10)
        write(0, 0x01)
        write(0, 0x02)  // no FIFO: the second byte overruns the first
        #expect(read(5) & 0x03 == 0x03)
        #expect(read(5) & 0x02 == 0)  // OE clears on read
        #expect(read(0) == 0x02)
        #expect(read(5) & 0x01 == 0)
        #expect(input.count == 1)
    }

    @Test func fifoHoldsSixteenBytesAndReportsItsState() {
        write(2, 0xC7)  // enable, clear both, trigger level 14
        #expect(read(2) == 0xC1)
        input.append(Array(0..<20))
        write(1, 0x01)  // received-data interrupt
        #expect(read(2) == 0xC4)  // 16 bytes ≥ trigger
        #expect(input.count == 4)
        for expected in UInt8(0)..<13 { #expect(read(0) == expected) }  // the queue refills the FIFO as it drains
        #expect(input.count == 0)
        #expect(read(2) == 0xCC)  // 7 bytes, below trigger: character timeout
        write(2, 0x03)  // clear receiver FIFO, trigger level 1
        #expect(read(5) & 0x01 == 0)
        input.append([0xAB])
        #expect(read(2) == 0xC4)
        #expect(read(0) == 0xAB)
        write(2, 0x00)
        #expect(read(2) == 0x01)
    }

    @Test func transmitterEmptyInterruptFollowsIERAndClearsOnIIRRead() {
        write(1, 0x02)
        #expect(read(2) == 0x02)
        #expect(read(2) == 0x01)  // reading IIR cleared it
        write(0, UInt8(ascii: "x"))
        #expect(read(2) == 0x02)
        #expect(read(2) == 0x01)
    }

    @Test func interruptPriorityAndOut2Gate() throws {
        let uart = UART16550(basePort: 0x2F8, output: output, input: input)
        try uart.attach(to: bus, name: "COM2")
        bus.write(0x2F9, size: 1, value: 0x0F)  // every source
        #expect(!uart.interruptAsserted)  // OUT2 low
        bus.write(0x2FC, size: 1, value: 0x08)  // OUT2
        #expect(uart.interruptAsserted)
        input.append([1])
        #expect(bus.read(0x2FA, size: 1) == 0x04)  // received data outranks THRE
        _ = bus.read(0x2F8, size: 1)
        #expect(bus.read(0x2FA, size: 1) == 0x02)
        #expect(!uart.interruptAsserted)
        bus.write(0x2FC, size: 1, value: 0x18)  // loopback: DCD changes
        #expect(bus.read(0x2FA, size: 1) == 0x00)  // modem status
        _ = bus.read(0x2FE, size: 1)
        #expect(bus.read(0x2FA, size: 1) == 0x01)
    }

    @Test func wideAccessesSplitIntoBytes() {
        write(7, 0x34)
        #expect(bus.read(0x3FE, size: 2) == 0x34B0)
        bus.write(0x3FA, size: 2, value: 0x0300)  // FCR = 0, LCR = 3
        #expect(read(3) == 0x03)
    }
}
