#if canImport(Glibc)
import Glibc
#endif
import Machine
import X86

/// One engine with its own guest memory, run one step (up to the next marker or exception stub) at a time.
final class EngineUnderTest {
    /// Where a step stopped.
    enum StepEnd: Equatable {
        /// The marker after the instruction: it completed.
        case marker
        /// An exception stub: the instruction raised `vector`.
        case exception(vector: UInt8)
        /// Anything else (an exit the sequence should never cause).
        case unexpected(String)
    }

    let name: String
    let memory: GuestMemory
    let vcpu: any VirtualCPU

    init(engine: any ExecutionEngine) throws {
        name = engine.name
        memory = try DifferentialLayout.makeMemory()
        vcpu = try engine.makeVirtualCPU(memory: memory, context: DifferentialLayout.initialContext(mode: .bits64))
    }

    /// Runs until the vCPU writes the marker port or an exception stub's port.
    func step() -> StepEnd {
        for _ in 0..<10_000 {
            let exit = vcpu.run()
            switch exit {
            case .mmioWrite(let address, _, _):
                if address == DifferentialLayout.markerPhysicalPage | (DifferentialLayout.markerAddress & 0xFFF) { return .marker }
            case .mmioRead:
                vcpu.completeMMIORead(0)
            case .portWrite(let port, _, _):
                if port >= DifferentialLayout.exceptionPortBase && port < DifferentialLayout.exceptionPortBase + 32 {
                    return .exception(vector: UInt8(port - DifferentialLayout.exceptionPortBase))
                }
                return .unexpected("OUT to port 0x\(String(port, radix: 16))")
            case .portRead:
                vcpu.completePortRead(0)
            case .yield:
                continue
            default:
                return .unexpected("\(exit)")
            }
        }
        return .unexpected("no marker after 10,000 slices")
    }

    /// The ranges whose contents the comparison checks: the user pages and the kernel stack page.
    static let observedRanges: [Range<UInt64>] = [0x1000..<DifferentialLayout.markerPage, 0xF000..<DifferentialLayout.userTop, DifferentialLayout.kernelStackTop - 0x1000..<DifferentialLayout.kernelStackTop]

    /// The first observed address whose byte differs from `other`'s, if any.
    func firstMemoryDifference(from other: EngineUnderTest) -> UInt64? {
        for range in Self.observedRanges {
            let count = Int(range.count)
            guard let mine = memory.hostPointer(at: range.lowerBound, length: count),
                  let theirs = other.memory.hostPointer(at: range.lowerBound, length: count) else { continue }
            if memcmp(mine.pointer, theirs.pointer, count) != 0 {
                for offset in 0..<count where mine.pointer.load(fromByteOffset: offset, as: UInt8.self) != theirs.pointer.load(fromByteOffset: offset, as: UInt8.self) {
                    return range.lowerBound + UInt64(offset)
                }
            }
        }
        return nil
    }

    /// Makes the observed memory equal to `other`'s.
    func copyMemory(from other: EngineUnderTest) {
        for range in Self.observedRanges {
            let count = Int(range.count)
            guard let mine = memory.hostPointer(at: range.lowerBound, length: count),
                  let theirs = other.memory.hostPointer(at: range.lowerBound, length: count) else { continue }
            mine.pointer.copyMemory(from: theirs.pointer, byteCount: count)
        }
    }
}
