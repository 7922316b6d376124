import X86

/// One virtual processor as an engine runs it.
public protocol VirtualCPU: AnyObject {
    /// The virtual registers; engines that keep them elsewhere convert on access.
    var context: VCPUContext { get set }
    /// Runs guest code until the next exit.
    func run() -> VMExit
    /// Supplies the value of the IN that caused the last `.portRead` exit.
    func completePortRead(_ value: UInt64)
    /// Supplies the value of the load that caused the last `.mmioRead` exit.
    func completeMMIORead(_ value: UInt64)
    /// Asks a running `run()` to return `.yield` soon; safe to call from any thread.
    func requestYield()
    /// Guest instructions executed so far, where the engine counts them.
    var instructionsExecuted: UInt64? { get }
}

/// A way to execute vCPUs against a machine's guest memory.
public protocol ExecutionEngine: AnyObject {
    /// The name the CLI knows the engine by.
    var name: String { get }
    /// Creates a vCPU over `memory` starting from `context`.
    func makeVirtualCPU(memory: GuestMemory, context: VCPUContext) throws -> any VirtualCPU
}
