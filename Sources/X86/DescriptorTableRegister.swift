/// GDTR or IDTR: the linear base and byte limit of a descriptor table.
public struct DescriptorTableRegister: Equatable, Sendable {
    public var base: UInt64
    public var limit: UInt16

    public init(base: UInt64, limit: UInt16) {
        self.base = base
        self.limit = limit
    }
}
