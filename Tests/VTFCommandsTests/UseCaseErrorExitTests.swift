import AuditBundle
import BankReconciliationBooking
import Testing
@testable import VTFCommands

/// The use cases' own errors keep the exit statuses and messages the commands had: a bank
/// reconciliation refusal exits 2 with its message; a witness refusal 2, a failed witness check 1
/// with "check failed: ".
@Suite("Use-case errors on the command line")
struct UseCaseErrorExitTests {
    @Test func bankReconciliationRefusalsExit2WithTheirMessage() {
        for code in BankReconciliationError.Code.allCases {
            let (status, message) = CommandRunner.classify(BankReconciliationError(code, "march.sta: \(code.rawValue)"))
            #expect(status == 2 && message == "march.sta: \(code.rawValue)", "\(code)")
        }
    }

    @Test func witnessRefusalsExit2AndFailedChecks1() {
        for code in WitnessError.Code.allCases {
            let (status, message) = CommandRunner.classify(WitnessError(code, "why"))
            switch code.kind {
            case .refused: #expect(status == 2 && message == "why", "\(code)")
            case .checkFailed: #expect(status == 1 && message == "check failed: why", "\(code)")
            }
        }
    }
}
