/// The registers a SingleStepTests 8086 vector lists.
public enum VectorRegister: Int, CaseIterable, Sendable {
    case ax, bx, cx, dx, cs, ss, ds, es, sp, bp, si, di, ip, flags

    private static let names = ["ax", "bx", "cx", "dx", "cs", "ss", "ds", "es", "sp", "bp", "si", "di", "ip", "flags"]

    /// The register's name in the vectors' JSON.
    public var name: String { Self.names[rawValue] }

    /// The register the JSON calls `name`.
    public init?(name: String) {
        guard let index = Self.names.firstIndex(of: name) else { return nil }
        self.init(rawValue: index)
    }
}

extension VectorRegister: CodingKey {
    public init?(stringValue: String) { self.init(name: stringValue) }
    public init?(intValue: Int) { nil }
    public var stringValue: String { name }
    public var intValue: Int? { nil }
}
