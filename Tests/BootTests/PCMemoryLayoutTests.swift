import Boot
import Machine
import Testing

@Suite struct PCMemoryLayoutTests {
    func ranges(_ memory: GuestMemory) -> [Range<UInt64>] {
        memory.regions.map { $0.guestBase..<$0.guestEnd }
    }

    @Test func legacyHoleSplitsLowRAM() throws {
        let memory = try PCMemoryLayout.build(ramSize: 2 << 20, withLegacyHole: true)
        #expect(ranges(memory) == [0..<0xA_0000, 0x10_0000..<0x20_0000])
        #expect(memory.regions.allSatisfy { $0.kind == .ram })
    }

    @Test func withoutTheHoleRAMIsContiguous() throws {
        let memory = try PCMemoryLayout.build(ramSize: 2 << 20, withLegacyHole: false)
        #expect(ranges(memory) == [0..<0x20_0000])
    }

    @Test func ramBeyondThreeGiBContinuesAboveFourGiB() throws {
        let memory = try PCMemoryLayout.build(ramSize: 4 << 30, withLegacyHole: true)
        #expect(ranges(memory) == [0..<0xA_0000, 0x10_0000..<0xC000_0000, 0x1_0000_0000..<0x1_4000_0000])
    }

    @Test func smallRAMStaysBelowTheHole() throws {
        let memory = try PCMemoryLayout.build(ramSize: 256 << 10, withLegacyHole: true)
        #expect(ranges(memory) == [0..<0x4_0000])
    }

    @Test func sizeMustBeWholePages() {
        #expect(bootErrorMessage { _ = try PCMemoryLayout.build(ramSize: 0, withLegacyHole: false) }
            == "memory size of 0 bytes: must be a positive multiple of 4 KiB")
        #expect(bootErrorMessage { _ = try PCMemoryLayout.build(ramSize: 5000, withLegacyHole: true) }
            == "memory size of 5000 bytes: must be a positive multiple of 4 KiB")
    }

    @Test func sizeBeyondTheAddressSpaceIsRefused() {
        let message = bootErrorMessage { _ = try PCMemoryLayout.build(ramSize: 1 << 53, withLegacyHole: false) }
        #expect(message?.hasPrefix("guest memory: ram-above-4g at 0x100000000") == true)
    }
}
