import Boot
import Foundation
import Machine
import Testing
import TestSupport

@Suite struct MultibootLoaderErrorTests {
    let directory: TemporaryDirectory
    let memory: GuestMemory

    init() throws {
        directory = try TemporaryDirectory()
        memory = try PCMemoryLayout.build(ramSize: 32 << 20, withLegacyHole: true)
    }

    /// The message loading `bytes` (written to a file named `name`) fails with, after the file's path and ": ".
    func failure(_ bytes: [UInt8], name: String = "kernel") throws -> String? {
        let path = try directory.file(name, bytes)
        guard let message = bootErrorMessage({ _ = try MultibootLoader(path: path).load(into: memory) }) else { return nil }
        return message.hasPrefix(path + ": ") ? String(message.dropFirst(path.count + 2)) : "unexpected message: \(message)"
    }

    @Test func missingEmptyAndOversizedFiles() throws {
        let missing = directory.path("missing.elf")
        #expect(bootErrorMessage { _ = try MultibootLoader(path: missing).load(into: memory) }
            == "\(missing): cannot read: No such file or directory")
        #expect(try failure([]) == "file is empty")
        let huge = directory.path("huge.elf")
        #expect(FileManager.default.createFile(atPath: huge, contents: nil))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: huge))
        try handle.truncate(atOffset: (1 << 30) + 1)
        try handle.close()
        #expect(bootErrorMessage { _ = try MultibootLoader(path: huge).load(into: memory) }
            == "\(huge): file is 1073741825 bytes, more than the 1 GiB swiftvmm accepts for a kernel")
    }

    @Test func garbageIsNotAMultibootKernel() throws {
        var generator = SplitMix(seed: 7)
        let garbage = (0..<4096).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
        #expect(try failure(garbage) == "not a Multiboot kernel (no header in the first 8192 bytes)")
    }

    @Test func headerMustLieWithinTheFirst8192Bytes() throws {
        let beyond = [UInt8](repeating: 0, count: 8192) + TestImages.multibootHeader()
        #expect(try failure(beyond) == "not a Multiboot kernel (no header in the first 8192 bytes)")
        let straddling = [UInt8](repeating: 0, count: 8184) + TestImages.multibootHeader()
        #expect(try failure(straddling) == "not a Multiboot kernel (no header in the first 8192 bytes)")
    }

    @Test func badChecksumIsReported() throws {
        let bytes = [UInt8](repeating: 0, count: 0x40) + TestImages.multibootHeader(checksum: 0x1234)
        #expect(try failure(bytes) == "not a Multiboot kernel (the header at offset 0x40 has a bad checksum)")
    }

    @Test func unsupportedRequirementsAreRefused() throws {
        #expect(try failure(TestImages.multibootHeader(flags: 0x6))
            == "requires features swiftvmm does not provide: video mode (header flag bit 2)")
        #expect(try failure(TestImages.multibootHeader(flags: 0x27))
            == "requires features swiftvmm does not provide: video mode (header flag bit 2), header flag bit 5")
    }

    @Test func neitherELFNorAddressFields() throws {
        #expect(try failure(TestImages.multibootHeader() + [UInt8](repeating: 0, count: 52))
            == "not an ELF file, and its Multiboot header has no address fields (flag bit 16) to load it by")
    }

    @Test func truncatedELFHeader() throws {
        #expect(try failure(ELF32Magic + TestImages.multibootHeader()) == "truncated ELF header (16 of 52 bytes)")
    }

    @Test func wrongClassByteOrderTypeAndMachine() throws {
        var elf = TestImages.ELF(entry: 0x10_0000, segments: [.init(address: 0x10_0000)])
        elf.elfClass = 2
        #expect(try failure(elf.bytes) == "64-bit ELF; a Multiboot kernel must be a 32-bit ELF")
        elf.elfClass = 9
        #expect(try failure(elf.bytes) == "unknown ELF class 9")
        elf.elfClass = 1
        elf.byteOrder = 2
        #expect(try failure(elf.bytes) == "big-endian ELF; an i386 kernel is little-endian")
        elf.byteOrder = 1
        elf.type = 3
        #expect(try failure(elf.bytes) == "ELF type 3 is not an executable (ET_EXEC)")
        elf.type = 2
        elf.machine = 62
        #expect(try failure(elf.bytes) == "ELF machine 62 is not i386 (EM_386)")
    }

    @Test func programHeadersMustLieInTheFile() throws {
        var elf = TestImages.ELF(entry: 0x10_0000, segments: [.init(address: 0x10_0000)])
        elf.programHeaderOffset = 0xFFFF_FFF0
        #expect(try failure(elf.bytes) == "ELF program header table (1 × 32 bytes at offset 0xfffffff0) "
            + "extends past the end of the file (97 bytes)")
    }

    @Test func segmentContentsMustLieInTheFile() throws {
        var elf = TestImages.ELF(entry: 0x10_0000, segments: [.init(address: 0x10_0000)])
        elf.segments[0].fileSize = 0x100
        elf.segments[0].memorySize = 0x100
        #expect(try failure(elf.bytes) == "ELF segment 0: file bytes 0x60–0x160 lie past the end of the file (97 bytes)")
    }

    @Test func fileSizeMayNotExceedMemorySize() throws {
        let elf = TestImages.ELF(entry: 0x10_0000, segments: [.init(address: 0x10_0000, contents: [1, 2, 3, 4], memorySize: 2)])
        #expect(try failure(elf.bytes) == "ELF segment 0: file size 4 exceeds memory size 2")
    }

    @Test func aKernelNeedsLoadableSegments() throws {
        var elf = TestImages.ELF(entry: 0x10_0000, segments: [.init(address: 0x10_0000)])
        elf.segments[0].type = 4
        #expect(try failure(elf.bytes) == "ELF file has no loadable segments")
        elf.segments = []
        #expect(try failure(elf.bytes) == "ELF file has no program headers")
    }

    @Test func segmentsMustLieInRAM() throws {
        let far = TestImages.ELF(entry: 0x4000_0000, segments: [.init(address: 0x4000_0000)])
        #expect(try failure(far.bytes) == "ELF segment 0 at 0x40000000–0x40000001 lies outside guest RAM")
        let inHole = TestImages.ELF(entry: 0xB_8000, segments: [.init(address: 0xB_8000)])
        #expect(try failure(inHole.bytes) == "ELF segment 0 at 0xb8000–0xb8001 lies outside guest RAM")
        let wrapping = TestImages.ELF(entry: 0xFFFF_FFFF, segments: [.init(address: 0xFFFF_FFFF, memorySize: 2)])
        #expect(try failure(wrapping.bytes) == "ELF segment 0 at 0xffffffff (2 bytes) extends past 4 GiB")
    }

    @Test func entryMustLieInALoadableSegment() throws {
        let elf = TestImages.ELF(entry: 0x20_0000, segments: [.init(address: 0x10_0000)])
        #expect(try failure(elf.bytes) == "ELF entry point 0x200000 lies outside every loadable segment")
    }

    @Test(arguments: [
        ([0x10_0000, 0x10_0010, 0, 0, 0x10_0010], "load_addr 0x100010 is above header_addr 0x100000"),
        ([0x10_0000, 0xF_F000, 0, 0, 0x10_0000],
         "load_addr 0xff000 lies 4096 bytes before the header, which is only 0 bytes into the file"),
        ([0x10_0000, 0x10_0000, 0x10_0000, 0, 0x10_0000], "load_end_addr 0x100000 does not lie above header_addr 0x100000"),
        ([0x10_0000, 0x10_0000, 0x10_0100, 0, 0x10_0000],
         "load_end_addr 0x100100 asks for 256 bytes, but the file holds 64 from offset 0x0"),
        ([0x10_0000, 0x10_0000, 0x10_0040, 0x10_0020, 0x10_0000],
         "bss_end_addr 0x100020 is below the end of the loaded data 0x100040"),
        ([0x10_0000, 0x10_0000, 0, 0x10_1000, 0x20_0000], "entry_addr 0x200000 lies outside the image 0x100000–0x101000"),
    ] as [([UInt32], String)])
    func inconsistentKludgeAddresses(fields: [UInt32], reason: String) throws {
        #expect(try failure(TestImages.kludgeKernel(fields: fields)) == "inconsistent a.out kludge addresses: \(reason)")
    }

    @Test func kludgeImageMustFitBelowFourGiBAndInRAM() throws {
        let wrapping = TestImages.kludgeKernel(fields: [0xFFFF_FFF0, 0xFFFF_FFF0, 0, 0, 0xFFFF_FFF0])
        #expect(try failure(wrapping) == "a.out kludge image 0xfffffff0–0x100000030 extends past 4 GiB")
        let far = TestImages.kludgeKernel(fields: [0x4000_0000, 0x4000_0000, 0, 0, 0x4000_0000])
        #expect(try failure(far) == "a.out kludge image at 0x40000000–0x40000040 lies outside guest RAM")
    }

    @Test func kludgeFieldsMustLieWithinTheSearchWindow() throws {
        let bytes = [UInt8](repeating: 0, count: 8176) + TestImages.kludgeKernel(fields: [], size: 16)
        #expect(try failure(bytes)
            == "Multiboot header at offset 0x1ff0 sets flag bit 16, but its address fields lie beyond the first 8192 bytes")
    }

    @Test func noRoomForTheBootDataWritesNothing() throws {
        let small = try PCMemoryLayout.build(ramSize: 2 << 20, withLegacyHole: false)
        let elf = TestImages.ELF(entry: 0x8000, segments: [.init(address: 0x8000, contents: [0xF4], memorySize: 0x1F_8000)])
        let path = try directory.file("big-bss.elf", elf.bytes)
        let message = bootErrorMessage { _ = try MultibootLoader(path: path).load(into: small) }
        #expect(message?.hasPrefix("\(path): no room in guest RAM below 4 GiB for the Multiboot information (") == true)
        #expect(message?.hasSuffix(" bytes) at 0x8000 or after the kernel") == true)
        #expect(small.read(at: 0x8000, count: 1) == [0])
    }

    /// Thousands of corrupted kernels: every one must load or fail with a `BootError`, never crash or hang.
    @Test func corruptedKernelsNeverCrashTheLoader() throws {
        let kernels = try GuestKernels(in: directory)
        let originals = [
            try [UInt8](Data(contentsOf: URL(fileURLWithPath: kernels.elfPath))),
            try [UInt8](Data(contentsOf: URL(fileURLWithPath: kernels.kludgePath))),
            TestImages.ELF(entry: 0x10_0000, segments: [.init(address: 0x10_0000), .init(address: 0x20_0000)]).bytes,
        ]
        // Small RAM keeps the zero-filling of mutated memory sizes cheap.
        let small = try PCMemoryLayout.build(ramSize: 2 << 20, withLegacyHole: true)
        var generator = SplitMix(seed: 42)
        var loaded = 0
        for iteration in 0..<1500 {

            var bytes = originals[iteration % originals.count]
            for _ in 0..<(1 + Int(generator.next() % 6)) {
                // Aim most mutations at the headers, where the loader looks.
                let limit = generator.next() % 4 == 0 ? bytes.count : min(bytes.count, 0x60)
                bytes[Int(generator.next() % UInt64(limit))] = UInt8(truncatingIfNeeded: generator.next())
            }
            if generator.next() % 8 == 0 { bytes.removeLast(Int(generator.next() % UInt64(bytes.count))) }
            let path = try directory.file("mutant-\(iteration)", bytes)
            let message = bootErrorMessage { _ = try MultibootLoader(path: path).load(into: small) }
            #expect(message.map { $0.hasPrefix(path + ": ") } ?? true, "\(message ?? "")")
            if message == nil { loaded += 1 }
        }
        // Both outcomes are common, so the mutations reach deep into the loader.
        #expect(loaded > 100 && loaded < 1400)
    }
}

private let ELF32Magic: [UInt8] = [0x7F, 0x45, 0x4C, 0x46]

/// A small deterministic pseudo-random generator, so failures reproduce.
struct SplitMix {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}
