import X86

/// The dispatch of MMX, SSE, SSE2, SSE3, SSSE3, SSE4.1 and SSE4.2 forms to their families.
extension InterpreterCore {
    @inline(never)
    mutating func executeSIMD(_ instruction: DecodedInstruction) throws(Interruption) {
        switch instruction.handler {
        case .mmxInteger: try executeMMXInteger(instruction)
        case .sseInteger: try executeSSEInteger(instruction)
        case .mmxShiftImmediate: try executeMMXShiftImmediate(instruction)
        case .sseShiftImmediate: try executeSSEShiftImmediate(instruction)
        case .ssePackedSingle: try executePackedFloat(instruction, Binary32.self)
        case .ssePackedDouble: try executePackedFloat(instruction, Binary64.self)
        case .sseScalarSingle: try executeScalarFloat(instruction, Binary32.self)
        case .sseScalarDouble: try executeScalarFloat(instruction, Binary64.self)
        case .sseConvert: try executeConversion(instruction)
        case .simdMove: try executeSIMDMove(instruction)
        case .ptest: try executePTest(instruction)
        case .emms: try executeEMMS()
        case .crc32: try executeCRC32(instruction)
        case .stringCompare: try executeStringCompare(instruction)
        default: throw .invalidOpcode
        }
    }
}
