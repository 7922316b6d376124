/// Decodes x86 machine code into `DecodedInstruction`s by reading the opcode maps.
public enum Decoder {
    /// The architectural limit on instruction length.
    public static let maximumLength = 15

    /// Decodes the instruction at the start of `bytes` in `mode` for the processor `model`.
    public static func decode(_ bytes: UnsafeRawBufferPointer, mode: DecodeMode, model: CPUModel = .modern) throws(DecodeError) -> DecodedInstruction {
        if model == .i8086 { return try decode8086(bytes) }
        var cursor = ByteCursor(bytes: bytes)
        var instruction = DecodedInstruction()
        var lastRepeatPrefix: UInt8 = 0
        var opcode: UInt8
        cursor.mode64 = mode == .bits64
        // Legacy prefixes, then REX (64-bit mode) directly before the opcode.
        prefixes: while true {
            let byte = try cursor.next()
            switch byte {
            case 0x26, 0x2E, 0x36, 0x3E:
                instruction.segmentOverride = mode == .bits64 ? DecodedInstruction.noSegmentOverride : (byte >> 3) & 3
            case 0x64, 0x65:
                instruction.segmentOverride = UInt8(byte == 0x64 ? SegmentName.fs.rawValue : SegmentName.gs.rawValue)
            case 0x66: instruction.prefixes.insert(.operandSize)
            case 0x67: instruction.prefixes.insert(.addressSize)
            case 0xF0: instruction.prefixes.insert(.lock)
            case 0xF2: instruction.prefixes.insert(.repeatNotEqual); lastRepeatPrefix = byte
            case 0xF3: instruction.prefixes.insert(.repeatEqual); lastRepeatPrefix = byte
            case 0x40...0x4F where mode == .bits64:
                instruction.rex = byte
                continue prefixes
            default:
                opcode = byte
                break prefixes
            }
            instruction.rex = 0
        }
        if opcode == 0x0F {
            let second = try cursor.next()
            switch second {
            case 0x38, 0x3A:
                instruction.opcodeMap = second == 0x38 ? 2 : 3
                opcode = try cursor.next()
            default:
                instruction.opcodeMap = 1
                opcode = second
            }
        }
        instruction.opcode = opcode
        var slot = OpcodeMap.slot(map: instruction.opcodeMap, opcode: opcode, rex: instruction.rex)

        var entry: OpcodeEntry
        var groupReadsModRM = false
        resolve: while true {
            switch slot {
            case .entry(let found):
                entry = found
                break resolve
            case .modeDependent(let legacy, let long):
                slot = mode == .bits64 ? long : legacy
            case .mandatoryPrefix(let none, let operandSize, let repeatEqual, let repeatNotEqual):
                switch lastRepeatPrefix {
                case 0xF3: slot = repeatEqual; instruction.prefixes.remove(.repeatEqual)
                case 0xF2: slot = repeatNotEqual; instruction.prefixes.remove(.repeatNotEqual)
                default: slot = instruction.prefixes.contains(.operandSize) ? operandSize : none
                }
                if lastRepeatPrefix != 0 {
                    instruction.mandatoryPrefix = lastRepeatPrefix
                } else if instruction.prefixes.contains(.operandSize) {
                    instruction.mandatoryPrefix = 0x66
                }
            case .group(let memory, let register, let registerForms):
                groupReadsModRM = true
                entry = OpcodeMap.groupForm(memory: memory, register: register, registerForms: registerForms, modrm: try cursor.peek())
                break resolve
            case .prefix, .invalid:
                throw .invalid
            }
        }
        guard entry.handler != .invalid else { throw .invalid }
        if mode == .bits64 && entry.attributes.contains(.invalid64) { throw .invalid }
        if mode != .bits64 && entry.attributes.contains(.only64) { throw .invalid }
        instruction.handler = entry.handler
        instruction.extra = entry.extra
        instruction.attributes = entry.attributes
        sizeOperands(&instruction, entry: entry, mode: mode)

        let hasModRM = groupReadsModRM || entry.needsModRM
        if hasModRM {
            let byte = try cursor.peek()
            cursor.skip()
            instruction.modrm = byte
            try decodeModRM(byte, entry: entry, into: &instruction, cursor: &cursor)
        }
        try decodeOperands(entry, hasModRM: hasModRM, into: &instruction, cursor: &cursor)
        if instruction.prefixes.contains(.lock) {
            guard entry.attributes.contains(.lockable), instruction.hasMemoryOperand else { throw .invalid }
        }
        instruction.length = UInt8(cursor.offset)
        return instruction
    }

