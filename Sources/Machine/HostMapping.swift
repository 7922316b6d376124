#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An anonymous, zero-filled, page-aligned host mapping that backs one guest memory region.
public final class HostMapping: @unchecked Sendable {
    public let pointer: UnsafeMutableRawPointer
    public let size: Int

    /// Maps `size` bytes (rounded up to whole pages) without reserving swap for them.
    public init(size: Int) throws(MemoryLayoutError) {
        let pageSize = 4096
        let rounded = (size + pageSize - 1) & ~(pageSize - 1)
        guard rounded > 0 else { throw .emptyRegion }
        let address = mmap(nil, rounded, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0)
        guard let address, address != MAP_FAILED else { throw .hostMappingFailed(bytes: UInt64(rounded)) }
        pointer = address
        self.size = rounded
    }

    deinit { munmap(pointer, size) }
}
