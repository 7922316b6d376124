/// One instruction form under test: a snippet in GNU as syntax (the harness appends `ret`) and
/// what its operands should hold.
struct SIMDForm {
    /// What the XMM registers and the data page hold.
    enum Values {
        case integers, singles, doubles
        /// Bytes from a small alphabet with zeros, for the string comparisons.
        case strings
    }

    let source: String
    var values: Values = .integers
    /// Random MXCSR exception masks (otherwise all exceptions are masked).
    var unmasked = false
    /// RSI may point anywhere, not only at 16-byte boundaries.
    var misaligned = false
    /// Random x87 TOP and tags, to see MMX instructions reset them.
    var mmx = false
    /// An unmasked x87 exception waits (status word ES, B and IE; control word IM clear).
    var x87ExceptionPending = false

    init(
        _ source: String, _ values: Values = .integers, unmasked: Bool = false, misaligned: Bool = false, mmx: Bool = false,
        x87ExceptionPending: Bool = false
    ) {
        self.source = source
        self.values = values
        self.unmasked = unmasked
        self.misaligned = misaligned
        self.mmx = mmx
        self.x87ExceptionPending = x87ExceptionPending
    }
}
