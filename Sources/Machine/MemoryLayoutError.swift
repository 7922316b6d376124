/// Why a guest memory layout could not be built.
public enum MemoryLayoutError: Error, Equatable, CustomStringConvertible {
    case emptyRegion
    case hostMappingFailed(bytes: UInt64)
    case overlap(name: String, base: UInt64, size: UInt64)
    case outsideAddressSpace(name: String, base: UInt64, size: UInt64)

    public var description: String {
        switch self {
        case .emptyRegion: "a memory region cannot be empty"
        case .hostMappingFailed(let bytes): "cannot map \(bytes) bytes of host memory for the guest"
        case .overlap(let name, let base, let size):
            "\(name) at 0x\(String(base, radix: 16)) (\(size) bytes) overlaps another memory region"
        case .outsideAddressSpace(let name, let base, let size):
            "\(name) at 0x\(String(base, radix: 16)) (\(size) bytes) lies outside the guest-physical address space"
        }
    }
}
