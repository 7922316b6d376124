import Machine
import X86

/// Loads a Multiboot (version 1) kernel — an i386 ELF executable, or any image whose header carries the
/// a.out-kludge address fields (flag bit 16, which takes precedence over ELF) — writes its Multiboot
/// information, and enters it in flat 32-bit protected mode as the specification requires.
///
/// The kernel receives the command line "PATH ARGUMENTS" (the path as given, then the appended arguments, as
/// GRUB and QEMU pass it). The boot data block goes at 0x8000, or at the first page after the kernel if the
/// kernel occupies that: a 4 KiB stack (ESP starts at its top, though the specification leaves ESP undefined),
/// the GDT (GDTR points at it), then the information structure (EBX), its memory map and its strings.
public struct MultibootLoader {
    /// The value EAX holds at entry, telling the kernel a Multiboot loader started it.
    public static let bootLoaderMagic: UInt64 = 0x2BAD_B002
    public static let bootLoaderName = "swiftvmm"
    public static let maximumFileSize: UInt64 = 1 << 30
    public static let preferredBootDataAddress: UInt64 = 0x8000
    private static let stackSize: UInt64 = 4096

    public let path: String
    /// Arguments that follow the path on the kernel's command line (`--append`).
    public let arguments: String

    public init(path: String, arguments: String = "") {
        self.path = path
        self.arguments = arguments
    }

    public var commandLine: String { arguments.isEmpty ? path : path + " " + arguments }

    /// Loads the kernel and its boot data into RAM and returns the entry state. Nothing is written unless
    /// everything fits.
    public func load(into memory: GuestMemory) throws(BootError) -> LoadedKernel {
        let bytes = try HostFile.read(
            path, maximumSize: Self.maximumFileSize, limit: "the 1 GiB swiftvmm accepts for a kernel")
        let (segments, entry) = try image(of: bytes)
        for segment in segments where !memory.isRAM(at: segment.address, length: segment.memorySize) {
            throw .doesNotFit(
                path: path,
                reason: "\(segment.name) at 0x\(hex(segment.address))–0x\(hex(segment.addresses.upperBound)) "
                    + "lies outside guest RAM")
        }
        let information = MultibootInformation(
            ram: memory.ramRanges, commandLine: commandLine, bootLoaderName: Self.bootLoaderName)
        let gdt = FlatProtectedMode.gdtBytes
        let bootDataSize = Self.stackSize + UInt64(gdt.count) + UInt64(information.encodedSize)
        let bootData = try bootDataAddress(size: bootDataSize, avoiding: segments, in: memory)

        for segment in segments {
            memory.loadRAM(bytes[segment.fileRange], at: segment.address, zeroFilledTo: segment.memorySize)
        }
        let gdtAddress = bootData + Self.stackSize
        let informationAddress = gdtAddress + UInt64(gdt.count)
        memory.write(gdt, at: gdtAddress)
        memory.write(information.encoded(at: UInt32(informationAddress)), at: informationAddress)

        var context = FlatProtectedMode.context(entry: entry, gdtBase: gdtAddress)
        context[.rax] = Self.bootLoaderMagic
        context[.rbx] = informationAddress
        context[.rsp] = gdtAddress
        return LoadedKernel(
            context: context, kernelRanges: segments.map(\.addresses), informationAddress: informationAddress,
            commandLine: commandLine)
    }

    /// The segments to load and the physical entry point, from the header's address fields or else from the ELF headers.
    private func image(of bytes: [UInt8]) throws(BootError) -> (segments: [KernelSegment], entry: UInt64) {
        let header = try MultibootHeader(searching: bytes, path: path)
        if let fields = header.addressFields {
            let image = try fields.image(headerOffset: header.offset, fileSize: bytes.count, path: path)
            return ([image.segment], image.entry)
        }
        guard ELF32File.hasMagic(bytes) else {
            throw .malformed(
                path: path,
                reason: "not an ELF file, and its Multiboot header has no address fields (flag bit 16) to load it by")
        }
        let elf = try ELF32File(bytes: bytes, path: path)
        return (try elf.loadSegments(), try elf.physicalEntry())
    }

    /// The first of 0x8000 and the page after the kernel where `size` bytes are RAM below 4 GiB clear of every segment.
    private func bootDataAddress(
        size: UInt64, avoiding segments: [KernelSegment], in memory: GuestMemory
    ) throws(BootError) -> UInt64 {
        let kernelEnd = segments.map(\.addresses.upperBound).max() ?? 0
        let pageMask = PCMemoryLayout.pageSize - 1
        for base in [Self.preferredBootDataAddress, (kernelEnd + pageMask) & ~pageMask] {
            let block = base..<base + size
            if block.upperBound <= 1 << 32, memory.isRAM(at: base, length: size),
               !segments.contains(where: { $0.addresses.overlaps(block) }) {
                return base
            }
        }
        throw .doesNotFit(
            path: path,
            reason: "no room in guest RAM below 4 GiB for the Multiboot information (\(size) bytes) "
                + "at 0x\(hex(Self.preferredBootDataAddress)) or after the kernel")
    }
}
