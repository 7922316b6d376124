/// Bad input from the host side (flags, files, sizes): reported in one line, exit status 2.
public struct HostInputError: Error, CustomStringConvertible {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}
