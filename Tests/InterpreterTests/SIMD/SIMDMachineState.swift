import X86

/// The state a snippet reads and writes, on the host and in the guest: general registers, RFLAGS,
/// the FXSAVE image (x87/MMX, MXCSR, XMM) and the data page; after a run, the exception vector.
struct SIMDMachineState {
    static let memorySize = 256
    static let recordSize = 656 + memorySize
    /// Vector of "no exception".
    static let noException: UInt64 = 255

    /// The snippet's offset in the code (an input), or the exception vector (a result).
    var offset: UInt64 = 0
    var vector: UInt64 = noException
    var gpr = [UInt64](repeating: 0, count: 16)
    var rflags: UInt64 = 0x202
    var fxsave = [UInt8](repeating: 0, count: 512)
    var memory = [UInt8](repeating: 0, count: memorySize)

    init() {}

    /// The binary record the host oracle reads.
    func record() -> [UInt8] {
        var bytes = [UInt8]()
        bytes.reserveCapacity(Self.recordSize)
        func append(_ value: UInt64) { for index in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: value >> (index * 8))) } }
        append(offset)
        gpr.forEach(append)
        append(rflags)
        bytes += fxsave
        bytes += memory
        return bytes
    }

    /// A result record of the host oracle.
    init(record bytes: ArraySlice<UInt8>, offset: UInt64) {
        let base = bytes.startIndex
        func load(_ at: Int) -> UInt64 { (0..<8).reduce(0) { $0 | UInt64(bytes[base + at + $1]) << ($1 * 8) } }
        self.offset = offset
        vector = load(0)
        gpr = (0..<16).map { load(8 + $0 * 8) }
        rflags = load(136)
        fxsave = Array(bytes[(base + 144)..<(base + 656)])
        memory = Array(bytes[(base + 656)..<(base + Self.recordSize)])
    }

    // MARK: The FXSAVE image's fields

    func word16(_ at: Int) -> UInt16 { UInt16(fxsave[at]) | UInt16(fxsave[at + 1]) << 8 }
    func word32(_ at: Int) -> UInt32 { UInt32(word16(at)) | UInt32(word16(at + 2)) << 16 }
    func word64(_ at: Int) -> UInt64 { UInt64(word32(at)) | UInt64(word32(at + 4)) << 32 }

    mutating func setWord16(_ at: Int, _ value: UInt16) { for index in 0..<2 { fxsave[at + index] = UInt8(truncatingIfNeeded: value >> (index * 8)) } }
    mutating func setWord32(_ at: Int, _ value: UInt32) { for index in 0..<4 { fxsave[at + index] = UInt8(truncatingIfNeeded: value >> (index * 8)) } }
    mutating func setWord64(_ at: Int, _ value: UInt64) { for index in 0..<8 { fxsave[at + index] = UInt8(truncatingIfNeeded: value >> (index * 8)) } }

    var mxcsr: UInt32 {
        get { word32(24) }
        set { setWord32(24, newValue) }
    }

    var top: Int { Int(word16(2) >> 11 & 7) }

    func xmm(_ index: Int) -> UInt128 { UInt128(word64(160 + index * 16 + 8)) << 64 | UInt128(word64(160 + index * 16)) }

    mutating func setXMM(_ index: Int, _ value: UInt128) {
        setWord64(160 + index * 16, UInt64(truncatingIfNeeded: value))
        setWord64(160 + index * 16 + 8, UInt64(truncatingIfNeeded: value >> 64))
    }

    /// Physical x87 register `index` (MMX register `index`): the image holds ST(i) = physical (TOP + i) mod 8.
    func physicalRegister(_ index: Int) -> X87Register {
        let slot = 32 + ((index - top) & 7) * 16
        return X87Register(significand: word64(slot), signAndExponent: word16(slot + 8))
    }

    mutating func setPhysicalRegister(_ index: Int, _ value: X87Register) {
        let slot = 32 + ((index - top) & 7) * 16
        setWord64(slot, value.significand)
        setWord16(slot + 8, value.signAndExponent)
    }

    /// The guest's floating-point state holding this image (registers in physical order).
    var floatingPointState: FloatingPointState {
        var state = FloatingPointState()
        state.controlWord = word16(0)
        state.statusWord = word16(2)
        state.abridgedTagWord = fxsave[4]
        state.mxcsr = mxcsr
        state.mxcsrMask = 0xFFFF
        for index in 0..<8 { state.registers[index] = physicalRegister(index) }
        for index in 0..<16 { state.xmm[index] = xmm(index) }
        return state
    }

    /// Writes the guest's floating-point state into the image's compared fields.
    mutating func setFloatingPointState(_ state: FloatingPointState) {
        setWord16(0, state.controlWord)
        setWord16(2, state.statusWord)
        fxsave[4] = state.abridgedTagWord
        mxcsr = state.mxcsr
        for index in 0..<8 { setPhysicalRegister(index, state.registers[index]) }
        for index in 0..<16 { setXMM(index, state.xmm[index]) }
    }

    /// How this result differs from `other` in what both machines define: the vector, the general
    /// registers but RSP, the status flags, FCW, FSW, the abridged tag word, MXCSR, the x87/MMX and
    /// XMM registers and the data page.
    func differences(from other: SIMDMachineState) -> [String] {
        var found = [String]()
        if vector != other.vector { found.append("vector \(vector) vs \(other.vector)") }
        for index in 0..<16 where index != 4 && gpr[index] != other.gpr[index] {
            found.append("gpr\(index) \(hex(gpr[index])) vs \(hex(other.gpr[index]))")
        }
        let status: UInt64 = 0x8D5
        if rflags & status != other.rflags & status { found.append("rflags \(hex(rflags & status)) vs \(hex(other.rflags & status))") }
        if word16(0) != other.word16(0) { found.append("fcw \(hex(word16(0))) vs \(hex(other.word16(0)))") }
        if word16(2) != other.word16(2) { found.append("fsw \(hex(word16(2))) vs \(hex(other.word16(2)))") }
        if fxsave[4] != other.fxsave[4] { found.append("ftw \(hex(fxsave[4])) vs \(hex(other.fxsave[4]))") }
        if mxcsr != other.mxcsr { found.append("mxcsr \(hex(mxcsr)) vs \(hex(other.mxcsr))") }
        for index in 0..<8 where physicalRegister(index) != other.physicalRegister(index) {
            let mine = physicalRegister(index)
            let theirs = other.physicalRegister(index)
            found.append("r\(index) \(hex(mine.signAndExponent)):\(hex(mine.significand)) vs \(hex(theirs.signAndExponent)):\(hex(theirs.significand))")
        }
        for index in 0..<16 where xmm(index) != other.xmm(index) {
            found.append("xmm\(index) \(hex(xmm(index))) vs \(hex(other.xmm(index)))")
        }
        if memory != other.memory {
            let first = memory.indices.first { memory[$0] != other.memory[$0] } ?? 0
            found.append("memory from byte \(first): \(memory[first...].prefix(16).map { hex($0) }) vs \(other.memory[first...].prefix(16).map { hex($0) })")
        }
        return found
    }
}

func hex<T: BinaryInteger>(_ value: T) -> String { "0x" + String(value, radix: 16) }
