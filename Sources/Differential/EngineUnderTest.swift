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
    static let observedRanges: [Range<UInt64>] = [0x1000..<DifferentialLayout.userTop, DifferentialLayout.kernelStackTop - 0x1000..<DifferentialLayout.kernelStackTop]

    /// The first observed address outside `ignored` whose byte differs from `other`'s, if any.
    func firstMemoryDifference(from other: EngineUnderTest, ignoring ignored: Range<UInt64>? = nil) -> UInt64? {
        for range in Self.observedRanges {
            let count = Int(range.count)
            guard let mine = memory.hostPointer(at: range.lowerBound, length: count),
                  let theirs = other.memory.hostPointer(at: range.lowerBound, length: count) else { continue }
            if memcmp(mine.pointer, theirs.pointer, count) != 0 {
                for offset in 0..<count where mine.pointer.load(fromByteOffset: offset, as: UInt8.self) != theirs.pointer.load(fromByteOffset: offset, as: UInt8.self) {
                    let address = range.lowerBound + UInt64(offset)
                    if ignored?.contains(address) != true { return address }
                }
            }
        }
        return nil
    }

    /// The observed memory as it was at the last `saveSnapshot()`.
    private var snapshot = [UInt8](repeating: 0, count: EngineUnderTest.observedRanges.reduce(0) { $0 + Int($1.count) })

    func saveSnapshot() {
        var offset = 0
        for range in Self.observedRanges {
            let count = Int(range.count)
            if let source = memory.hostPointer(at: range.lowerBound, length: count) {
                snapshot.withUnsafeMutableBytes { $0.baseAddress!.advanced(by: offset).copyMemory(from: source.pointer, byteCount: count) }
            }
            offset += count
        }
    }

    /// Puts back the observed memory of `other`'s last snapshot.
    func restoreSnapshot(from other: EngineUnderTest) {
        var offset = 0
        for range in Self.observedRanges {
            let count = Int(range.count)
            if let target = memory.hostPointer(at: range.lowerBound, length: count) {
                other.snapshot.withUnsafeBytes { target.pointer.copyMemory(from: $0.baseAddress!.advanced(by: offset), byteCount: count) }
            }
            offset += count
        }
    }

    /// Zeroes the kernel stack page, where exception frames land.
    func clearKernelStack() {
        memory.write([UInt8](repeating: 0, count: 0x1000), at: DifferentialLayout.kernelStackTop - 0x1000)
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
