import Interpreter
import Machine
import X86

/// A 32-bit flat protected-mode guest on the interpreter that runs code snippets at fresh addresses
/// (so no decoded instruction is stale) with EDI and ESI pointing at two data buffers, a flat GDT,
/// and an IDT whose handler for vector v sets EAX to 0xE00 + v and halts.
final class X87GuestRunner {
    static let stateAddress: UInt64 = 0x2_0000
    static let operandAddress: UInt64 = 0x3_0000
    static let handlerAddress: UInt64 = 0x4_0000
    static let idtAddress: UInt64 = 0x5_0000
    static let gdtAddress: UInt64 = 0x5_1000
    static let stackTop: UInt64 = 0x6_0000
    static let codeBase: UInt64 = 0x10_0000

    let memory = GuestMemory()
    let vcpu: any VirtualCPU
    private var nextCode = X87GuestRunner.codeBase

    init() throws {
        _ = try memory.addRAM(name: "ram", at: 0, size: 16 << 20)
        for vector in 0..<32 {
            let handler = Self.handlerAddress + UInt64(vector * 8)
            memory.write([0xB8, UInt8(vector), 0x0E, 0, 0, 0xF4], at: handler)
            let gate: [UInt8] = [
                UInt8(handler & 0xFF), UInt8(handler >> 8 & 0xFF), 0x08, 0x00,
                0x00, 0x8E, UInt8(handler >> 16 & 0xFF), UInt8(handler >> 24 & 0xFF),
            ]
            memory.write(gate, at: Self.idtAddress + UInt64(vector * 8))
        }
        // Null, flat 32-bit code (selector 08), flat data (selector 10).
        memory.write([0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0, 0, 0, 0x9B, 0xCF, 0, 0xFF, 0xFF, 0, 0, 0, 0x93, 0xCF, 0], at: Self.gdtAddress)
        vcpu = try InterpreterEngine().makeVirtualCPU(memory: memory, context: VCPUContext())
    }

    /// The flat 32-bit context: CR0 with PE, ET and NE; EDI and ESI at the two buffers.
    static func flatContext(entry: UInt64) -> VCPUContext {
        var context = VCPUContext()
        context.cr0 = CR0.protectionEnable | CR0.extensionType | CR0.numericError
        let code = SegmentAccessRights(type: 0xB, system: false, dpl: 0, present: true, defaultBig: true, granularity: true)
        let data = SegmentAccessRights(type: 0x3, system: false, dpl: 0, present: true, defaultBig: true, granularity: true)
        for name in SegmentName.allCases {
            context[name] = SegmentRegister(selector: name == .cs ? 0x08 : 0x10, base: 0, limit: 0xFFFF_FFFF, access: name == .cs ? code : data)
        }
        context.idtr = DescriptorTableRegister(base: idtAddress, limit: 32 * 8 - 1)
        context.gdtr = DescriptorTableRegister(base: gdtAddress, limit: 3 * 8 - 1)
        context.rip = entry
        context[.rsp] = stackTop
        context[.rdi] = stateAddress
        context[.rsi] = operandAddress
        return context
    }

    /// Places `code` at a fresh address and returns that address.
    func place(_ code: [UInt8]) -> UInt64 {
        let address = nextCode
        memory.write(code, at: address)
        nextCode += UInt64((code.count + 63) / 64 * 64)
        return address
    }

    /// Runs from `context` until the guest halts (or another exit) and returns the context then.
    @discardableResult
    func run(_ context: VCPUContext) -> (exit: VMExit, context: VCPUContext) {
        vcpu.context = context
        let exit = vcpu.run()
        return (exit, vcpu.context)
    }
}
