/// Intel-syntax names of the registers an instruction's operands name.
enum RegisterName {
    private static let legacy16 = ["ax", "cx", "dx", "bx", "sp", "bp", "si", "di"]
    private static let lowBytes = ["al", "cl", "dl", "bl", "spl", "bpl", "sil", "dil"]
    private static let highBytes = ["ah", "ch", "dh", "bh"]

    /// General register `number` (0–15) at `bytes` (1, 2, 4 or 8); without a REX prefix byte
    /// registers 4–7 are AH, CH, DH and BH.
    static func general(_ number: UInt8, bytes: Int, rex: Bool) -> String {
        let index = Int(number & 15)
        if index >= 8 {
            switch bytes {
            case 1: return "r\(index)b"
            case 2: return "r\(index)w"
            case 4: return "r\(index)d"
            default: return "r\(index)"
            }
        }
        switch bytes {
        case 1: return !rex && index >= 4 ? highBytes[index - 4] : lowBytes[index]
        case 2: return legacy16[index]
        case 4: return "e" + legacy16[index]
        default: return "r" + legacy16[index]
        }
    }

    /// Segment register `number` in ModRM reg order; 6 and 7 name none.
    static func segment(_ number: UInt8) -> String {
        SegmentName(rawValue: Int(number & 7))?.name ?? "?"
    }
}
