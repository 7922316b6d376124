import Boot
import Foundation
import Machine
import Testing
import TestSupport
import X86

@Suite struct FirmwareLoaderTests {
    let directory: TemporaryDirectory

    init() throws {
        directory = try TemporaryDirectory()
    }

    func rom(_ size: Int) -> [UInt8] { (0..<size).map { UInt8(truncatingIfNeeded: $0 * 7 + $0 >> 12) } }

    @Test func smallROMEndsAtFourGiBAndOneMiB() throws {
        let image = rom(64 << 10)
        let path = try directory.file("bios.bin", image)
        let memory = try PCMemoryLayout.build(ramSize: 2 << 20, withLegacyHole: true)
        let context = try FirmwareLoader(path: path).load(into: memory)
        #expect(context[.cs] == SegmentRegister(selector: 0xF000, base: 0xFFFF_0000, limit: 0xFFFF, access: .realModeCode))
        #expect(context.rip == 0xFFF0)
        #expect(context.mode == .real)
        #expect(memory.read(at: 0xFFFF_0000, count: image.count) == image)
        #expect(memory.read(at: 0xF_0000, count: image.count) == image)
        #expect(memory.region(containing: 0xF_FFF0)?.kind == .rom)
        #expect(memory.region(containing: 0xE_FFFF) == nil)
    }

    @Test func largeROMAliasesOnlyItsLast128KiB() throws {
        let image = rom(256 << 10)
        let path = try directory.file("bios.bin", image)
        let memory = try PCMemoryLayout.build(ramSize: 2 << 20, withLegacyHole: true)
        _ = try FirmwareLoader(path: path).load(into: memory)
        #expect(memory.read(at: 0xFFFC_0000, count: image.count) == image)
        #expect(memory.read(at: 0xE_0000, count: 128 << 10) == Array(image[(128 << 10)...]))
        #expect(memory.region(containing: 0xD_FFFF) == nil)
    }

    @Test func sizeMustBeWholePages() throws {
        let path = try directory.file("bios.bin", rom(4097))
        let memory = try PCMemoryLayout.build(ramSize: 2 << 20, withLegacyHole: true)
        #expect(bootErrorMessage { _ = try FirmwareLoader(path: path).load(into: memory) }
            == "\(path): firmware size 4097 bytes is not a multiple of 4 KiB")
    }

    @Test func sizeIsAtMostSixteenMiB() throws {
        let path = directory.path("huge.bin")
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.truncate(atOffset: (16 << 20) + 4096)
        try handle.close()
        let memory = try PCMemoryLayout.build(ramSize: 2 << 20, withLegacyHole: true)
        #expect(bootErrorMessage { _ = try FirmwareLoader(path: path).load(into: memory) }
            == "\(path): file is 16781312 bytes, more than the 16 MiB a firmware ROM may hold")
    }

    @Test func lowAliasMustNotOverlapRAM() throws {
        let path = try directory.file("bios.bin", rom(64 << 10))
        let memory = try PCMemoryLayout.build(ramSize: 2 << 20, withLegacyHole: false)
        #expect(bootErrorMessage { _ = try FirmwareLoader(path: path).load(into: memory) }
            == "\(path): firmware-low at 0xf0000 (65536 bytes) overlaps another memory region")
    }

    @Test func missingAndEmptyFilesAreRefused() throws {
        let memory = try PCMemoryLayout.build(ramSize: 2 << 20, withLegacyHole: true)
        let missing = directory.path("none.bin")
        #expect(bootErrorMessage { _ = try FirmwareLoader(path: missing).load(into: memory) }
            == "\(missing): cannot read: No such file or directory")
        let empty = try directory.file("empty.bin", [])
        #expect(bootErrorMessage { _ = try FirmwareLoader(path: empty).load(into: memory) } == "\(empty): file is empty")
    }
}
