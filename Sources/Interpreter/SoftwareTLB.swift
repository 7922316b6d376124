/// A direct-mapped cache of linear-page translations to host pages. The entries live in heap
/// memory, so that the interpreter's core stays small (it is sometimes copied whole).
struct SoftwareTLB {
    /// One translation.
    struct Entry {
        /// Linear page number, or `invalidTag`.
        var tag: UInt64 = SoftwareTLB.invalidTag
        /// Host address of the page's first byte; nil for MMIO pages.
        var host: UnsafeMutableRawPointer?
        var physicalPage: UInt64 = 0
        var generation: UnsafeMutablePointer<UInt32>?
        var permissions: Permissions = []
        /// `fastKey` of the page when a plain load at the privilege it was filled for may use
        /// `host` directly, else `invalidTag`.
        var readKey: UInt64 = SoftwareTLB.invalidTag
        /// `fastKey` of the page when a plain store may go to `host` directly: writable RAM
        /// that holds no decoded instructions.
        var writeKey: UInt64 = SoftwareTLB.invalidTag
    }

    /// The key of a linear page for the direct load and store paths: its number and the privilege
    /// (1 for user accesses), so that one comparison checks both.
    @inline(__always)
    static func fastKey(_ linear: UInt64, user: Bool) -> UInt64 { (linear >> 12) << 1 | (user ? 1 : 0) }

    /// What an access through a translation may do without walking the page tables again.
    struct Permissions: OptionSet {
        let rawValue: UInt8
        static let supervisorWrite = Permissions(rawValue: 1 << 0)
        static let userRead = Permissions(rawValue: 1 << 1)
        static let userWrite = Permissions(rawValue: 1 << 2)
        static let execute = Permissions(rawValue: 1 << 3)
        /// The page is RAM a write may go to directly (not ROM, not MMIO).
        static let writableRAM = Permissions(rawValue: 1 << 4)
    }

    static let invalidTag = UInt64.max
    static let entryCount = 256

    /// The entries, owned by `storage`.
    let entries: UnsafeMutablePointer<Entry>
    private let storage = Storage()

    /// Owns the entries' memory.
    private final class Storage {
        let entries: UnsafeMutablePointer<Entry>

        init() {
            entries = .allocate(capacity: SoftwareTLB.entryCount)
            entries.initialize(repeating: Entry(), count: SoftwareTLB.entryCount)
        }

        deinit { entries.deallocate() }
    }

    init() { entries = storage.entries }

    @inline(__always)
    static func slot(_ page: UInt64) -> Int { Int(truncatingIfNeeded: page) & (entryCount - 1) }

    func flush() {
        for index in 0..<Self.entryCount { entries[index] = Entry() }
    }

    func flush(linear: UInt64) {
        let page = linear >> 12
        let slot = Self.slot(page)
        if entries[slot].tag == page { entries[slot] = Entry() }
    }

    /// Sends stores to the physical page `physicalPage` back through the slow path, which notices
    /// stores to code; for when the page has just been found to hold code.
    func revokeDirectStores(physicalPage: UInt64) {
        for index in 0..<Self.entryCount where entries[index].physicalPage == physicalPage {
            entries[index].writeKey = Self.invalidTag
        }
    }
}
