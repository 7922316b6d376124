/// The sixteen general-purpose registers in their encoding order.
public enum GeneralRegister: Int, CaseIterable, Sendable {
    case rax, rcx, rdx, rbx, rsp, rbp, rsi, rdi, r8, r9, r10, r11, r12, r13, r14, r15

    /// The 64-bit name as written in Intel syntax.
    public var name: String {
        switch self {
        case .rax: "rax"
        case .rcx: "rcx"
        case .rdx: "rdx"
        case .rbx: "rbx"
        case .rsp: "rsp"
        case .rbp: "rbp"
        case .rsi: "rsi"
        case .rdi: "rdi"
        default: "r\(rawValue)"
        }
    }
}
