import X86

/// The sixteen general registers in plain memory, where the hot path reads and writes them in
/// place (an `InlineArray` inside the context would be copied out for each access). Slots 16 to
/// 255 hold zero for good, so that an address's absent base or index register (`noRegister`)
/// adds nothing without a branch.
final class RegisterFile {
    let values: UnsafeMutablePointer<UInt64>
    static let slotCount = 256

    init() {
        values = .allocate(capacity: Self.slotCount)
        values.initialize(repeating: 0, count: Self.slotCount)
    }

    deinit { values.deallocate() }

    /// Copies the registers of `context` in.
    func load(from context: VCPUContext) {
        for index in 0..<16 { values[index] = context.gpr[index] }
    }

    /// Copies the registers out into `context`.
    func store(into context: inout VCPUContext) {
        for index in 0..<16 { context.gpr[index] = values[index] }
    }
}
