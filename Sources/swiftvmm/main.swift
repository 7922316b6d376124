import VMMCommand

SwiftVMM.runFromCommandLine()
