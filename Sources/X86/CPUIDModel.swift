/// The CPUID answers of swiftvmm's interpreted processor: they advertise exactly what the
/// interpreter implements.
public enum CPUIDModel {
    /// The four registers of one CPUID answer.
    public struct Answer: Equatable, Sendable {
        public var eax: UInt32
        public var ebx: UInt32
        public var ecx: UInt32
        public var edx: UInt32
    }

    static let vendor = "GenuineIntel"
    static let brand = "swiftvmm interpreted x86-64 processor"

    public static let highestBasicLeaf: UInt32 = 7
    public static let highestExtendedLeaf: UInt32 = 0x8000_0008

    /// Leaf 1 EDX: FPU, PSE, TSC, MSR, PAE, CX8, SEP, PGE, CMOV, PAT, PSE36, CLFSH, FXSR, DE; MMX, SSE, SSE2.
    public static let leaf1EDX: UInt32 = 1 << 0 | 1 << 2 | 1 << 3 | 1 << 4 | 1 << 5 | 1 << 6 | 1 << 8 | 1 << 11 | 1 << 13 | 1 << 15 | 1 << 16 | 1 << 17 | 1 << 19 | 1 << 24
        | 1 << 23 | 1 << 25 | 1 << 26
    /// Leaf 1 ECX: CX16, MOVBE, POPCNT; SSE3, PCLMULQDQ, SSSE3, SSE4.1, SSE4.2.
    public static let leaf1ECX: UInt32 = 1 << 13 | 1 << 22 | 1 << 23
        | 1 << 0 | 1 << 1 | 1 << 9 | 1 << 19 | 1 << 20
    /// Leaf 0x80000001 EDX: SYSCALL, NX, RDTSCP, LM.
    public static let extendedEDX: UInt32 = 1 << 11 | 1 << 20 | 1 << 27 | 1 << 29
    /// Leaf 0x80000001 ECX: LAHF/SAHF in 64-bit mode, LZCNT.
    public static let extendedECX: UInt32 = 1 << 0 | 1 << 5

    /// The answer for leaf `eax`, subleaf `ecx`, from the processor whose reset EDX is `signature`.
    public static func answer(leaf: UInt32, subleaf: UInt32, signature: UInt32) -> Answer {
        switch leaf {
        case 0:
            let (ebx, edx, ecx) = registers(of: vendor)
            return Answer(eax: highestBasicLeaf, ebx: ebx, ecx: ecx, edx: edx)
        case 1:
            return Answer(eax: signature, ebx: 8 << 8 | 1 << 16, ecx: leaf1ECX, edx: leaf1EDX)
        case 0x8000_0000:
            return Answer(eax: highestExtendedLeaf, ebx: 0, ecx: 0, edx: 0)
        case 0x8000_0001:
            return Answer(eax: 0, ebx: 0, ecx: extendedECX, edx: extendedEDX)
        case 0x8000_0002...0x8000_0004:
            var bytes = Array(brand.utf8.prefix(47))
            bytes += [UInt8](repeating: 0, count: 48 - bytes.count)
            let chunk = Int(leaf - 0x8000_0002) * 16
            func word(_ index: Int) -> UInt32 {
                (0..<4).reduce(0) { $0 | UInt32(bytes[chunk + index * 4 + $1]) << UInt32($1 * 8) }
            }
            return Answer(eax: word(0), ebx: word(1), ecx: word(2), edx: word(3))
        case 0x8000_0008:
            return Answer(eax: 0x3028, ebx: 0, ecx: 0, edx: 0)
        default:
            if leaf <= highestBasicLeaf || (leaf > 0x8000_0000 && leaf <= highestExtendedLeaf) {
                return Answer(eax: 0, ebx: 0, ecx: 0, edx: 0)
            }
            // Intel answers leaves above the maximum with the highest basic leaf.
            return answer(leaf: highestBasicLeaf, subleaf: subleaf, signature: signature)
        }
    }

    private static func registers(of text: String) -> (UInt32, UInt32, UInt32) {
        let bytes = Array(text.utf8)
        func word(_ index: Int) -> UInt32 { (0..<4).reduce(0) { $0 | UInt32(bytes[index * 4 + $1]) << UInt32($1 * 8) } }
        return (word(0), word(1), word(2))
    }
}
