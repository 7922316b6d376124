/// What the machine boots.
enum BootSource {
    /// `--image FILE[@ADDR]`
    case image(argument: String)
    /// `--firmware FILE`
    case firmware(path: String)
    /// `--kernel FILE [--append STR]`
    case kernel(path: String, arguments: String)
    /// The guest compiled into swiftvmm.
    case builtin
}
