import Glibc

/// Machine code copied into an executable page of this process and called as a C function
/// `void f(void *rdi, void *rsi)`: the host processor as the test oracle.
final class NativeCode {
    private let page: UnsafeMutableRawPointer
    private let size = 4096

    init?(_ bytes: [UInt8]) {
        guard bytes.count <= size,
              let mapping = mmap(nil, size, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
              mapping != MAP_FAILED else { return nil }
        page = mapping
        bytes.withUnsafeBytes { page.copyMemory(from: $0.baseAddress!, byteCount: bytes.count) }
    }

    deinit { munmap(page, size) }

    /// Calls the code with `first` in RDI and `second` in RSI.
    func call(_ first: UnsafeMutableRawPointer, _ second: UnsafeMutableRawPointer) {
        typealias Function = @convention(c) (UnsafeMutableRawPointer, UnsafeMutableRawPointer) -> Void
        unsafeBitCast(page, to: Function.self)(first, second)
    }
}
