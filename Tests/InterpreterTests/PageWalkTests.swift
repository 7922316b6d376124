import Interpreter
import Machine
import Testing

/// The page walk's own stores: accessed and dirty bits.
@Suite struct PageWalkTests {
    @Test func pageTablesInROMKeepTheirAccessedBits() throws {
        // Linear 4 MiB goes through a page table in ROM whose entry (present, accessed bit clear)
        // maps the code page: the walk sets the accessed bit, which ROM must ignore.
        let runner = try LongModeGuestRunner()
        let entry = UInt64(LongModeGuestRunner.codeAddress | 5)
        let table = (0..<8).map { UInt8(truncatingIfNeeded: entry >> UInt64($0 * 8)) } + [UInt8](repeating: 0, count: 4088)
        try runner.memory.addROM(name: "rom", at: 0x40_0000, contents: table)
        runner.memory.store(UInt64(0x40_0000 | 7), at: LongModeGuestRunner.pageDirectory + 2 * 8)
        let (exit, context) = try runner.run("mov 0x400000, %rax\nhlt")
        #expect(exit == .halt)
        let code = try #require(runner.memory.read(at: LongModeGuestRunner.codeAddress, count: 8))
        #expect(context[.rax] == code.reversed().reduce(0) { $0 << 8 | UInt64($1) })
        #expect(runner.memory.read(at: 0x40_0000, count: 8) == Array(table[0..<8]))
    }
}
