import Boot
import Machine
import Testing
import TestSupport
import X86

@Suite struct RawImageLoaderTests {
    let directory: TemporaryDirectory
    let memory: GuestMemory

    init() throws {
        directory = try TemporaryDirectory()
        memory = try PCMemoryLayout.build(ramSize: 1 << 20, withLegacyHole: false)
    }

    @Test func bootSectorStartsAt0000_7C00() throws {
        let sector = (0..<512).map { UInt8(truncatingIfNeeded: $0) }
        let path = try directory.file("boot.img", sector)
        let context = try RawImageLoader(argument: path).load(into: memory)
        #expect(memory.read(at: 0x7C00, count: 512) == sector)
        #expect(context.mode == .real)
        #expect(context[.cs] == .realMode(selector: 0, code: true))
        #expect(context.rip == 0x7C00)
        #expect(context[.ss].selector == 0 && context[.rsp] == 0x7C00)
        #expect(context[.ds].selector == 0 && context[.es].selector == 0)
    }

    @Test func addressAboveSixtyFourKiBUsesASegment() throws {
        let path = try directory.file("prog.bin", [0xF4])
        let context = try RawImageLoader(argument: path + "@0x12345").load(into: memory)
        #expect(memory.read(at: 0x12345, count: 1) == [0xF4])
        #expect(context[.cs].selector == 0x1234 && context.rip == 5)
        #expect(context[.ds].selector == 0x1234)
        #expect(context[.ss].selector == 0x0234 && context[.rsp] == 0)
    }

    @Test(arguments: [
        ("a.img", "a.img", UInt64(0x7C00)),
        ("a.img@0x8000", "a.img", 0x8000),
        ("a.img@0X8000", "a.img", 0x8000),
        ("a.img@32768", "a.img", 0x8000),
        ("dir@x/a.img@0x600", "dir@x/a.img", 0x600),
    ])
    func argumentParsing(argument: String, path: String, address: UInt64) throws {
        let loader = try RawImageLoader(argument: argument)
        #expect(loader.path == path && loader.address == address)
    }

    @Test(arguments: ["a.img@", "a.img@0x", "a.img@zz", "a.img@0x1g", "a.img@-5", "a.img@+5", "a.img@0x1FFFFFFFFFFFFFFFF", "a.img@1e3"])
    func malformedAddressIsRefused(argument: String) {
        let text = String(argument[argument.index(after: argument.lastIndex(of: "@")!)...])
        #expect(bootErrorMessage { _ = try RawImageLoader(argument: argument) }
            == "\(argument): malformed load address \"\(text)\" (use hexadecimal with a 0x prefix, or decimal)")
    }

    @Test func missingFileNameIsRefused() {
        #expect(bootErrorMessage { _ = try RawImageLoader(argument: "@0x7c00") } == "@0x7c00: no file name before \"@\"")
    }

    @Test func addressMustBeBelowOneMiB() throws {
        let path = try directory.file("a.img", [1])
        #expect(bootErrorMessage { _ = try RawImageLoader(path: path, address: 0x10_0000).load(into: memory) }
            == "\(path): load address 0x100000 is not below 1 MiB, where real mode can reach it")
    }

    @Test func imageLargerThanRAMIsRefusedBeforeReading() throws {
        let small = try PCMemoryLayout.build(ramSize: 0x1_0000, withLegacyHole: false)
        let path = try directory.file("big.img", [UInt8](repeating: 0, count: 0x1_0001))
        #expect(bootErrorMessage { _ = try RawImageLoader(path: path).load(into: small) }
            == "\(path): file is 65537 bytes, more than guest RAM (65536 bytes)")
    }

    @Test func imageMustLieWhollyInRAM() throws {
        let small = try PCMemoryLayout.build(ramSize: 0x1_0000, withLegacyHole: false)
        let path = try directory.file("a.img", [UInt8](repeating: 0, count: 0x8000))
        #expect(bootErrorMessage { _ = try RawImageLoader(path: path, address: 0xC000).load(into: small) }
            == "\(path): image (32768 bytes) at 0xc000 does not lie wholly in guest RAM")
        #expect(small.read(at: 0xC000, count: 1) == [0])
    }

    @Test func imageMayNotCrossTheLegacyHole() throws {
        let split = try PCMemoryLayout.build(ramSize: 2 << 20, withLegacyHole: true)
        let path = try directory.file("a.img", [UInt8](repeating: 1, count: 0x2000))
        #expect(bootErrorMessage { _ = try RawImageLoader(path: path, address: 0x9F000).load(into: split) }
            == "\(path): image (8192 bytes) at 0x9f000 does not lie wholly in guest RAM")
    }

    @Test func missingEmptyAndSpecialFilesAreRefused() throws {
        let missing = directory.path("missing.img")
        #expect(bootErrorMessage { _ = try RawImageLoader(path: missing).load(into: memory) }
            == "\(missing): cannot read: No such file or directory")
        let empty = try directory.file("empty.img", [])
        #expect(bootErrorMessage { _ = try RawImageLoader(path: empty).load(into: memory) } == "\(empty): file is empty")
        #expect(bootErrorMessage { _ = try RawImageLoader(path: directory.url.path).load(into: memory) }
            == "\(directory.url.path): cannot read: not a regular file")
        #expect(bootErrorMessage { _ = try RawImageLoader(path: "/dev/zero").load(into: memory) }
            == "/dev/zero: cannot read: not a regular file")
    }
}
