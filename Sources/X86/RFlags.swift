/// Bit masks of the RFLAGS register.
public enum RFlags {
    @inlinable public static var carry: UInt64 { 1 << 0 }
    @inlinable public static var reserved1: UInt64 { 1 << 1 }
    @inlinable public static var parity: UInt64 { 1 << 2 }
    @inlinable public static var auxiliaryCarry: UInt64 { 1 << 4 }
    @inlinable public static var zero: UInt64 { 1 << 6 }
    @inlinable public static var sign: UInt64 { 1 << 7 }
    @inlinable public static var trap: UInt64 { 1 << 8 }
    @inlinable public static var interruptEnable: UInt64 { 1 << 9 }
    @inlinable public static var direction: UInt64 { 1 << 10 }
    @inlinable public static var overflow: UInt64 { 1 << 11 }
    @inlinable public static var ioplMask: UInt64 { 3 << 12 }
    @inlinable public static var ioplShift: UInt64 { 12 }
    @inlinable public static var nestedTask: UInt64 { 1 << 14 }
    @inlinable public static var resume: UInt64 { 1 << 16 }
    @inlinable public static var virtual8086: UInt64 { 1 << 17 }
    @inlinable public static var alignmentCheck: UInt64 { 1 << 18 }
    @inlinable public static var virtualInterrupt: UInt64 { 1 << 19 }
    @inlinable public static var virtualInterruptPending: UInt64 { 1 << 20 }
    @inlinable public static var identification: UInt64 { 1 << 21 }

    /// The six arithmetic status flags.
    @inlinable public static var status: UInt64 { carry | parity | auxiliaryCarry | zero | sign | overflow }
}
