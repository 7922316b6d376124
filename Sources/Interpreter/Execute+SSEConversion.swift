import CHostSSE
import X86

/// The SSE and SSE2 conversions between single, double, 32- and 64-bit integers; MMX operands make
/// the x87-to-MMX transition.
extension InterpreterCore {
    mutating func executeConversion(_ instruction: DecodedInstruction) throws(Interruption) {
        guard let conversion = SIMDConversion(rawValue: instruction.extra) else { throw .invalidOpcode }
        var arithmetic = SSEArithmetic(mxcsr: state.fpu.mxcsr)
        let a = xmmRegister(instruction.reg)
        let integerSize = Int(instruction.operandSize) == 8 ? 8 : 4
        switch conversion {
        case .int32PairToSingles, .int32PairToDoubles:
            let fromMMX = instruction.modrmMod == 3
            if fromMMX { try requireSSEWithMMX() } else { try requireSSE() }
            let source = try mmxSource(instruction)
            if fromMMX { enterMMXState() }
            let low = UInt64(truncatingIfNeeded: source & 0xFFFF_FFFF)
            let high = source >> 32
            if conversion == .int32PairToSingles {
                let first = arithmetic.convert(CHostSSEFromInt32, low, from: Binary32.self)
                let second = arithmetic.convert(CHostSSEFromInt32, high, from: Binary32.self)
                try commitSIMDExceptions(arithmetic.flags)
                setXMMRegister(instruction.reg, UInt128(high: a.high, low: second << 32 | first & 0xFFFF_FFFF))
            } else {
                let first = arithmetic.convert(CHostSSEFromInt32, low, from: Binary64.self)
                let second = arithmetic.convert(CHostSSEFromInt32, high, from: Binary64.self)
                setXMMRegister(instruction.reg, UInt128(high: second, low: first))
            }
        case .singlesToInt32Pair, .singlesToInt32PairTruncating, .doublesToInt32Pair, .doublesToInt32PairTruncating:
            try requireSSEWithMMX()
            let singles = conversion == .singlesToInt32Pair || conversion == .singlesToInt32PairTruncating
            let source = try xmmSource(instruction, size: singles ? 8 : 16, aligned: !singles)
            enterMMXState()
            let truncating = conversion == .singlesToInt32PairTruncating || conversion == .doublesToInt32PairTruncating
            let operation = truncating ? CHostSSEToInt32Truncating : CHostSSEToInt32
            let first: UInt64
            let second: UInt64
            if singles {
                first = arithmetic.convert(operation, source.low & 0xFFFF_FFFF, from: Binary32.self)
                second = arithmetic.convert(operation, source.low >> 32, from: Binary32.self)
            } else {
                first = arithmetic.convert(operation, source.low, from: Binary64.self)
                second = arithmetic.convert(operation, source.high, from: Binary64.self)
            }
            try commitSIMDExceptions(arithmetic.flags)
            setMMXRegister(instruction.reg, second << 32 | first & 0xFFFF_FFFF)
        case .integerToSingle, .integerToDouble:
            try requireSSE()
            let source = try rmOperand(instruction, size: integerSize)
            let operation = integerSize == 8 ? CHostSSEFromInt64 : CHostSSEFromInt32
            if conversion == .integerToSingle {
                let value = arithmetic.convert(operation, source, from: Binary32.self)
                try commitSIMDExceptions(arithmetic.flags)
                setXMMRegister(instruction.reg, Binary32.replacingLane(a, 0, with: UInt32(truncatingIfNeeded: value)))
            } else {
                let value = arithmetic.convert(operation, source, from: Binary64.self)
                try commitSIMDExceptions(arithmetic.flags)
                setXMMRegister(instruction.reg, UInt128(high: a.high, low: value))
            }
        case .singleToInteger, .singleToIntegerTruncating, .doubleToInteger, .doubleToIntegerTruncating:
            try requireSSE()
            let single = conversion == .singleToInteger || conversion == .singleToIntegerTruncating
            let source = try xmmSource(instruction, size: single ? 4 : 8, aligned: false).low
            let truncating = conversion == .singleToIntegerTruncating || conversion == .doubleToIntegerTruncating
            let operation = integerSize == 8
                ? (truncating ? CHostSSEToInt64Truncating : CHostSSEToInt64) : (truncating ? CHostSSEToInt32Truncating : CHostSSEToInt32)
            let value = single
                ? arithmetic.convert(operation, source & 0xFFFF_FFFF, from: Binary32.self)
                : arithmetic.convert(operation, source, from: Binary64.self)
            try commitSIMDExceptions(arithmetic.flags)
            setRegister(instruction.reg, size: integerSize, highByte: false, value)
        default:
            try requireSSE()
            try convertBetweenFloats(conversion, instruction, a, &arithmetic)
        }
    }

