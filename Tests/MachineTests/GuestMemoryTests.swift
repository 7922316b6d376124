import Machine
import Testing

/// Guest memory: regions, aliases and bounds checks.
@Suite struct GuestMemoryTests {
    @Test func accessesStayInsideTheirRegion() throws {
        let memory = GuestMemory()
        try memory.addRAM(name: "low", at: 0, size: 0x10000)
        #expect(memory.store(UInt32(0xDEAD_BEEF), at: 0xFFFC))
        #expect(memory.load(UInt32.self, at: 0xFFFC) == 0xDEAD_BEEF)
        // The last byte of the region is in; one byte past, or a straddling access, is not.
        #expect(!memory.store(UInt32(1), at: 0xFFFD))
        #expect(memory.load(UInt16.self, at: 0xFFFF) == nil)
        #expect(memory.read(at: 0x10000, count: 1) == nil)
        #expect(memory.hostPointer(at: .max, length: 8) == nil)
        #expect(memory.hostPointer(at: 0, length: -1) == nil)
        #expect(!memory.write([1, 2, 3], at: 0xFFFE))
    }

    @Test func overlappingAndImpossibleRegionsAreRefused() throws {
        let memory = GuestMemory()
        try memory.addRAM(name: "ram", at: 0x1000, size: 0x2000)
        #expect(throws: MemoryLayoutError.overlap(name: "rom", base: 0x2000, size: 0x1000)) {
            try memory.addROM(name: "rom", at: 0x2000, contents: [UInt8](repeating: 0, count: 0x1000))
        }
        #expect(throws: MemoryLayoutError.emptyRegion) { try memory.addRAM(name: "empty", at: 0x8000, size: 0) }
        #expect(throws: MemoryLayoutError.outsideAddressSpace(name: "far", base: GuestMemory.addressLimit - 0x1000, size: 0x2000)) {
            try memory.addRAM(name: "far", at: GuestMemory.addressLimit - 0x1000, size: 0x2000)
        }
    }

    @Test func romIsReadOnlyAndItsAliasSharesBytes() throws {
        let memory = GuestMemory()
        let contents = (0..<0x2000).map { UInt8(truncatingIfNeeded: $0) }
        let rom = try memory.addROM(name: "rom", at: 0xFFFF_E000, contents: contents)
        try memory.addROMAlias(of: rom, name: "alias", at: 0xFF000, size: 0x1000)
        #expect(memory.load(UInt8.self, at: 0xFFFF_E001) == 1)
        // The alias shows the last 4 KiB of the ROM.
        #expect(memory.load(UInt16.self, at: 0xFF000) == UInt16(contents[0x1000]) | UInt16(contents[0x1001]) << 8)
        #expect(!memory.store(UInt8(0x55), at: 0xFFFF_E001))
        #expect(memory.load(UInt8.self, at: 0xFFFF_E001) == 1)
        #expect(memory.ramSize == 0)
    }
}
