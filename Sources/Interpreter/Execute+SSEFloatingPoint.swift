import CHostSSE
import X86

/// SSE, SSE2, SSE3 and SSE4.1 floating-point arithmetic: packed and scalar forms, comparisons,
/// rounding and dot products.
extension InterpreterCore {
    /// PS and PD forms: every element of xmm and xmm/m128 (16-byte aligned).
    mutating func executePackedFloat<F: IEEEBinaryFormat>(_ instruction: DecodedInstruction, _ format: F.Type) throws(Interruption) {
        try requireSSE()
        guard let operation = SIMDFloatOperation(rawValue: instruction.extra) else { throw .invalidOpcode }
        let a = xmmRegister(instruction.reg)
        let b = try xmmSource(instruction, size: 16, aligned: true)
        let immediate = UInt8(truncatingIfNeeded: instruction.immediate)
        var arithmetic = SSEArithmetic(mxcsr: state.fpu.mxcsr)
        var result = a
        switch operation {
        case .horizontalAdd, .horizontalSubtract:
            let hostOperation = operation == .horizontalAdd ? CHostSSEAdd : CHostSSESubtract
            let half = F.laneCount / 2
            for index in 0..<half {
                let fromA = arithmetic.arithmetic(hostOperation, F.lane(a, 2 * index), F.lane(a, 2 * index + 1), F.self)
                let fromB = arithmetic.arithmetic(hostOperation, F.lane(b, 2 * index), F.lane(b, 2 * index + 1), F.self)
                result = F.replacingLane(F.replacingLane(result, index, with: fromA), half + index, with: fromB)
            }
        case .dotProduct:
            result = try dotProduct(a, b, immediate: immediate, F.self)
        default:
            for index in 0..<F.laneCount {
                let element = Self.floatElement(
                    operation, F.lane(a, index), F.lane(b, index), index: index, immediate: immediate, &arithmetic, F.self)
                result = F.replacingLane(result, index, with: element)
            }
        }
        try commitSIMDExceptions(arithmetic.flags)
        setXMMRegister(instruction.reg, result)
    }

    /// SS and SD forms: the low element of xmm and xmm/m32 or m64; the rest of xmm stays. The
    /// COMIS and UCOMIS forms set ZF, PF and CF (clearing OF, SF and AF) instead.
    mutating func executeScalarFloat<F: IEEEBinaryFormat>(_ instruction: DecodedInstruction, _ format: F.Type) throws(Interruption) {
        try requireSSE()
        guard let operation = SIMDFloatOperation(rawValue: instruction.extra) else { throw .invalidOpcode }
        let a = xmmRegister(instruction.reg)
        let b = F.lane(try xmmSource(instruction, size: F.width / 8, aligned: false), 0)
        var arithmetic = SSEArithmetic(mxcsr: state.fpu.mxcsr)
        if operation == .compareToFlags || operation == .compareToFlagsSignaling {
            let status = arithmetic.compareToFlags(F.lane(a, 0), b, signaling: operation == .compareToFlagsSignaling, F.self)
            try commitSIMDExceptions(arithmetic.flags)
            flags.materialize(status)
            return
        }
        let immediate = UInt8(truncatingIfNeeded: instruction.immediate)
        let element = Self.floatElement(operation, F.lane(a, 0), b, index: 0, immediate: immediate, &arithmetic, F.self)
        try commitSIMDExceptions(arithmetic.flags)
        setXMMRegister(instruction.reg, F.replacingLane(a, 0, with: element))
    }

    /// One element of an element-wise operation on `x` (from the destination) and `y` (the source).
    static func floatElement<F: IEEEBinaryFormat>(
        _ operation: SIMDFloatOperation, _ x: F.Bits, _ y: F.Bits, index: Int, immediate: UInt8,
        _ arithmetic: inout SSEArithmetic, _ format: F.Type
    ) -> F.Bits {
        switch operation {
        case .add: return arithmetic.arithmetic(CHostSSEAdd, x, y, F.self)
        case .subtract: return arithmetic.arithmetic(CHostSSESubtract, x, y, F.self)
        case .multiply: return arithmetic.arithmetic(CHostSSEMultiply, x, y, F.self)
        case .divide: return arithmetic.arithmetic(CHostSSEDivide, x, y, F.self)
        case .addSubtract: return arithmetic.arithmetic(index & 1 == 0 ? CHostSSESubtract : CHostSSEAdd, x, y, F.self)
        case .minimum: return arithmetic.minimumOrMaximum(x, y, maximum: false, F.self)
        case .maximum: return arithmetic.minimumOrMaximum(x, y, maximum: true, F.self)
        case .squareRoot: return arithmetic.squareRoot(y, F.self)
        case .reciprocal: return arithmetic.approximation(CHostSSEReciprocal, y, F.self)
        case .reciprocalSquareRoot: return arithmetic.approximation(CHostSSEReciprocalSquareRoot, y, F.self)
        case .compare: return arithmetic.compare(x, y, predicate: immediate, F.self) ? ~0 : 0
        case .round:
            let mode = immediate & 4 != 0 ? arithmetic.roundingMode : UInt32(immediate & 3)
            return arithmetic.roundToIntegral(y, mode: mode, suppressPrecision: immediate & 8 != 0, F.self)
        case .compareToFlags, .compareToFlagsSignaling, .horizontalAdd, .horizontalSubtract, .dotProduct:
            return x
        }
    }

    /// DPPS and DPPD: the products imm8 bits 7:4 select (others +0), summed in pairs, stored in
    /// the elements imm8 bits 3:0 select (others +0). Each step is an operation of its own: its
    /// unmasked exceptions end the instruction before the next step.
    mutating func dotProduct<F: IEEEBinaryFormat>(_ a: UInt128, _ b: UInt128, immediate: UInt8, _ format: F.Type) throws(Interruption) -> UInt128 {
        var multiplication = SSEArithmetic(mxcsr: state.fpu.mxcsr)
        var products: UInt128 = 0
        for index in 0..<F.laneCount where immediate >> (4 + index) & 1 != 0 {
            products = F.replacingLane(products, index, with: multiplication.arithmetic(CHostSSEMultiply, F.lane(a, index), F.lane(b, index), F.self))
        }
        try commitSIMDExceptions(multiplication.flags)
        var addition = SSEArithmetic(mxcsr: state.fpu.mxcsr)
        var sum = addition.arithmetic(CHostSSEAdd, F.lane(products, 0), F.lane(products, 1), F.self)
        if F.laneCount == 4 {
            let high = addition.arithmetic(CHostSSEAdd, F.lane(products, 2), F.lane(products, 3), F.self)
            try commitSIMDExceptions(addition.flags)
            var total = SSEArithmetic(mxcsr: state.fpu.mxcsr)
            sum = total.arithmetic(CHostSSEAdd, sum, high, F.self)
            addition = total
        }
        try commitSIMDExceptions(addition.flags)
        var result: UInt128 = 0
        for index in 0..<F.laneCount where immediate >> index & 1 != 0 {
            result = F.replacingLane(result, index, with: sum)
        }
        return result
    }
}
