/// Intel-syntax text of decoded instructions, read from the opcode tables the decoder uses.
public enum Disassembler {
    /// The text of `instruction`, decoded in `mode` at `address` (the base of branch targets).
    public static func text(of instruction: DecodedInstruction, mode: DecodeMode, address: UInt64 = 0) -> String {
        let entry = OpcodeMap.entry(of: instruction, mode: mode)
        var text = ""
        if instruction.prefixes.contains(.lock) { text += "lock " }
        if entry.attributes.contains(.repeatable) {
            if instruction.prefixes.contains(.repeatEqual) { text += "rep " }
            if instruction.prefixes.contains(.repeatNotEqual) { text += "repne " }
        }
        text += mnemonic(entry.mnemonic, instruction)
        var immediates = [instruction.immediate, instruction.immediate2][...]
        let operands = entry.operands.map { operand in
            Self.operand(operand, of: instruction, mode: mode, address: address, immediates: &immediates)
        }
        return operands.isEmpty ? text : text + " " + operands.joined(separator: ", ")
    }

    /// The alternative of a size-dependent mnemonic ("cbw/cwde/cdqe", "jcxz|jecxz|jrcxz").
    private static func mnemonic(_ name: String, _ instruction: DecodedInstruction) -> String {
        let byAddressSize = name.contains("|")
        let alternatives = name.split(separator: byAddressSize ? "|" : "/")
        guard alternatives.count > 1 else { return name }
        let size = byAddressSize ? instruction.addressSize : instruction.operandSize
        let index = size == 8 ? 2 : size == 4 ? 1 : 0
        return String(alternatives[min(index, alternatives.count - 1)])
    }

    private static func operand(
        _ operand: OperandSpec, of instruction: DecodedInstruction, mode: DecodeMode, address: UInt64,
        immediates: inout ArraySlice<UInt64>
    ) -> String {
        let rex = instruction.rex != 0
        switch operand {
        case .E(let width):
            let size = bytes(width, instruction)
            if instruction.modrmMod == 3 { return RegisterName.general(instruction.rm, bytes: size, rex: rex) }
            return memory(instruction, bytes: size)
        case .G(let width):
            return RegisterName.general(instruction.reg, bytes: bytes(width, instruction), rex: rex)
        case .Z(let width), .R(let width):
            return RegisterName.general(instruction.rm, bytes: bytes(width, instruction), rex: rex)
        case .fixed(let register, let width):
            return RegisterName.general(UInt8(register.rawValue), bytes: bytes(width, instruction), rex: rex)
        case .I(let width):
            let size = width == .z ? Int(instruction.operandSize) : bytes(width, instruction)
            return hex(immediates.popFirst() ?? 0, bytes: size)
        case .sI:
            return hex(immediates.popFirst() ?? 0, bytes: Int(instruction.operandSize))
        case .J:
            let target = address &+ UInt64(instruction.length) &+ (immediates.popFirst() ?? 0)
            let size = mode == .bits64 && instruction.operandSize != 2 ? 8 : Int(instruction.operandSize)
            return hex(target, bytes: size)
        case .M:
            return memory(instruction, bytes: nil)
        case .O(let width):
            return memory(instruction, bytes: bytes(width, instruction))
        case .A:
            return hex(instruction.immediate2, bytes: 2) + ":" + hex(instruction.immediate, bytes: Int(instruction.operandSize))
        case .S:
            return RegisterName.segment(instruction.reg)
        case .segment(let segment):
            return segment.name
        case .C:
            return "cr\(instruction.reg)"
        case .D:
            return "dr\(instruction.reg)"
        case .one:
            return "1"
        case .V:
            return "xmm\(instruction.reg & 15)"
        case .W:
            return instruction.modrmMod == 3 ? "xmm\(instruction.rm & 15)" : memory(instruction, bytes: 16)
        case .P:
            return "mm\(instruction.reg & 7)"
        case .Q:
            return instruction.modrmMod == 3 ? "mm\(instruction.rm & 7)" : memory(instruction, bytes: 8)
        case .st0:
            return "st(0)"
        case .sti:
            return "st(\(instruction.rm & 7))"
        case .x87Memory(let width):
            let size = Int(width.byteCount(operandSize: instruction.operandSize))
            return memory(instruction, bytes: [2, 4, 8, 10].contains(size) ? size : nil)
        }
    }

    /// The bytes an operand of `width` has in `instruction`.
    private static func bytes(_ width: OperandWidth, _ instruction: DecodedInstruction) -> Int {
        switch width {
        case .b: 1
        case .w: 2
        case .d: 4
        case .q: 8
        case .v: Int(instruction.operandSize)
        case .z: instruction.operandSize == 2 ? 2 : 4
        case .y: instruction.operandSize == 8 ? 8 : 4
        case .p: Int(instruction.operandSize) + 2
        case .x: 16
        }
    }

    /// `size ptr seg:[base+index*scale+disp]`, the size left out when `bytes` is nil.
    private static func memory(_ instruction: DecodedInstruction, bytes: Int?) -> String {
        let addressBytes = Int(instruction.addressSize)
        var inner = ""
        if instruction.base == DecodedInstruction.ripRelative {
            inner = addressBytes == 8 ? "rip" : "eip"
        } else if instruction.base != DecodedInstruction.noRegister {
            inner = RegisterName.general(instruction.base, bytes: addressBytes, rex: true)
        }
        if instruction.index != DecodedInstruction.noRegister {
            let index = RegisterName.general(instruction.index, bytes: addressBytes, rex: true)
            // 16-bit addressing has no scale.
            let scale = addressBytes == 2 ? "" : "*\(1 << instruction.scaleShift)"
            inner += (inner.isEmpty ? "" : "+") + index + scale
        }
        let displacement = instruction.displacement
        if inner.isEmpty {
            inner = hex(UInt64(bitPattern: displacement), bytes: addressBytes)
        } else if displacement < 0 {
            inner += "-" + hex(0 &- UInt64(bitPattern: displacement), bytes: 8)
        } else if displacement > 0 {
            inner += "+" + hex(UInt64(displacement), bytes: 8)
        }
        var text = ""
        if let bytes { text = sizeKeyword(bytes) + " ptr " }
        if instruction.segmentOverride != DecodedInstruction.noSegmentOverride {
            text += RegisterName.segment(instruction.segmentOverride) + ":"
        }
        return text + "[" + inner + "]"
    }

    private static func sizeKeyword(_ bytes: Int) -> String {
        switch bytes {
        case 1: "byte"
        case 2: "word"
        case 4: "dword"
        case 6: "fword"
        case 8: "qword"
        case 10: "tbyte"
        default: "xmmword"
        }
    }

    /// `0x` and the lower-case hexadecimal digits of `value` cut to `bytes`.
    private static func hex(_ value: UInt64, bytes: Int) -> String {
        let masked = bytes >= 8 ? value : value & ((1 << UInt64(bytes * 8)) - 1)
        return "0x" + String(masked, radix: 16)
    }
}
