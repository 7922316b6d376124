// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "swiftvmm",
    products: [
        .executable(name: "swiftvmm", targets: ["swiftvmm"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .target(name: "X86"),
        .target(name: "SeededRandom"),
        .target(name: "Machine", dependencies: ["X86"]),
        .target(name: "CHostSSE"),
        .target(name: "CX87"),
        .target(name: "Interpreter", dependencies: ["X86", "Machine", "CHostSSE", "CX87"]),
        .target(name: "CKVM"),
        .target(name: "KVM", dependencies: ["X86", "Machine", "CKVM"]),
        .target(name: "Devices", dependencies: ["Machine"]),
        .target(name: "Boot", dependencies: ["X86", "Machine"]),
        .target(name: "Conformance", dependencies: ["X86", "Machine", "Interpreter"]),
        .target(name: "Differential", dependencies: ["X86", "Machine", "Interpreter", "KVM", "SeededRandom"]),
        .target(name: "Fuzzing", dependencies: ["X86", "Machine", "Interpreter", "SeededRandom"]),
        .target(name: "VMMCommand", dependencies: [
            "X86", "Machine", "Interpreter", "KVM", "Devices", "Boot", "Conformance", "Differential", "Fuzzing",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "swiftvmm", dependencies: ["VMMCommand"]),
        .target(name: "TestSupport", dependencies: ["Machine", "X86"], path: "Tests/TestSupport"),
        .testTarget(name: "X86Tests", dependencies: ["X86", "SeededRandom"]),
        .testTarget(name: "MachineTests", dependencies: ["Machine"]),
        .testTarget(name: "InterpreterTests", dependencies: ["Interpreter", "Machine", "X86", "TestSupport", "SeededRandom"]),
        .testTarget(name: "KVMTests", dependencies: ["KVM", "Machine", "X86", "TestSupport"]),
        .testTarget(name: "DevicesTests", dependencies: ["Devices", "Machine"]),
        .testTarget(name: "BootTests", dependencies: ["Boot", "Machine", "X86", "TestSupport"]),
        .testTarget(name: "ConformanceTests", dependencies: ["Conformance", "Interpreter", "Machine", "X86", "TestSupport"]),
        .testTarget(name: "DifferentialTests", dependencies: ["Differential", "TestSupport"]),
        .testTarget(name: "FuzzingTests", dependencies: ["Fuzzing", "X86"]),
        .testTarget(name: "VMMCommandTests", dependencies: ["VMMCommand", "swiftvmm", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
