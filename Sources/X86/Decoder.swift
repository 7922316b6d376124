/// Decodes x86 machine code into `DecodedInstruction`s by reading the opcode maps.
public enum Decoder {
    /// The architectural limit on instruction length.
    public static let maximumLength = 15

    /// Decodes the instruction at the start of `bytes` in `mode`.
    public static func decode(_ bytes: UnsafeRawBufferPointer, mode: DecodeMode) throws(DecodeError) -> DecodedInstruction {
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
        var slot: OpcodeSlot
        if opcode == 0x0F {
            let second = try cursor.next()
            switch second {
            case 0x38:
                instruction.opcodeMap = 2
                opcode = try cursor.next()
                slot = OpcodeMap.threeByte38(opcode)
            case 0x3A:
                instruction.opcodeMap = 3
                opcode = try cursor.next()
                slot = .invalid
            default:
                instruction.opcodeMap = 1
                opcode = second
                slot = OpcodeMap.twoByte[Int(second)]
            }
        } else {
            slot = OpcodeMap.oneByte[Int(opcode)]
            if opcode == 0x90 && instruction.rex & 1 != 0 {
                slot = .entry(OpcodeEntry(.xchgRMReg, "xchg", [.Z(.v), .fixed(.rax, .v)]))
            }
        }
        instruction.opcode = opcode

        var entry: OpcodeEntry
        // A group's opcode always carries a ModRM byte, even for forms that name no operand in it.
        var hasModRM = false
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
            case .group(let memory, let register, let registerForms):
                hasModRM = true
                let byte = try cursor.peek()
                let reg = (byte >> 3) & 7
                if byte >> 6 == 3 {
                    if let special = registerForms[reg << 3 | byte & 7] {
                        entry = special
                    } else {
                        entry = (register ?? memory)[Int(reg)]
                    }
                } else {
                    entry = memory[Int(reg)]
                }
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

        if entry.needsModRM || hasModRM {
            let byte = try cursor.peek()
            cursor.skip()
            try decodeModRM(byte, entry: entry, into: &instruction, cursor: &cursor)
        }
        try decodeOperands(entry, into: &instruction, cursor: &cursor)
        if instruction.prefixes.contains(.lock) {
            guard entry.attributes.contains(.lockable), instruction.hasMemoryOperand else { throw .invalid }
        }
        guard cursor.offset <= maximumLength else { throw .tooLong }
        instruction.length = UInt8(cursor.offset)
        return instruction
    }

    private static func isLegacyPrefix(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x26, 0x2E, 0x36, 0x3E, 0x64, 0x65, 0x66, 0x67, 0xF0, 0xF2, 0xF3: true
        default: false
        }
    }

    private static func sizeOperands(_ instruction: inout DecodedInstruction, entry: OpcodeEntry, mode: DecodeMode) {
        let operandPrefix = instruction.prefixes.contains(.operandSize)
        let addressPrefix = instruction.prefixes.contains(.addressSize)
        switch mode {
        case .bits16:
            instruction.operandSize = operandPrefix ? 4 : 2
            instruction.addressSize = addressPrefix ? 4 : 2
        case .bits32:
            instruction.operandSize = operandPrefix ? 2 : 4
            instruction.addressSize = addressPrefix ? 2 : 4
        case .bits64:
            instruction.addressSize = addressPrefix ? 4 : 8
            if instruction.rex & 8 != 0 || entry.attributes.contains(.force64) {
                instruction.operandSize = 8
            } else if entry.attributes.contains(.default64) {
                instruction.operandSize = operandPrefix ? 2 : 8
            } else {
                instruction.operandSize = operandPrefix ? 2 : 4
            }
        }
        if entry.attributes.contains(.byteOperation) { instruction.operandSize = 1 }
        for case .x87Memory(let width) in entry.operands {
            instruction.operandSize = width.byteCount(operandSize: instruction.operandSize)
        }
    }

    private static func decodeModRM(
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
            let bases: [UInt8] = [3, 3, 5, 5, 6, 7, 5, 3]
            let indexes: [UInt8] = [6, 7, 6, 7, 0xFF, 0xFF, 0xFF, 0xFF]
            let rm = Int(modrm & 7)
            instruction.base = bases[rm]
            instruction.index = indexes[rm]
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

    private static func decodeOperands(
        _ entry: OpcodeEntry, into instruction: inout DecodedInstruction, cursor: inout ByteCursor
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
                if hasRMOperand {
                    instruction.reg = UInt8(register.rawValue)
                } else {
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
        guard offset < bytes.count else { throw offset >= Decoder.maximumLength ? .tooLong : .truncated(needed: offset + 1) }
        defer { offset += 1 }
        return bytes[offset]
    }

    func peek() throws(DecodeError) -> UInt8 {
        guard offset < bytes.count else { throw offset >= Decoder.maximumLength ? .tooLong : .truncated(needed: offset + 1) }
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
