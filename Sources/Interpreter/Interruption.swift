import Machine

/// What stops an instruction before it completes: a processor exception to deliver to the guest,
/// or an exit the run loop must serve first (the instruction restarts afterwards).
enum Interruption: Error {
    case exception(vector: UInt8, errorCode: UInt32?)
    case exit(VMExit)

    static let divideError = Interruption.exception(vector: 0, errorCode: nil)
    static let invalidOpcode = Interruption.exception(vector: 6, errorCode: nil)
    static let deviceNotAvailable = Interruption.exception(vector: 7, errorCode: nil)

    static func generalProtection(_ code: UInt32 = 0) -> Interruption { .exception(vector: 13, errorCode: code) }
    static func stackFault(_ code: UInt32 = 0) -> Interruption { .exception(vector: 12, errorCode: code) }
    static func segmentNotPresent(_ code: UInt32) -> Interruption { .exception(vector: 11, errorCode: code) }
    static func invalidTSS(_ code: UInt32) -> Interruption { .exception(vector: 10, errorCode: code) }
    static func failure(_ reason: String) -> Interruption { .exit(.failure(reason: reason)) }
}

/// Exception vectors by name.
enum ExceptionVector {
    static let divideError: UInt8 = 0
    static let debug: UInt8 = 1
    static let breakpoint: UInt8 = 3
    static let overflow: UInt8 = 4
    static let boundRange: UInt8 = 5
    static let invalidOpcode: UInt8 = 6
    static let doubleFault: UInt8 = 8
    static let invalidTSS: UInt8 = 10
    static let segmentNotPresent: UInt8 = 11
    static let stackFault: UInt8 = 12
    static let generalProtection: UInt8 = 13
    static let pageFault: UInt8 = 14

    /// Exceptions that push an error code in protected mode.
    static func pushesErrorCode(_ vector: UInt8) -> Bool {
        switch vector {
        case 8, 10, 11, 12, 13, 14, 17, 21: true
        default: false
        }
    }

    /// Contributory exceptions for the double-fault rules.
    static func isContributory(_ vector: UInt8) -> Bool {
        switch vector {
        case 0, 10, 11, 12, 13: true
        default: false
        }
    }
}
