import KVM

/// Whether this host lets the tests open /dev/kvm; the tests that run guests are skipped otherwise.
enum KVMAvailability {
    static let canOpen: Bool = {
        do {
            _ = try KVMEngine()
            return true
        } catch {
            print("note: KVM tests skipped: \(error)")
            return false
        }
    }()
}
