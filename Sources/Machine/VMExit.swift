/// Why an engine stopped running a vCPU: the only contract between engines and the machine.
public enum VMExit: Sendable, Equatable {
    /// An IN: the run loop reads the bus and hands the value back with `completePortRead`.
    case portRead(port: UInt16, size: Int)
    case portWrite(port: UInt16, size: Int, value: UInt64)
    /// A load from a hole: the run loop reads the bus and hands the value back with `completeMMIORead`.
    case mmioRead(address: UInt64, size: Int)
    case mmioWrite(address: UInt64, size: Int, value: UInt64)
    /// HLT: the vCPU waits for an interrupt.
    case halt
    /// The engine gave the loop a chance to look at the clock and at stop requests.
    case yield
    /// The guest shut its machine down (triple fault).
    case shutdown(reason: String)
    /// The engine cannot go on (unsupported instruction, KVM entry failure…).
    case failure(reason: String)

    /// A short name for statistics.
    public var kind: String {
        switch self {
        case .portRead, .portWrite: "io"
        case .mmioRead, .mmioWrite: "mmio"
        case .halt: "hlt"
        case .yield: "yield"
        case .shutdown: "shutdown"
        case .failure: "failure"
        }
    }
}
