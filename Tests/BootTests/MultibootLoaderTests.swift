import Boot
import Foundation
import Machine
import Testing
import TestSupport
import X86

@Suite struct MultibootLoaderTests {
    let directory: TemporaryDirectory
    let kernels: GuestKernels
    let memory: GuestMemory

    init() throws {
        directory = try TemporaryDirectory()
        kernels = try GuestKernels(in: directory)
        memory = try PCMemoryLayout.build(ramSize: 32 << 20, withLegacyHole: true)
    }

    /// Reads the NUL-terminated string at `address`.
    func string(at address: UInt64) -> String? {
        var bytes: [UInt8] = []
        var cursor = address
        while let byte = memory.load(UInt8.self, at: cursor), byte != 0, bytes.count < 4096 {
            bytes.append(byte)
            cursor += 1
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    func expectFlatProtectedModeEntry(_ context: VCPUContext, entry: UInt64) {
        #expect(context.mode == .protected32)
        #expect(context.rip == entry)
        #expect(context[.rax] == 0x2BAD_B002)
        #expect(context.cr0 & CR0.protectionEnable != 0)
        #expect(context.cr0 & CR0.paging == 0)
        #expect(context.rflags & (RFlags.interruptEnable | RFlags.virtual8086) == 0)
        let code = context[.cs]
        #expect(code.selector == 0x08 && code.base == 0 && code.limit == 0xFFFF_FFFF)
        #expect(code.access.isCode && code.access.isWritableOrReadable && code.access.defaultBig && code.access.present)
        #expect(code.access.dpl == 0)
        for name in [SegmentName.ds, .es, .fs, .gs, .ss] {
            let data = context[name]
            #expect(data.selector == 0x10 && data.base == 0 && data.limit == 0xFFFF_FFFF)
            #expect(!data.access.isCode && data.access.isWritableOrReadable && data.access.defaultBig)
        }
        #expect(context.gdtr.limit == 23)
        #expect(memory.load(UInt64.self, at: context.gdtr.base + 8) == 0x00CF_9B00_0000_FFFF)
        #expect(memory.load(UInt64.self, at: context.gdtr.base + 16) == 0x00CF_9300_0000_FFFF)
    }

    @Test func elfKernelIsLoadedAndDescribed() throws {
        // Dirty the bss first: the loader must zero it.
        let bss = kernels.elfSymbols["data_end"]!..<kernels.elfSymbols["bss_end"]!
        memory.write([UInt8](repeating: 0xAA, count: bss.count), at: bss.lowerBound)
        let loaded = try MultibootLoader(path: kernels.elfPath, arguments: "console=ttyS0 quiet").load(into: memory)

        expectFlatProtectedModeEntry(loaded.context, entry: kernels.elfSymbols["start"]!)
        #expect(memory.read(at: 0x10_0000, count: kernels.elfFlatImage.count) == kernels.elfFlatImage)
        let stack = kernels.elfSymbols["stack"]!..<kernels.elfSymbols["stack_top"]!
        #expect(memory.read(at: stack.lowerBound, count: stack.count)?.allSatisfy { $0 == 0 } == true)
        #expect(loaded.kernelRanges.contains(0x10_0000..<0x10_0000 + UInt64(kernels.elfFlatImage.count)))
        #expect(loaded.kernelRanges.contains { $0.upperBound == kernels.elfSymbols["bss_end"]! })

        let info = loaded.informationAddress
        #expect(loaded.context[.rbx] == info)
        #expect(info == 0x9018)
        #expect(loaded.context[.rsp] == 0x9000)
        #expect(memory.load(UInt32.self, at: info) == 0x245)  // memory, cmdline, mmap, boot loader name
        #expect(memory.load(UInt32.self, at: info + 4) == 640)
        #expect(memory.load(UInt32.self, at: info + 8) == UInt32(31 * 1024))
        #expect(string(at: UInt64(memory.load(UInt32.self, at: info + 16)!)) == kernels.elfPath + " console=ttyS0 quiet")
        #expect(loaded.commandLine == kernels.elfPath + " console=ttyS0 quiet")
        #expect(string(at: UInt64(memory.load(UInt32.self, at: info + 64)!)) == "swiftvmm")

        let mapLength = memory.load(UInt32.self, at: info + 44)!
        let mapAddress = UInt64(memory.load(UInt32.self, at: info + 48)!)
        #expect(mapLength == UInt32(3 * 24))
        var entries: [(UInt32, UInt64, UInt64, UInt32)] = []
        for offset in stride(from: UInt64(0), to: UInt64(mapLength), by: 24) {
            entries.append((memory.load(UInt32.self, at: mapAddress + offset)!,
                            memory.load(UInt64.self, at: mapAddress + offset + 4)!,
                            memory.load(UInt64.self, at: mapAddress + offset + 12)!,
                            memory.load(UInt32.self, at: mapAddress + offset + 20)!))
        }
        #expect(entries.map(\.0) == [20, 20, 20])
        #expect(entries.map(\.1) == [0, 0xA_0000, 0x10_0000])
        #expect(entries.map(\.2) == [0xA_0000, 0x6_0000, (32 << 20) - 0x10_0000])
        #expect(entries.map(\.3) == [1, 2, 1])
    }

    @Test func kludgeKernelIsLoadedFromItsAddressFields() throws {
        let bss = kernels.kludgeSymbols["data_end"]!..<kernels.kludgeSymbols["bss_end"]!
        memory.write([UInt8](repeating: 0xAA, count: bss.count), at: bss.lowerBound)
        let image = try fileBytes(kernels.kludgePath)
        let loaded = try MultibootLoader(path: kernels.kludgePath).load(into: memory)

        expectFlatProtectedModeEntry(loaded.context, entry: kernels.kludgeSymbols["start"]!)
        #expect(memory.read(at: 0x10_0000, count: image.count) == image)
        #expect(memory.read(at: bss.lowerBound, count: bss.count)?.allSatisfy { $0 == 0 } == true)
        #expect(loaded.kernelRanges == [0x10_0000..<kernels.kludgeSymbols["bss_end"]!])
        #expect(string(at: UInt64(memory.load(UInt32.self, at: loaded.informationAddress + 16)!)) == kernels.kludgePath)
    }

    @Test func withoutLegacyHoleTheMapStillReservesIt() throws {
        let flat = try PCMemoryLayout.build(ramSize: 4 << 20, withLegacyHole: false)
        let loaded = try MultibootLoader(path: kernels.elfPath).load(into: flat)
        let info = loaded.informationAddress
        #expect(flat.load(UInt32.self, at: info + 4) == 640)
        #expect(flat.load(UInt32.self, at: info + 8) == UInt32(3 * 1024))
        #expect(flat.load(UInt32.self, at: info + 44) == UInt32(3 * 24))
    }

    @Test func higherHalfEntryIsTranslatedToItsPhysicalAddress() throws {
        let elf = TestImages.ELF(entry: 0xC010_0004, segments: [
            .init(address: 0x10_0000, contents: [0x90, 0x90, 0x90, 0x90, 0xF4], virtualAddress: 0xC010_0000),
        ])
        let path = try directory.file("higher-half.elf", elf.bytes)
        let loaded = try MultibootLoader(path: path).load(into: memory)
        #expect(loaded.context.rip == 0x10_0004)
        #expect(memory.read(at: 0x10_0000, count: 5) == [0x90, 0x90, 0x90, 0x90, 0xF4])
    }

    @Test func kernelAtTheBootDataAddressPushesItPastTheKernel() throws {
        let elf = TestImages.ELF(entry: 0x8000, segments: [.init(address: 0x8000, memorySize: 0x2100)])
        let path = try directory.file("low.elf", elf.bytes)
        let loaded = try MultibootLoader(path: path).load(into: memory)
        #expect(loaded.context[.rsp] == 0xC000)
        #expect(loaded.informationAddress == 0xC018)
        #expect(loaded.context.gdtr.base == 0xC000)
    }

    func fileBytes(_ path: String) throws -> [UInt8] {
        try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
    }
}
