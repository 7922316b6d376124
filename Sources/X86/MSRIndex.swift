/// Indices of the model-specific registers swiftvmm models.
public enum MSRIndex {
    public static let timeStampCounter: UInt32 = 0x10
    public static let apicBase: UInt32 = 0x1B
    public static let mtrrCapabilities: UInt32 = 0xFE
    public static let sysenterCS: UInt32 = 0x174
    public static let sysenterESP: UInt32 = 0x175
    public static let sysenterEIP: UInt32 = 0x176
    public static let miscEnable: UInt32 = 0x1A0
    public static let pat: UInt32 = 0x277
    public static let mtrrDefaultType: UInt32 = 0x2FF
    public static let efer: UInt32 = 0xC000_0080
    public static let star: UInt32 = 0xC000_0081
    public static let lstar: UInt32 = 0xC000_0082
    public static let cstar: UInt32 = 0xC000_0083
    public static let sfmask: UInt32 = 0xC000_0084
    public static let fsBase: UInt32 = 0xC000_0100
    public static let gsBase: UInt32 = 0xC000_0101
    public static let kernelGSBase: UInt32 = 0xC000_0102
    public static let tscAux: UInt32 = 0xC000_0103
}
