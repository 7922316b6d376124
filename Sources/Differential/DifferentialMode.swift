import X86

/// The code-segment kind random sequences run in, all at CPL 3 under long mode.
public enum DifferentialMode: String, CaseIterable, Sendable {
    case bits64 = "64"
    case compatibility32 = "32"
    case compatibility16 = "16"

    /// How code in this kind of segment decodes.
    var decodeMode: DecodeMode {
        switch self {
        case .bits64: .bits64
        case .compatibility32: .bits32
        case .compatibility16: .bits16
        }
    }
}
