/// Bit masks of CR0.
public enum CR0 {
    public static let protectionEnable: UInt64 = 1 << 0
    public static let monitorCoprocessor: UInt64 = 1 << 1
    public static let emulation: UInt64 = 1 << 2
    public static let taskSwitched: UInt64 = 1 << 3
    public static let extensionType: UInt64 = 1 << 4
    public static let numericError: UInt64 = 1 << 5
    public static let writeProtect: UInt64 = 1 << 16
    public static let alignmentMask: UInt64 = 1 << 18
    public static let notWriteThrough: UInt64 = 1 << 29
    public static let cacheDisable: UInt64 = 1 << 30
    public static let paging: UInt64 = 1 << 31
}

/// Bit masks of CR4.
public enum CR4 {
    public static let virtual8086Extensions: UInt64 = 1 << 0
    public static let protectedVirtualInterrupts: UInt64 = 1 << 1
    public static let timeStampDisable: UInt64 = 1 << 2
    public static let debuggingExtensions: UInt64 = 1 << 3
    public static let pageSizeExtensions: UInt64 = 1 << 4
    public static let physicalAddressExtension: UInt64 = 1 << 5
    public static let machineCheck: UInt64 = 1 << 6
    public static let pageGlobal: UInt64 = 1 << 7
    public static let performanceCounter: UInt64 = 1 << 8
    public static let osfxsr: UInt64 = 1 << 9
    public static let osxmmexcpt: UInt64 = 1 << 10
    public static let umip: UInt64 = 1 << 11
    public static let fsgsbase: UInt64 = 1 << 16
    public static let pcide: UInt64 = 1 << 17
    public static let osxsave: UInt64 = 1 << 18
    public static let smep: UInt64 = 1 << 20
    public static let smap: UInt64 = 1 << 21
}

/// Bit masks of the EFER model-specific register.
public enum EFER {
    public static let systemCallExtensions: UInt64 = 1 << 0
    public static let longModeEnable: UInt64 = 1 << 8
    public static let longModeActive: UInt64 = 1 << 10
    public static let noExecuteEnable: UInt64 = 1 << 11
}
