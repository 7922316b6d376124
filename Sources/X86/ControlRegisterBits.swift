/// Bit masks of CR0.
public enum CR0 {
    @inlinable public static var protectionEnable: UInt64 { 1 << 0 }
    @inlinable public static var monitorCoprocessor: UInt64 { 1 << 1 }
    @inlinable public static var emulation: UInt64 { 1 << 2 }
    @inlinable public static var taskSwitched: UInt64 { 1 << 3 }
    @inlinable public static var extensionType: UInt64 { 1 << 4 }
    @inlinable public static var numericError: UInt64 { 1 << 5 }
    @inlinable public static var writeProtect: UInt64 { 1 << 16 }
    @inlinable public static var alignmentMask: UInt64 { 1 << 18 }
    @inlinable public static var notWriteThrough: UInt64 { 1 << 29 }
    @inlinable public static var cacheDisable: UInt64 { 1 << 30 }
    @inlinable public static var paging: UInt64 { 1 << 31 }
}

/// Bit masks of CR4.
public enum CR4 {
    @inlinable public static var virtual8086Extensions: UInt64 { 1 << 0 }
    @inlinable public static var protectedVirtualInterrupts: UInt64 { 1 << 1 }
    @inlinable public static var timeStampDisable: UInt64 { 1 << 2 }
    @inlinable public static var debuggingExtensions: UInt64 { 1 << 3 }
    @inlinable public static var pageSizeExtensions: UInt64 { 1 << 4 }
    @inlinable public static var physicalAddressExtension: UInt64 { 1 << 5 }
    @inlinable public static var machineCheck: UInt64 { 1 << 6 }
    @inlinable public static var pageGlobal: UInt64 { 1 << 7 }
    @inlinable public static var performanceCounter: UInt64 { 1 << 8 }
    @inlinable public static var osfxsr: UInt64 { 1 << 9 }
    @inlinable public static var osxmmexcpt: UInt64 { 1 << 10 }
    @inlinable public static var umip: UInt64 { 1 << 11 }
    @inlinable public static var fsgsbase: UInt64 { 1 << 16 }
    @inlinable public static var pcide: UInt64 { 1 << 17 }
    @inlinable public static var osxsave: UInt64 { 1 << 18 }
    @inlinable public static var smep: UInt64 { 1 << 20 }
    @inlinable public static var smap: UInt64 { 1 << 21 }
}

/// Bit masks of the EFER model-specific register.
public enum EFER {
    @inlinable public static var systemCallExtensions: UInt64 { 1 << 0 }
    @inlinable public static var longModeEnable: UInt64 { 1 << 8 }
    @inlinable public static var longModeActive: UInt64 { 1 << 10 }
    @inlinable public static var noExecuteEnable: UInt64 { 1 << 11 }
}