    private static func isLegacyPrefix(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x26, 0x2E, 0x36, 0x3E, 0x64, 0x65, 0x66, 0x67, 0xF0, 0xF2, 0xF3: true
        default: false
        }
    }

    /// The operand size in bytes of a word-or-larger form in `mode`, from REX.W, the 66h prefix and
    /// the form's attributes (64-bit default or forced).
    public static func operandSize(in mode: DecodeMode, rexW: Bool, operandSizePrefix: Bool, attributes: InstructionAttributes) -> Int {
        switch mode {
        case .bits16: operandSizePrefix ? 4 : 2
        case .bits32: operandSizePrefix ? 2 : 4
        case .bits64:
            if rexW || attributes.contains(.force64) { 8 } else if attributes.contains(.default64) { operandSizePrefix ? 2 : 8 } else { operandSizePrefix ? 2 : 4 }
        }
    }

    private static func sizeOperands(_ instruction: inout DecodedInstruction, entry: OpcodeEntry, mode: DecodeMode) {
        if entry.isVectorForm { instruction.prefixes.remove(.operandSize) }
        let operandPrefix = instruction.prefixes.contains(.operandSize)
        let addressPrefix = instruction.prefixes.contains(.addressSize)
        instruction.operandSize = UInt8(operandSize(in: mode, rexW: instruction.rex & 8 != 0, operandSizePrefix: operandPrefix, attributes: entry.attributes))
        switch mode {
        case .bits16: instruction.addressSize = addressPrefix ? 4 : 2
        case .bits32: instruction.addressSize = addressPrefix ? 2 : 4
        case .bits64: instruction.addressSize = addressPrefix ? 4 : 8
        }
        if entry.attributes.contains(.byteOperation) { instruction.operandSize = 1 }
        for case .x87Memory(let width) in entry.operands {
            instruction.operandSize = width.byteCount(operandSize: instruction.operandSize)
        }
    }

    static func decodeModRM(
        _ modrm: UInt8, entry: OpcodeEntry, into instruction: inout DecodedInstruction, cursor: inout ByteCursor
    ) throws(DecodeError) {
        let mod = modrm >> 6
        let rex = instruction.rex
        instruction.modrmMod = mod
        instruction.reg = (modrm >> 3) & 7 | (rex & 4) << 1
        let registerOnly = entry.operands.contains { if case .R = $0 { return true } else { return false } }
        if mod == 3 || registerOnly {
            instruction.modrmMod = 3
            instruction.rm = modrm & 7 | (rex & 1) << 3
            if entry.operands.contains(.M) { throw .invalid }
            return
        }
        instruction.hasMemoryOperand = true
        instruction.rm = modrm & 7
        if instruction.addressSize == 2 {
            let rm = modrm & 7
            switch rm {
            case 0...3:  // BX+SI, BX+DI, BP+SI, BP+DI
                instruction.base = rm < 2 ? 3 : 5
                instruction.index = 6 | rm & 1
            case 4: instruction.base = 6  // SI
            case 5: instruction.base = 7  // DI
            case 6: instruction.base = 5  // BP
            default: instruction.base = 3  // BX
            }
            if mod == 0 && rm == 6 {
                instruction.base = DecodedInstruction.noRegister
                instruction.displacement = Int64(Int16(bitPattern: try cursor.word()))
            } else if mod == 1 {
                instruction.displacement = Int64(Int8(bitPattern: try cursor.next()))
            } else if mod == 2 {
                instruction.displacement = Int64(Int16(bitPattern: try cursor.word()))
            }
            return
        }
        var rm = modrm & 7
        if rm == 4 {
            let sib = try cursor.next()
            let index = (sib >> 3) & 7 | (rex & 2) << 2
            instruction.index = index == 4 ? DecodedInstruction.noRegister : index
            instruction.scaleShift = sib >> 6
            rm = sib & 7
            if rm == 5 && mod == 0 {
                instruction.base = DecodedInstruction.noRegister
                instruction.displacement = Int64(Int32(bitPattern: try cursor.dword()))
                return
            }
            instruction.base = rm | (rex & 1) << 3
        } else if rm == 5 && mod == 0 {
            instruction.base = cursor.mode64 ? DecodedInstruction.ripRelative : DecodedInstruction.noRegister
            instruction.displacement = Int64(Int32(bitPattern: try cursor.dword()))
            return
        } else {
            instruction.base = rm | (rex & 1) << 3
        }
        if mod == 1 {
            instruction.displacement = Int64(Int8(bitPattern: try cursor.next()))
        } else if mod == 2 {
            instruction.displacement = Int64(Int32(bitPattern: try cursor.dword()))
        }
    }

    static func decodeOperands(
        _ entry: OpcodeEntry, hasModRM: Bool, into instruction: inout DecodedInstruction, cursor: inout ByteCursor
    ) throws(DecodeError) {
        let size = instruction.operandSize
        var immediateCount = 0
        func store(_ value: UInt64) {
            if immediateCount == 0 { instruction.immediate = value } else { instruction.immediate2 = value }
            immediateCount += 1
        }
        let hasRMOperand = entry.operands.contains {
            switch $0 {
            case .E, .Z, .O, .M: true
            default: false
            }
        }
        for operand in entry.operands {
            switch operand {
            case .I(let width):
                switch width {
                case .b: store(UInt64(try cursor.next()))
                case .w: store(UInt64(try cursor.word()))
                case .d: store(UInt64(try cursor.dword()))
                case .z where size == 2: store(UInt64(try cursor.word()))
                case .z: store(UInt64(bitPattern: Int64(Int32(bitPattern: try cursor.dword()))))
                case .v where size == 8: store(try cursor.qword())
                case .v where size == 2: store(UInt64(try cursor.word()))
                default: store(UInt64(try cursor.dword()))
                }
            case .sI:
                store(UInt64(bitPattern: Int64(Int8(bitPattern: try cursor.next()))))
            case .J(let width):
                if width == .b {
                    store(UInt64(bitPattern: Int64(Int8(bitPattern: try cursor.next()))))
                } else if size == 2 {
                    store(UInt64(bitPattern: Int64(Int16(bitPattern: try cursor.word()))))
                } else {
                    store(UInt64(bitPattern: Int64(Int32(bitPattern: try cursor.dword()))))
                }
            case .O:
                instruction.hasMemoryOperand = true
                instruction.base = DecodedInstruction.noRegister
                instruction.index = DecodedInstruction.noRegister
                switch instruction.addressSize {
                case 2: instruction.displacement = Int64(try cursor.word())
                case 4: instruction.displacement = Int64(try cursor.dword())
                default: instruction.displacement = Int64(bitPattern: try cursor.qword())
                }
            case .A:
                instruction.immediate = size == 2 ? UInt64(try cursor.word()) : UInt64(try cursor.dword())
                instruction.immediate2 = UInt64(try cursor.word())
            case .Z:
                instruction.modrmMod = 3
                instruction.rm = instruction.opcode & 7 | (instruction.rex & 1) << 3
            case .fixed(let register, _):
                // A fixed register takes the slot a ModRM byte would have filled; with a ModRM
                // byte (SHLD r/m, r, CL) both slots are taken already.
                if hasRMOperand && !hasModRM {
                    instruction.reg = UInt8(register.rawValue)
                } else if !hasRMOperand {
                    instruction.modrmMod = 3
                    instruction.rm = UInt8(register.rawValue)
                }
            default:
                break
            }
        }
    }
}

/// Reads instruction bytes, throwing `truncated` when they run out.
struct ByteCursor {
    let bytes: UnsafeRawBufferPointer
    var offset = 0
    var mode64 = false

    init(bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    mutating func next() throws(DecodeError) -> UInt8 {
        let byte = try peek()
        offset += 1
        return byte
    }

    /// The next byte; reaching past the 15-byte limit is `tooLong` however many bytes there are.
    func peek() throws(DecodeError) -> UInt8 {
        guard offset < Decoder.maximumLength else { throw .tooLong }
        guard offset < bytes.count else { throw .truncated(needed: offset + 1) }
        return bytes[offset]
    }

    mutating func skip() { offset += 1 }

    mutating func word() throws(DecodeError) -> UInt16 {
        UInt16(try next()) | UInt16(try next()) << 8
    }

    mutating func dword() throws(DecodeError) -> UInt32 {
        UInt32(try word()) | UInt32(try word()) << 16
    }

    mutating func qword() throws(DecodeError) -> UInt64 {
        UInt64(try dword()) | UInt64(try dword()) << 32
    }
}
