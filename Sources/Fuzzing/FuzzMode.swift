/// The processor mode an interpreter input starts in.
public enum FuzzMode: String, CaseIterable, Sendable {
    case real
    /// Real mode on the interpreter's 8086 model.
    case real8086 = "8086"
    case virtual8086 = "v86"
    case protected16
    case protected32
    case compatibility16
    case compatibility32
    case long64

    var isLongMode: Bool { self == .long64 || self == .compatibility16 || self == .compatibility32 }
    var isProtected: Bool { self != .real && self != .real8086 }
    /// Whether the code segment and registers are 16-bit by default.
    var is16Bit: Bool { self == .real || self == .real8086 || self == .virtual8086 || self == .protected16 || self == .compatibility16 }
}

/// How linear addresses translate in an input.
enum PagingKind: String, Sendable {
    case none
    /// Two-level 32-bit paging (4 MiB pages under CR4.PSE).
    case bits32
    /// Three-level PAE paging.
    case pae
    /// Four-level long-mode paging.
    case fourLevel
}
