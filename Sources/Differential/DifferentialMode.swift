/// The code-segment kind random sequences run in, all at CPL 3 under long mode.
public enum DifferentialMode: String, CaseIterable, Sendable {
    case bits64 = "64"
    case compatibility32 = "32"
    case compatibility16 = "16"

    var decodeBits: Int {
        switch self {
        case .bits64: 64
        case .compatibility32: 32
        case .compatibility16: 16
        }
    }
}
