/// How an interpreter input ended when nothing went wrong on the host side.
public enum InterpreterOutcome: String, CaseIterable, Sendable {
    /// HLT: the guest waits for an interrupt that will not come.
    case halted
    /// A triple fault.
    case shutdown
    /// The engine stopped the VM cleanly with a reason (something it does not support).
    case failure
    /// The input used its instruction budget.
    case budgetSpent = "budget"
    /// The input used its budget of I/O and MMIO exits.
    case exitsSpent = "exits"
}
