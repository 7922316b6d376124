/// Why the fuzz machine could not be built.
enum FuzzSetupError: Error {
    case noRAM
}
