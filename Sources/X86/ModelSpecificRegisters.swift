/// The model-specific registers an operating system uses, other than EFER and the FS/GS bases
/// (which live in the segment caches).
public struct ModelSpecificRegisters: Equatable, Sendable {
    public var timeStampCounter: UInt64 = 0
    public var apicBase: UInt64 = 0xFEE0_0900
    public var sysenterCS: UInt64 = 0
    public var sysenterESP: UInt64 = 0
    public var sysenterEIP: UInt64 = 0
    public var star: UInt64 = 0
    public var lstar: UInt64 = 0
    public var cstar: UInt64 = 0
    public var sfmask: UInt64 = 0
    public var kernelGSBase: UInt64 = 0
    public var tscAux: UInt64 = 0
    public var pat: UInt64 = 0x0007_0406_0007_0406
    public var miscEnable: UInt64 = 1
    public var mtrrDefaultType: UInt64 = 0

    public init() {}
}
