#if canImport(Glibc)
import Glibc
#endif

/// Whether this host lets tests use /dev/kvm; tests that need it are skipped, saying so, when not.
public enum KVMAvailability {
    public static let canOpen: Bool = {
        let descriptor = open("/dev/kvm", O_RDWR | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        close(descriptor)
        return true
    }()
}
