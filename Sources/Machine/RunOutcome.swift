/// How a run of the machine ended.
public enum RunOutcome: Equatable, Sendable {
    case stopped(StopRequest)
    /// HLT with interrupts disabled, or with nothing that could ever interrupt.
    case halted
    case timedOut
    /// The guest crashed its machine or the engine failed; the reason is for the user.
    case crashed(reason: String)
}
