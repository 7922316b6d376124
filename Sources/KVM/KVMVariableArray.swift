/// A kernel list laid out as `{ __u32 count; __u32 padding; Entry entries[]; }` (kvm_cpuid2, kvm_msrs).
struct KVMVariableArray<Entry: BitwiseCopyable>: ~Copyable {
    /// Bytes before the first entry.
    private static var headerSize: Int { 8 }

    let buffer: UnsafeMutableRawPointer
    /// How many entries the buffer has room for.
    let capacity: Int

    /// A zero-filled list with room for `capacity` entries and its count set to `capacity`.
    init(capacity: Int) {
        precondition(capacity >= 0 && capacity <= Int(UInt32.max))
        self.capacity = capacity
        let byteCount = Self.headerSize + capacity * MemoryLayout<Entry>.stride
        buffer = UnsafeMutableRawPointer.allocate(byteCount: byteCount, alignment: 8)
        buffer.initializeMemory(as: UInt8.self, repeating: 0, count: byteCount)
        count = capacity
    }

    /// A list holding `entries`.
    init(_ entries: [Entry]) {
        self.init(capacity: entries.count)
        for (index, entry) in entries.enumerated() { self[index] = entry }
    }

    deinit { buffer.deallocate() }

    /// The count field, clamped to the capacity when the kernel wrote a larger one.
    var count: Int {
        get { min(Int(buffer.load(as: UInt32.self)), capacity) }
        nonmutating set { buffer.storeBytes(of: UInt32(min(max(newValue, 0), capacity)), as: UInt32.self) }
    }

    subscript(index: Int) -> Entry {
        get {
            precondition(index >= 0 && index < capacity)
            return buffer.load(fromByteOffset: Self.headerSize + index * MemoryLayout<Entry>.stride, as: Entry.self)
        }
        nonmutating set {
            precondition(index >= 0 && index < capacity)
            buffer.storeBytes(
                of: newValue, toByteOffset: Self.headerSize + index * MemoryLayout<Entry>.stride, as: Entry.self)
        }
    }

    /// The first `count` entries.
    var entries: [Entry] { (0..<count).map { self[$0] } }
}
