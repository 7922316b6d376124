/// The parts of a 32-bit little-endian i386 ELF executable that a Multiboot loader needs: its entry point
/// and its loadable segments, every offset and size checked against the file.
struct ELF32File {
    struct ProgramHeader {
        let type: UInt32
        let offset: UInt32
        let virtualAddress: UInt32
        let physicalAddress: UInt32
        let fileSize: UInt32
        let memorySize: UInt32
    }

    static let magic: [UInt8] = [0x7F, 0x45, 0x4C, 0x46]
    private static let headerSize = 52
    private static let programHeaderSize = 32
    private static let class32: UInt8 = 1
    private static let class64: UInt8 = 2
    private static let littleEndian: UInt8 = 1
    private static let executableType: UInt16 = 2
    private static let machineI386: UInt16 = 3
    private static let loadableType: UInt32 = 1

    let entry: UInt32
    let programHeaders: [ProgramHeader]
    private let path: String
    private let fileSize: Int

    static func hasMagic(_ bytes: [UInt8]) -> Bool { bytes.starts(with: magic) }

    /// Parses the ELF header and program header table of `bytes`, the contents of `path`.
    init(bytes: [UInt8], path: String) throws(BootError) {
        self.path = path
        fileSize = bytes.count
        guard bytes.count >= Self.headerSize else {
            throw .malformed(path: path, reason: "truncated ELF header (\(bytes.count) of \(Self.headerSize) bytes)")
        }
        switch bytes[4] {
        case Self.class32: break
        case Self.class64: throw .malformed(path: path, reason: "64-bit ELF; a Multiboot kernel must be a 32-bit ELF")
        default: throw .malformed(path: path, reason: "unknown ELF class \(bytes[4])")
        }
        guard bytes[5] == Self.littleEndian else {
            throw .malformed(path: path, reason: "big-endian ELF; an i386 kernel is little-endian")
        }
        // The length check above keeps every header field, and the table check below every program header
        // field, inside `bytes`.
        let type = bytes.littleEndian(UInt16.self, at: 16)!
        let machine = bytes.littleEndian(UInt16.self, at: 18)!
        entry = bytes.littleEndian(UInt32.self, at: 24)!
        let tableOffset = UInt64(bytes.littleEndian(UInt32.self, at: 28)!)
        let entrySize = Int(bytes.littleEndian(UInt16.self, at: 42)!)
        let entryCount = Int(bytes.littleEndian(UInt16.self, at: 44)!)
        guard type == Self.executableType else {
            throw .malformed(path: path, reason: "ELF type \(type) is not an executable (ET_EXEC)")
        }
        guard machine == Self.machineI386 else {
            throw .malformed(path: path, reason: "ELF machine \(machine) is not i386 (EM_386)")
        }
        guard entryCount > 0 else { throw .malformed(path: path, reason: "ELF file has no program headers") }
        guard entrySize >= Self.programHeaderSize else {
            throw .malformed(
                path: path, reason: "ELF program header size \(entrySize) is below \(Self.programHeaderSize)")
        }
        guard tableOffset + UInt64(entrySize * entryCount) <= UInt64(bytes.count) else {
            let table = "\(entryCount) × \(entrySize) bytes at offset 0x\(hex(tableOffset))"
            throw .malformed(
                path: path,
                reason: "ELF program header table (\(table)) extends past the end of the file (\(bytes.count) bytes)")
        }
        programHeaders = (0..<entryCount).map { index in
            let base = Int(tableOffset) + index * entrySize
            func field(_ offset: Int) -> UInt32 { bytes.littleEndian(UInt32.self, at: base + offset)! }
            return ProgramHeader(
                type: field(0), offset: field(4), virtualAddress: field(8), physicalAddress: field(12),
                fileSize: field(16), memorySize: field(20))
        }
    }

    /// The PT_LOAD segments with contents, placed at their physical addresses.
    func loadSegments() throws(BootError) -> [KernelSegment] {
        var segments: [KernelSegment] = []
        for (index, header) in programHeaders.enumerated()
        where header.type == Self.loadableType && header.memorySize > 0 {
            let name = "ELF segment \(index)"
            let fileEnd = UInt64(header.offset) + UInt64(header.fileSize)
            guard header.fileSize <= header.memorySize else {
                throw .malformed(
                    path: path,
                    reason: "\(name): file size \(header.fileSize) exceeds memory size \(header.memorySize)")
            }
            guard fileEnd <= UInt64(fileSize) else {
                let bytes = "0x\(hex(header.offset))–0x\(hex(fileEnd))"
                throw .malformed(
                    path: path, reason: "\(name): file bytes \(bytes) lie past the end of the file (\(fileSize) bytes)")
            }
            guard UInt64(header.physicalAddress) + UInt64(header.memorySize) <= 1 << 32 else {
                let placement = "0x\(hex(header.physicalAddress)) (\(header.memorySize) bytes)"
                throw .doesNotFit(path: path, reason: "\(name) at \(placement) extends past 4 GiB")
            }
            segments.append(KernelSegment(
                name: name, address: UInt64(header.physicalAddress), fileRange: Int(header.offset)..<Int(fileEnd),
                memorySize: UInt64(header.memorySize)))
        }
        guard !segments.isEmpty else { throw .malformed(path: path, reason: "ELF file has no loadable segments") }
        return segments
    }

    /// The entry point as a physical address: `entry` lies in some segment's virtual range, which maps it to that
    /// segment's physical range (identical for kernels linked at their load address).
    func physicalEntry() throws(BootError) -> UInt64 {
        for header in programHeaders where header.type == Self.loadableType {
            let offset = UInt64(entry) &- UInt64(header.virtualAddress)
            if entry >= header.virtualAddress && offset < UInt64(header.memorySize) {
                return UInt64(header.physicalAddress) + offset
            }
        }
        throw .malformed(path: path, reason: "ELF entry point 0x\(hex(entry)) lies outside every loadable segment")
    }
}
