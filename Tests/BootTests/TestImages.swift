/// Hand-built kernel images for the loaders' bad-input tests.
enum TestImages {
    /// A Multiboot header with `flags`, a correct checksum unless `checksum` is given, and `addressFields`.
    static func multibootHeader(flags: UInt32 = 0x2, checksum: UInt32? = nil, addressFields: [UInt32] = []) -> [UInt8] {
        var bytes: [UInt8] = []
        for word in [0x1BAD_B002, flags, checksum ?? 0 &- (0x1BAD_B002 &+ flags)] + addressFields {
            bytes.appendWord(word)
        }
        return bytes
    }

    /// A flat a.out-kludge kernel whose header, at offset 0, holds the address fields `fields`; padded to `size` bytes.
    static func kludgeKernel(fields: [UInt32], size: Int = 64) -> [UInt8] {
        var bytes = multibootHeader(flags: 0x1_0002, addressFields: fields)
        bytes.append(contentsOf: repeatElement(0x90, count: size - bytes.count))
        return bytes
    }

    /// One program header and the bytes it loads.
    struct Segment {
        var type: UInt32 = 1
        var virtualAddress: UInt32
        var physicalAddress: UInt32
        var contents: [UInt8]
        var memorySize: UInt32
        var fileSize: UInt32?

        init(address: UInt32, contents: [UInt8] = [0xF4], memorySize: UInt32? = nil, virtualAddress: UInt32? = nil) {
            physicalAddress = address
            self.virtualAddress = virtualAddress ?? address
            self.contents = contents
            self.memorySize = memorySize ?? UInt32(contents.count)
        }
    }

    /// An ELF32 file: header, program headers, a Multiboot header, then each segment's contents.
    struct ELF {
        var elfClass: UInt8 = 1
        var byteOrder: UInt8 = 1
        var type: UInt16 = 2
        var machine: UInt16 = 3
        var entry: UInt32
        var segments: [Segment]
        var programHeaderOffset: UInt32?
        var multiboot = TestImages.multibootHeader()

        init(entry: UInt32, segments: [Segment]) {
            self.entry = entry
            self.segments = segments
        }

        var bytes: [UInt8] {
            let tableOffset = 52
            var contentOffset = tableOffset + 32 * segments.count + multiboot.count
            var bytes: [UInt8] = [0x7F, 0x45, 0x4C, 0x46, elfClass, byteOrder, 1]
            bytes.append(contentsOf: repeatElement(0, count: 16 - bytes.count))
            bytes.appendHalf(type)
            bytes.appendHalf(machine)
            bytes.appendWord(1)
            bytes.appendWord(entry)
            bytes.appendWord(programHeaderOffset ?? UInt32(tableOffset))
            bytes.appendWord(0)  // section headers
            bytes.appendWord(0)  // flags
            bytes.appendHalf(52)
            bytes.appendHalf(32)
            bytes.appendHalf(UInt16(segments.count))
            bytes.append(contentsOf: repeatElement(0, count: 6))
            for segment in segments {
                let fileSize = segment.fileSize ?? UInt32(segment.contents.count)
                let fields: [UInt32] = [
                    segment.type, UInt32(contentOffset), segment.virtualAddress, segment.physicalAddress, fileSize,
                    segment.memorySize, 7, 4,
                ]
                for word in fields {
                    bytes.appendWord(word)
                }
                contentOffset += segment.contents.count
            }
            bytes.append(contentsOf: multiboot)
            for segment in segments { bytes.append(contentsOf: segment.contents) }
            return bytes
        }
    }
}

extension Array<UInt8> {
    mutating func appendWord(_ value: UInt32) {
        for shift in stride(from: 0, to: 32, by: 8) { append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
    }

    mutating func appendHalf(_ value: UInt16) {
        append(UInt8(truncatingIfNeeded: value))
        append(UInt8(truncatingIfNeeded: value >> 8))
    }
}
