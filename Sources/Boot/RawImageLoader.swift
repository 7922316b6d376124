import Machine
import X86

/// Loads a raw binary image — a boot sector or any flat real-mode program — and enters it in real mode.
///
/// The image is copied to `address` (below 1 MiB; it may extend beyond 1 MiB but must lie wholly in RAM).
/// Entry is 0000:ADDR when ADDR ≤ 0xFFFF (0000:7C00 by default, as a BIOS starts a boot sector), otherwise
/// (ADDR >> 4):(ADDR & 0xF). DS, ES, FS and GS equal CS. The stack grows down from just below the image:
/// SS:SP is 0000:ADDR when ADDR ≤ 0xFFFF, otherwise ((ADDR >> 4) − 0x1000):0000, whose first push lands
/// just below the image's first paragraph.
public struct RawImageLoader {
    public static let defaultAddress: UInt64 = 0x7C00
    /// Real mode reaches only the first MiB (plus the 64 KiB the A20 wrap adds, which swiftvmm does not count).
    public static let addressLimit: UInt64 = 0x10_0000

    public let path: String
    public let address: UInt64

    public init(path: String, address: UInt64 = defaultAddress) {
        self.path = path
        self.address = address
    }

    /// Parses `FILE[@ADDR]`, where ADDR is hexadecimal with a 0x prefix or decimal. The address follows the
    /// last "@", so a file whose name contains "@" needs an explicit address.
    public init(argument: String) throws(BootError) {
        guard let at = argument.lastIndex(of: "@") else {
            self.init(path: argument)
            return
        }
        let path = String(argument[..<at])
        let text = String(argument[argument.index(after: at)...])
        guard !path.isEmpty else { throw .badAddressArgument(argument: argument, reason: "no file name before \"@\"") }
        guard let address = Self.parseAddress(text) else {
            throw .badAddressArgument(
                argument: argument,
                reason: "malformed load address \"\(text)\" (use hexadecimal with a 0x prefix, or decimal)")
        }
        self.init(path: path, address: address)
    }

    /// Copies the image into RAM and returns the real-mode state that starts it.
    public func load(into memory: GuestMemory) throws(BootError) -> VCPUContext {
        guard address < Self.addressLimit else {
            throw .doesNotFit(
                path: path, reason: "load address 0x\(hex(address)) is not below 1 MiB, where real mode can reach it")
        }
        let ramSize = memory.ramSize
        let image = try HostFile.read(path, maximumSize: ramSize, limit: "guest RAM (\(ramSize) bytes)")
        guard memory.loadRAM(image[...], at: address, zeroFilledTo: UInt64(image.count)) else {
            throw .doesNotFit(
                path: path,
                reason: "image (\(image.count) bytes) at 0x\(hex(address)) does not lie wholly in guest RAM")
        }
        return entryState()
    }

    private func entryState() -> VCPUContext {
        if address <= 0xFFFF {
            let offset = UInt16(address)
            return .realMode(codeSegment: 0, instructionPointer: offset, stackPointer: offset)
        }
        var context = VCPUContext.realMode(
            codeSegment: UInt16(address >> 4), instructionPointer: UInt16(address & 0xF), stackPointer: 0)
        context[.ss] = .realMode(selector: UInt16(address >> 4) - 0x1000)
        return context
    }

    private static func parseAddress(_ text: String) -> UInt64? {
        let isHex = text.hasPrefix("0x") || text.hasPrefix("0X")
        let digits = isHex ? text.dropFirst(2) : text[...]
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && (isHex ? $0.isHexDigit : $0.isNumber) }) else {
            return nil
        }
        return UInt64(digits, radix: isHex ? 16 : 10)
    }
}
