/// Where the guest's COM1 goes: `stdio`, `none` or `file:PATH`.
enum SerialOption: Equatable {
    case standardIO
    /// Standard output without reading standard input (the built-in guest reads nothing).
    case standardOutput
    case none
    case file(path: String)

    init(parsing text: String) throws(HostInputError) {
        switch text {
        case "stdio": self = .standardIO
        case "none": self = .none
        default:
            guard text.hasPrefix("file:"), text.count > 5 else {
                throw HostInputError("--serial \(text): expected stdio, none or file:PATH")
            }
            self = .file(path: String(text.dropFirst(5)))
        }
    }
}
