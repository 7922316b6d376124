import Testing
import TestSupport
@testable import VMMCommand

/// The built-in guest's committed bytes are what Guests/builtin.S assembles to (Guests/make-builtin.sh).
@Suite struct BuiltinGuestTests {
    @Test func committedImageMatchesItsSource() throws {
        let assembled = try GuestAssembler.flatBinary("builtin.S", origin: BuiltinGuest.loadAddress)
        #expect(assembled == BuiltinGuest.image, "run Guests/make-builtin.sh after editing Guests/builtin.S")
    }
}
