/// Builders for the MMX and SSE rows of the opcode maps.
extension OpcodeMap {
    /// A slot that picks a form by mandatory prefix (none, 66, F3, F2); a missing form is invalid.
    static func prefixed(
        _ none: OpcodeEntry? = nil, x66: OpcodeEntry? = nil, f3: OpcodeEntry? = nil, f2: OpcodeEntry? = nil
    ) -> OpcodeSlot {
        func slot(_ entry: OpcodeEntry?) -> OpcodeSlot { entry.map { .entry($0) } ?? .invalid }
        return .mandatoryPrefix(none: slot(none), operandSize: slot(x66), repeat: slot(f3), repeatNotEqual: slot(f2))
    }

    /// A slot with one form when ModRM names a register and another when it names memory.
    static func registerOrMemory(register: OpcodeEntry, memory: OpcodeEntry) -> OpcodeSlot {
        .group(memory: Array(repeating: memory, count: 8), register: Array(repeating: register, count: 8), registerForms: [:])
    }

    /// A form valid only when ModRM names a register.
    static func registerOnly(_ entry: OpcodeEntry) -> OpcodeSlot {
        registerOrMemory(register: entry, memory: .invalid)
    }

    /// An MMX form: mm, mm/m64 (and an imm8).
    static func mmx(_ mnemonic: String, _ operation: SIMDIntegerOperation, immediate: Bool = false) -> OpcodeEntry {
        OpcodeEntry(.mmxInteger, mnemonic, [.P, .Q] + (immediate ? [.I(.b)] : []), extra: operation.rawValue)
    }

    /// An SSE integer, logic or shuffle form: xmm, xmm/m128 (and an imm8).
    static func sse(_ mnemonic: String, _ operation: SIMDIntegerOperation, immediate: Bool = false) -> OpcodeEntry {
        OpcodeEntry(.sseInteger, mnemonic, [.V, .W] + (immediate ? [.I(.b)] : []), extra: operation.rawValue)
    }

    /// The MMX form without a prefix and the SSE2 form with 66.
    static func mmxAndSSE(_ mnemonic: String, _ operation: SIMDIntegerOperation, immediate: Bool = false) -> OpcodeSlot {
        prefixed(mmx(mnemonic, operation, immediate: immediate), x66: sse(mnemonic, operation, immediate: immediate))
    }

    /// The SSE4 form with 66, the only one.
    static func sse66(_ mnemonic: String, _ operation: SIMDIntegerOperation, immediate: Bool = false) -> OpcodeSlot {
        prefixed(x66: sse(mnemonic, operation, immediate: immediate))
    }

    /// The PS, PD, SS and SD forms of a floating-point operation (no prefix, 66, F3, F2).
    static func floatForms(
        _ stem: String, _ operation: SIMDFloatOperation, double: Bool = true, scalar: Bool = true, immediate: Bool = false
    ) -> OpcodeSlot {
        let operands: [OperandSpec] = [.V, .W] + (immediate ? [.I(.b)] : [])
        let extra = operation.rawValue
        return prefixed(
            OpcodeEntry(.ssePackedSingle, stem + "ps", operands, extra: extra),
            x66: double ? OpcodeEntry(.ssePackedDouble, stem + "pd", operands, extra: extra) : nil,
            f3: scalar ? OpcodeEntry(.sseScalarSingle, stem + "ss", operands, extra: extra) : nil,
            f2: scalar && double ? OpcodeEntry(.sseScalarDouble, stem + "sd", operands, extra: extra) : nil)
    }

    /// The SSE3 forms whose PD form takes 66 and PS form F2 (ADDSUB, HADD, HSUB).
    static func sse3FloatForms(_ stem: String, _ operation: SIMDFloatOperation) -> OpcodeSlot {
        prefixed(
            x66: OpcodeEntry(.ssePackedDouble, stem + "pd", [.V, .W], extra: operation.rawValue),
            f2: OpcodeEntry(.ssePackedSingle, stem + "ps", [.V, .W], extra: operation.rawValue))
    }

    /// A move, insert or extract form.
    static func move(_ mnemonic: String, _ operands: [OperandSpec], _ move: SIMDMove) -> OpcodeEntry {
        OpcodeEntry(.simdMove, mnemonic, operands, extra: move.rawValue)
    }

    /// A conversion form.
    static func convert(_ mnemonic: String, _ operands: [OperandSpec], _ conversion: SIMDConversion) -> OpcodeEntry {
        OpcodeEntry(.sseConvert, mnemonic, operands, extra: conversion.rawValue)
    }

    /// The register-only shift-by-immediate group of 0F 71, 0F 72 or 0F 73: MMX forms without a
    /// prefix, SSE2 forms with 66, each at its ModRM reg.
    static func shiftImmediateGroup(
        _ forms: [(reg: Int, mnemonic: String, operation: SIMDIntegerOperation, mmx: Bool)]
    ) -> OpcodeSlot {
        var mmxRow = invalidRow(8)
        var sseRow = invalidRow(8)
        for form in forms {
            if form.mmx {
                mmxRow[form.reg] = OpcodeEntry(.mmxShiftImmediate, form.mnemonic, [.Q, .I(.b)], extra: form.operation.rawValue)
            }
            sseRow[form.reg] = OpcodeEntry(.sseShiftImmediate, form.mnemonic, [.W, .I(.b)], extra: form.operation.rawValue)
        }
        return .mandatoryPrefix(
            none: .group(memory: invalidRow(8), register: mmxRow, registerForms: [:]),
            operandSize: .group(memory: invalidRow(8), register: sseRow, registerForms: [:]),
            repeat: .invalid, repeatNotEqual: .invalid)
    }
}
