/// Why a device could not claim a range on a bus.
public enum BusError: Error, Equatable, CustomStringConvertible {
    case rangeTaken(name: String, first: UInt64, last: UInt64)

    public var description: String {
        switch self {
        case .rangeTaken(let name, let first, let last):
            "\(name) cannot claim 0x\(String(first, radix: 16))-0x\(String(last, radix: 16)): already claimed"
        }
    }
}
