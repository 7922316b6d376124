/// Why a device asked the machine to stop running.
public enum StopRequest: Equatable, Sendable {
    /// The guest wrote `code` to the debug-exit port.
    case debugExit(code: UInt32)
    /// The guest asked the platform to reset (i8042 pulse of the reset line).
    case reset
}

/// Where devices post a stop request; the run loop reads it after every exit.
public final class StopSignal {
    public private(set) var request: StopRequest?

    public init() {}

    /// Records `request` unless an earlier one is pending.
    public func post(_ request: StopRequest) {
        if self.request == nil { self.request = request }
    }
}
