/// The Multiboot (version 1) header of a kernel: where it was found and, with flag bit 16, the a.out-kludge
/// address fields that say where to load a kernel that is not ELF.
struct MultibootHeader {
    /// The header's address fields (flag bit 16), all physical addresses.
    struct AddressFields {
        let header: UInt32
        let load: UInt32
        /// End of the data to load; 0 means the rest of the file.
        let loadEnd: UInt32
        /// End of the zero-filled bss; 0 means no bss.
        let bssEnd: UInt32
        let entry: UInt32

        /// The image these fields describe for a header at `offset` in a file of `fileSize` bytes, and its entry.
        func image(
            headerOffset offset: Int, fileSize: Int, path: String
        ) throws(BootError) -> (segment: KernelSegment, entry: UInt64) {
            func inconsistent(_ reason: String) -> BootError {
                .malformed(path: path, reason: "inconsistent a.out kludge addresses: \(reason)")
            }
            guard load <= header else {
                throw inconsistent("load_addr 0x\(hex(load)) is above header_addr 0x\(hex(header))")
            }
            let headerDistance = Int(header - load)
            guard headerDistance <= offset else {
                throw inconsistent(
                    "load_addr 0x\(hex(load)) lies \(headerDistance) bytes before the header, "
                        + "which is only \(offset) bytes into the file")
            }
            let fileStart = offset - headerDistance
            let loadAddress = UInt64(load)
            let available = UInt64(fileSize - fileStart)
            let dataEnd: UInt64
            if loadEnd == 0 {
                dataEnd = loadAddress + available
            } else {
                guard loadEnd > header else {
                    throw inconsistent(
                        "load_end_addr 0x\(hex(loadEnd)) does not lie above header_addr 0x\(hex(header))")
                }
                dataEnd = UInt64(loadEnd)
                guard dataEnd - loadAddress <= available else {
                    throw inconsistent(
                        "load_end_addr 0x\(hex(loadEnd)) asks for \(dataEnd - loadAddress) bytes, "
                            + "but the file holds \(available) from offset 0x\(hex(fileStart))")
                }
            }
            guard dataEnd <= 1 << 32 else {
                throw .doesNotFit(
                    path: path, reason: "a.out kludge image 0x\(hex(loadAddress))–0x\(hex(dataEnd)) extends past 4 GiB")
            }
            let imageEnd: UInt64
            if bssEnd == 0 {
                imageEnd = dataEnd
            } else {
                guard UInt64(bssEnd) >= dataEnd else {
                    throw inconsistent(
                        "bss_end_addr 0x\(hex(bssEnd)) is below the end of the loaded data 0x\(hex(dataEnd))")
                }
                imageEnd = UInt64(bssEnd)
            }
            guard (loadAddress..<imageEnd).contains(UInt64(entry)) else {
                throw inconsistent(
                    "entry_addr 0x\(hex(entry)) lies outside the image 0x\(hex(loadAddress))–0x\(hex(imageEnd))")
            }
            let fileEnd = fileStart + Int(dataEnd - loadAddress)
            let segment = KernelSegment(
                name: "a.out kludge image", address: loadAddress, fileRange: fileStart..<fileEnd,
                memorySize: imageEnd - loadAddress)
            return (segment, UInt64(entry))
        }
    }

    static let magic: UInt32 = 0x1BAD_B002
    /// The header must lie wholly within this many bytes at the start of the file.
    static let searchLength = 8192
    static let addressFieldsFlag: UInt32 = 1 << 16
    /// Requirement bits (0–15) swiftvmm satisfies: 0, page-aligned modules (there are none), 1, memory information.
    private static let supportedRequirements: UInt32 = 0b11
    private static let requirementNames: [Int: String] = [2: "video mode"]

    /// Offset of the header in the file.
    let offset: Int
    let addressFields: AddressFields?

    /// Finds the first 4-byte-aligned header with a valid checksum in the first 8192 bytes of `bytes`.
    init(searching bytes: [UInt8], path: String) throws(BootError) {
        let window = min(bytes.count, Self.searchLength)
        var badChecksumOffset: Int?
        var found: (offset: Int, flags: UInt32)?
        for offset in stride(from: 0, through: window - 12, by: 4)
        where bytes.littleEndian(UInt32.self, at: offset) == Self.magic {
            let flags = bytes.littleEndian(UInt32.self, at: offset + 4)!
            let checksum = bytes.littleEndian(UInt32.self, at: offset + 8)!
            if Self.magic &+ flags &+ checksum == 0 {
                found = (offset, flags)
                break
            }
            badChecksumOffset = badChecksumOffset ?? offset
        }
        guard let found else {
            let reason = badChecksumOffset.map { "the header at offset 0x\(hex($0)) has a bad checksum" }
                ?? "no header in the first \(Self.searchLength) bytes"
            throw .malformed(path: path, reason: "not a Multiboot kernel (\(reason))")
        }
        offset = found.offset
        let unsupported = found.flags & 0xFFFF & ~Self.supportedRequirements
        guard unsupported == 0 else {
            let names = (0..<16).filter { unsupported & (1 << $0) != 0 }.map { bit in
                Self.requirementNames[bit].map { "\($0) (header flag bit \(bit))" } ?? "header flag bit \(bit)"
            }
            throw .unsupported(
                path: path, reason: "requires features swiftvmm does not provide: \(names.joined(separator: ", "))")
        }
        guard found.flags & Self.addressFieldsFlag != 0 else {
            addressFields = nil
            return
        }
        guard offset + 32 <= window else {
            throw .malformed(
                path: path,
                reason: "Multiboot header at offset 0x\(hex(offset)) sets flag bit 16, but its address fields lie "
                    + "beyond the first \(window) bytes")
        }
        let fieldsOffset = found.offset + 12
        func field(_ index: Int) -> UInt32 { bytes.littleEndian(UInt32.self, at: fieldsOffset + 4 * index)! }
        addressFields = AddressFields(
            header: field(0), load: field(1), loadEnd: field(2), bssEnd: field(3), entry: field(4))
    }
}
