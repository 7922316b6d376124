/// The operating mode a vCPU context is in, as the processor derives it from CR0, EFER, RFLAGS and CS.
public enum ProcessorMode: Equatable, Sendable {
    case real
    case virtual8086
    case protected16
    case protected32
    case compatibility16
    case compatibility32
    case long64

    /// Width of the default operand size in bytes (2, 4; 4 in 64-bit mode too).
    public var defaultOperandSize: Int {
        switch self {
        case .real, .virtual8086, .protected16, .compatibility16: 2
        case .protected32, .compatibility32, .long64: 4
        }
    }

    /// Width of the default address size in bytes.
    public var defaultAddressSize: Int {
        switch self {
        case .real, .virtual8086, .protected16, .compatibility16: 2
        case .protected32, .compatibility32: 4
        case .long64: 8
        }
    }

    public var name: String {
        switch self {
        case .real: "real"
        case .virtual8086: "virtual-8086"
        case .protected16: "protected 16-bit"
        case .protected32: "protected 32-bit"
        case .compatibility16: "compatibility 16-bit"
        case .compatibility32: "compatibility 32-bit"
        case .long64: "64-bit"
        }
    }
}

extension VCPUContext {
    /// The current operating mode.
    public var mode: ProcessorMode {
        if cr0 & CR0.protectionEnable == 0 { return .real }
        if efer & EFER.longModeActive != 0 {
            if self[.cs].access.longMode { return .long64 }
            return self[.cs].access.defaultBig ? .compatibility32 : .compatibility16
        }
        if rflags & RFlags.virtual8086 != 0 { return .virtual8086 }
        return self[.cs].access.defaultBig ? .protected32 : .protected16
    }

    /// The current privilege level: CS.RPL in protected mode, 3 in virtual-8086 mode, 0 in real mode.
    public var cpl: UInt8 {
        switch mode {
        case .real: 0
        case .virtual8086: 3
        default: self[.ss].access.dpl
        }
    }
}
