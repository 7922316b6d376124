import X86

/// SSE4.2 PCMPESTRI, PCMPESTRM, PCMPISTRI and PCMPISTRM: packed compares of strings of bytes or
/// words with explicit (EAX, EDX) or implicit (null-terminated) lengths.
extension InterpreterCore {
    /// `extra` is 0 PCMPESTRM, 1 PCMPESTRI, 2 PCMPISTRM, 3 PCMPISTRI. imm8 bits 1:0 pick unsigned
    /// or signed bytes or words, 3:2 the aggregation, 5:4 the polarity, 6 the least or most
    /// significant index (or a bit or an element mask).
    mutating func executeStringCompare(_ instruction: DecodedInstruction) throws(Interruption) {
        try requireSSE()
        let a = xmmRegister(instruction.reg)
        let b = try xmmSource(instruction, size: 16, aligned: false)
        let control = UInt8(truncatingIfNeeded: instruction.immediate)
        let count = control & 1 != 0 ? 8 : 16
        let explicit = instruction.extra < 2
        let wide = instruction.rex & 8 != 0
        let lengthA = explicit ? Self.explicitLength(gpr[0], wide: wide, count: count) : Self.implicitLength(a, control: control)
        let lengthB = explicit ? Self.explicitLength(gpr[2], wide: wide, count: count) : Self.implicitLength(b, control: control)
        let matches = Self.aggregate(a, lengthA, b, lengthB, control: control)
        let all: UInt32 = (1 << count) &- 1
        var result: UInt32
        switch control >> 4 & 3 {
        case 1: result = ~matches & all
        case 3: result = matches ^ ((1 << lengthB) &- 1)
        default: result = matches
        }
        if instruction.extra & 1 != 0 {
            let index = result == 0 ? count : control & 0x40 == 0 ? result.trailingZeroBitCount : 31 - result.leadingZeroBitCount
            setRegister(1, size: 4, highByte: false, UInt64(index))
        } else if control & 0x40 == 0 {
            state.fpu.xmm[0] = UInt128(result)
        } else {
            var mask: UInt128 = 0
            let elementBits = 128 / count
            for index in 0..<count where result >> index & 1 != 0 {
                mask |= ((1 << elementBits) &- 1) << (index * elementBits)
            }
            state.fpu.xmm[0] = mask
        }
        var status: UInt64 = 0
        if result != 0 { status |= RFlags.carry }
        if lengthB < count { status |= RFlags.zero }
        if lengthA < count { status |= RFlags.sign }
        if result & 1 != 0 { status |= RFlags.overflow }
        flags.materialize(status)
    }

    /// The length in EAX or EDX (RAX or RDX with REX.W): its absolute value, at most `count`.
    static func explicitLength(_ register: UInt64, wide: Bool, count: Int) -> Int {
        let value = wide ? Int64(bitPattern: register) : Int64(Int32(truncatingIfNeeded: register))
        return Int(min(value.magnitude, UInt64(count)))
    }

    /// The index of the first zero element, or the element count.
    static func implicitLength(_ value: UInt128, control: UInt8) -> Int {
        let count = control & 1 != 0 ? 8 : 16
        for index in 0..<count where element(value, index, control: control) == 0 { return index }
        return count
    }

    /// Element `index` of `value` as the control's data format says (bytes or words, unsigned or signed).
    static func element(_ value: UInt128, _ index: Int, control: UInt8) -> Int {
        switch control & 3 {
        case 0: Int(value.bytes[index])
        case 1: Int(value.words[index])
        case 2: Int(value.signedBytes[index])
        default: Int(value.signedWords[index])
        }
    }

    /// IntRes1: bit j for element j of b (the equal-each and equal-ordered positions).
    static func aggregate(_ a: UInt128, _ lengthA: Int, _ b: UInt128, _ lengthB: Int, control: UInt8) -> UInt32 {
        let count = control & 1 != 0 ? 8 : 16
        var matches: UInt32 = 0
        for j in 0..<count {
            let y = element(b, j, control: control)
            var match: Bool
            switch control >> 2 & 3 {
            case 0:
                match = false
                if j < lengthB {
                    for i in 0..<lengthA where element(a, i, control: control) == y { match = true }
                }
            case 1:
                match = false
                if j < lengthB {
                    for i in stride(from: 0, to: lengthA - 1, by: 2)
                    where element(a, i, control: control) <= y && y <= element(a, i + 1, control: control) {
                        match = true
                    }
                }
            case 2:
                if j >= lengthA || j >= lengthB {
                    match = j >= lengthA && j >= lengthB
                } else {
                    match = element(a, j, control: control) == y
                }
            default:
                match = true
                for i in 0..<(count - j) where i < lengthA {
                    if j + i >= lengthB || element(a, i, control: control) != element(b, j + i, control: control) {
                        match = false
                    }
                }
            }
            if match { matches |= 1 << j }
        }
        return matches
    }
}