    /// The conversions among packed and scalar singles, doubles and doubleword integers.
    private mutating func convertBetweenFloats(
        _ conversion: SIMDConversion, _ instruction: DecodedInstruction, _ a: UInt128, _ arithmetic: inout SSEArithmetic
    ) throws(Interruption) {
        let result: UInt128
        switch conversion {
        case .singlesToDoubles:
            let source = try xmmSource(instruction, size: 8, aligned: false)
            let first = arithmetic.convert(CHostSSEConvertFormat, source.low & 0xFFFF_FFFF, from: Binary32.self)
            result = UInt128(high: arithmetic.convert(CHostSSEConvertFormat, source.low >> 32, from: Binary32.self), low: first)
        case .doublesToSingles:
            let source = try xmmSource(instruction, size: 16, aligned: true)
            let first = arithmetic.narrowed(source.low)
            result = UInt128(UInt64(arithmetic.narrowed(source.high)) << 32 | UInt64(first))
        case .singleToDouble:
            let source = try xmmSource(instruction, size: 4, aligned: false)
            result = UInt128(high: a.high, low: arithmetic.convert(CHostSSEConvertFormat, source.low & 0xFFFF_FFFF, from: Binary32.self))
        case .doubleToSingle:
            let source = try xmmSource(instruction, size: 8, aligned: false)
            result = Binary32.replacingLane(a, 0, with: arithmetic.narrowed(source.low))
        case .int32sToSingles:
            let source = try xmmSource(instruction, size: 16, aligned: true)
            var lanes = SIMD4<UInt32>(repeating: 0)
            for index in 0..<4 {
                let element = UInt64(source.doublewords[index])
                lanes[index] = UInt32(truncatingIfNeeded: arithmetic.convert(CHostSSEFromInt32, element, from: Binary32.self))
            }
            result = UInt128(lanes: lanes)
        case .singlesToInt32s, .singlesToInt32sTruncating:
            let source = try xmmSource(instruction, size: 16, aligned: true)
            let operation = conversion == .singlesToInt32s ? CHostSSEToInt32 : CHostSSEToInt32Truncating
            var lanes = SIMD4<UInt32>(repeating: 0)
            for index in 0..<4 {
                lanes[index] = UInt32(truncatingIfNeeded: arithmetic.convert(operation, UInt64(source.doublewords[index]), from: Binary32.self))
            }
            result = UInt128(lanes: lanes)
        case .int32sToDoubles:
            let source = try xmmSource(instruction, size: 8, aligned: false)
            let first = arithmetic.convert(CHostSSEFromInt32, source.low & 0xFFFF_FFFF, from: Binary64.self)
            result = UInt128(high: arithmetic.convert(CHostSSEFromInt32, source.low >> 32, from: Binary64.self), low: first)
        default:
            let source = try xmmSource(instruction, size: 16, aligned: true)
            let operation = conversion == .doublesToInt32s ? CHostSSEToInt32 : CHostSSEToInt32Truncating
            let first = arithmetic.convert(operation, source.low, from: Binary64.self)
            result = UInt128(arithmetic.convert(operation, source.high, from: Binary64.self) << 32 | first & 0xFFFF_FFFF)
        }
        try commitSIMDExceptions(arithmetic.flags)
        setXMMRegister(instruction.reg, result)
    }
}
