/// The six segment registers in their encoding order (the ModRM reg field of MOV Sreg).
public enum SegmentName: Int, CaseIterable, Sendable {
    case es, cs, ss, ds, fs, gs

    public var name: String {
        switch self {
        case .es: "es"
        case .cs: "cs"
        case .ss: "ss"
        case .ds: "ds"
        case .fs: "fs"
        case .gs: "gs"
        }
    }
}
