import Machine
import Testing

/// The port-I/O and MMIO buses: claims, widths, and what nobody claims.
@Suite struct BusTests {
    /// Remembers the last access and answers reads with a fixed pattern.
    final class ProbeDevice: PortIODevice, MMIODevice {
        var lastWrite: (address: UInt64, size: Int, value: UInt64)?
        func portRead(_ port: UInt16, size: Int) -> UInt64 { 0x1122_3344_5566_7788 }
        func portWrite(_ port: UInt16, size: Int, value: UInt64) { lastWrite = (UInt64(port), size, value) }
        func mmioRead(offset: UInt64, size: Int) -> UInt64 { 0x8877_6655_4433_2211 &+ offset }
        func mmioWrite(offset: UInt64, size: Int, value: UInt64) { lastWrite = (offset, size, value) }
    }

    @Test func portAccessesAreMaskedToTheirWidth() throws {
        let bus = PortIOBus()
        let device = ProbeDevice()
        try bus.claim(0x60...0x64, name: "probe", device: device)
        #expect(bus.read(0x60, size: 1) == 0x88)
        #expect(bus.read(0x64, size: 2) == 0x7788)
        #expect(bus.read(0x61, size: 4) == 0x5566_7788)
        bus.write(0x62, size: 2, value: 0xABCD_EF01)
        #expect(device.lastWrite?.value == 0xEF01)
        #expect(bus.unclaimedAccesses == 0)
    }

    @Test func unclaimedAccessesReadAllOnesAndAreCounted() {
        let bus = PortIOBus()
        #expect(bus.read(0x80, size: 1) == 0xFF)
        #expect(bus.read(0x80, size: 4) == 0xFFFF_FFFF)
        bus.write(0x80, size: 1, value: 0)
        #expect(bus.unclaimedAccesses == 3)
        let mmio = MMIOBus()
        #expect(mmio.read(0xFEE0_0000, size: 8) == .max)
        mmio.write(0xFEE0_0000, size: 2, value: 1)
        #expect(mmio.unclaimedAccesses == 2)
    }

    @Test func overlappingClaimsAreRefused() throws {
        let bus = PortIOBus()
        try bus.claim(0x3F8...0x3FF, name: "COM1", device: ProbeDevice())
        #expect(throws: BusError.rangeTaken(name: "other", first: 0x3FF, last: 0x400)) {
            try bus.claim(0x3FF...0x400, name: "other", device: ProbeDevice())
        }
    }

    @Test func mmioOffsetsAreRelativeToTheClaim() throws {
        let bus = MMIOBus()
        let device = ProbeDevice()
        try bus.claim(base: 0xD000_0000, size: 0x1000, name: "probe", device: device)
        #expect(bus.read(0xD000_0010, size: 1) == 0x21)
        bus.write(0xD000_0FF8, size: 8, value: 0x0102_0304_0506_0708)
        #expect(device.lastWrite?.address == 0xFF8)
        #expect(device.lastWrite?.value == 0x0102_0304_0506_0708)
        #expect(bus.read(0xD000_1000, size: 1) == 0xFF)
    }
}
