/// An exception the processor has raised but not yet delivered.
public struct PendingException: Equatable, Sendable {
    public var vector: UInt8
    public var errorCode: UInt32?

    public init(vector: UInt8, errorCode: UInt32? = nil) {
        self.vector = vector
        self.errorCode = errorCode
    }
}

/// Event-injection state of a vCPU: interrupt shadow, pending exception, NMI and external interrupt.
public struct PendingEvents: Equatable, Sendable {
    /// Interrupts are blocked for one instruction after STI or a load of SS.
    public var interruptShadow = false
    public var exception: PendingException?
    public var nmiPending = false
    /// NMIs are blocked until the next IRET.
    public var nmiMasked = false
    /// An external interrupt vector accepted but not yet delivered.
    public var externalInterrupt: UInt8?
    /// The processor is halted, waiting for an interrupt.
    public var halted = false

    public init() {}
}
