/// A segment register: the visible selector and the hidden descriptor cache the processor loaded with it.
public struct SegmentRegister: Equatable, Sendable {
    public var selector: UInt16
    public var base: UInt64
    public var limit: UInt32
    public var access: SegmentAccessRights

    public init(selector: UInt16, base: UInt64, limit: UInt32, access: SegmentAccessRights) {
        self.selector = selector
        self.base = base
        self.limit = limit
        self.access = access
    }

    /// A real-mode segment: base is selector × 16, 64 KiB limit, data or code rights.
    public static func realMode(selector: UInt16, code: Bool = false) -> SegmentRegister {
        SegmentRegister(
            selector: selector, base: UInt64(selector) << 4, limit: 0xFFFF,
            access: code ? .realModeCode : .realModeData)
    }

    /// The requested privilege level held in the selector's low two bits.
    @inlinable public var rpl: UInt8 { UInt8(selector & 3) }
}

/// The access-rights half of a segment descriptor (bits 40–55), as VT-x and KVM lay it out.
public struct SegmentAccessRights: Equatable, Sendable {
    public var rawValue: UInt16

    public init(rawValue: UInt16) { self.rawValue = rawValue }

    /// Builds rights from a descriptor's fields.
    public init(type: UInt8, system: Bool, dpl: UInt8, present: Bool, available: Bool = false,
                longMode: Bool = false, defaultBig: Bool = false, granularity: Bool = false) {
        var value = UInt16(type & 0xF)
        if !system { value |= 1 << 4 }
        value |= UInt16(dpl & 3) << 5
        if present { value |= 1 << 7 }
        if available { value |= 1 << 12 }
        if longMode { value |= 1 << 13 }
        if defaultBig { value |= 1 << 14 }
        if granularity { value |= 1 << 15 }
        rawValue = value
    }

    /// Rights decoded from the high dword of an 8-byte descriptor.
    public init(descriptorHigh: UInt32) {
        rawValue = UInt16(truncatingIfNeeded: (descriptorHigh >> 8) & 0xF0FF)
    }

    @inlinable public var type: UInt8 { UInt8(rawValue & 0xF) }
    /// S flag: set for code and data segments, clear for system descriptors.
    @inlinable public var isCodeOrData: Bool { rawValue & (1 << 4) != 0 }
    @inlinable public var dpl: UInt8 { UInt8((rawValue >> 5) & 3) }
    @inlinable public var present: Bool { rawValue & (1 << 7) != 0 }
    @inlinable public var available: Bool { rawValue & (1 << 12) != 0 }
    @inlinable public var longMode: Bool { rawValue & (1 << 13) != 0 }
    @inlinable public var defaultBig: Bool { rawValue & (1 << 14) != 0 }
    @inlinable public var granularity: Bool { rawValue & (1 << 15) != 0 }
    @inlinable public var isCode: Bool { isCodeOrData && type & 8 != 0 }
    /// Writable for data, readable for code.
    @inlinable public var isWritableOrReadable: Bool { type & 2 != 0 }
    @inlinable public var isConforming: Bool { isCode && type & 4 != 0 }
    @inlinable public var isExpandDown: Bool { !isCode && type & 4 != 0 }

    public static let realModeData = SegmentAccessRights(type: 3, system: false, dpl: 0, present: true)
    public static let realModeCode = SegmentAccessRights(type: 0xB, system: false, dpl: 0, present: true)
    public static let unusable = SegmentAccessRights(rawValue: 0)
}
