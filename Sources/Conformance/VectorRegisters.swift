/// Values of the vector registers, any of them possibly absent.
public struct VectorRegisters: Sendable, Equatable, ExpressibleByDictionaryLiteral {
    private var values = [UInt16?](repeating: nil, count: VectorRegister.allCases.count)

    public init() {}

    public init(dictionaryLiteral elements: (VectorRegister, UInt16)...) {
        for (register, value) in elements { self[register] = value }
    }

    public subscript(register: VectorRegister) -> UInt16? {
        get { values[register.rawValue] }
        set { values[register.rawValue] = newValue }
    }
}
