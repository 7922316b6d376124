/// A guest RAM size given as bytes with an optional K, M, G or T suffix (binary units).
struct MemorySize {
    static let minimum: UInt64 = 1 << 20
    static let maximum: UInt64 = 1 << 40

    let bytes: UInt64

    init(parsing text: String) throws(HostInputError) {
        var digits = Substring(text.uppercased())
        var multiplier: UInt64 = 1
        if let last = digits.last, let scale = ["K": UInt64(1) << 10, "M": 1 << 20, "G": 1 << 30, "T": 1 << 40][String(last)] {
            multiplier = scale
            digits = digits.dropLast()
        }
        if digits.hasSuffix("I") || digits.hasSuffix("B") {
            throw HostInputError("--mem \(text): write sizes as 128M, 2G or a byte count")
        }
        guard let count = UInt64(digits), count > 0 else {
            throw HostInputError("--mem \(text): not a size (use a byte count or a number with K, M, G or T)")
        }
        let (product, overflow) = count.multipliedReportingOverflow(by: multiplier)
        guard !overflow, product >= Self.minimum, product <= Self.maximum else {
            throw HostInputError("--mem \(text): guest RAM must be between 1M and 1T")
        }
        bytes = product
    }
}
