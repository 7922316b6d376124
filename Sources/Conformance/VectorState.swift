/// The registers and memory bytes of a vector before or after its instruction.
public struct VectorState: Sendable, Decodable {
    /// Register values; a final state lists only those that changed.
    public var registers: VectorRegisters
    /// Bytes of the 1 MiB physical address space: (address, value).
    public var memory: [MemoryByte]

    /// One byte of physical memory.
    public struct MemoryByte: Sendable, Equatable {
        public var address: UInt32
        public var value: UInt8

        public init(address: UInt32, value: UInt8) {
            self.address = address
            self.value = value
        }
    }

    /// The size of the address space the vectors describe.
    public static let addressSpace: UInt32 = 1 << 20

    public init(registers: VectorRegisters, memory: [MemoryByte]) {
        self.registers = registers
        self.memory = memory
    }

    private enum CodingKeys: String, CodingKey {
        case regs, ram
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let registerContainer = try container.nestedContainer(keyedBy: VectorRegister.self, forKey: .regs)
        var registers = VectorRegisters()
        for register in registerContainer.allKeys {
            registers[register] = try registerContainer.decode(UInt16.self, forKey: register)
        }
        self.registers = registers
        let pairs = try container.decode([[UInt32]].self, forKey: .ram)
        memory = []
        memory.reserveCapacity(pairs.count)
        for pair in pairs {
            guard pair.count == 2, pair[0] < Self.addressSpace, pair[1] <= 0xFF else {
                throw DecodingError.dataCorruptedError(
                    forKey: .ram, in: container, debugDescription: "expected [address below 0x100000, byte], found \(pair)")
            }
            memory.append(MemoryByte(address: pair[0], value: UInt8(pair[1])))
        }
    }
}
