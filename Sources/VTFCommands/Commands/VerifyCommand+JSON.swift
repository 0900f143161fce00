import ArgumentParser
import CanonicalJSON
import LedgerJournal
import TrustFundRules
import TransparencyLog
import LedgerStore

extension VerifyCommand {
    /// `vtf verify --format json` (schema: Schemas/json/verify.schema.json): the same checks and
    /// exit statuses as the text (0 ok, 1 a problem found), the outcome as one JSON document.
    static func verifyJSON(_ ledger: any LedgerReading, threads: Int) async throws {
        var failure: JSONValue = .null
        var result: StoreVerification?
        do {
            result = try await ledger.verify(threads: threads, progress: { Terminal.progress("verified \($0) entries") })
            Terminal.endProgress()
        } catch let error as VerificationFailure {
            Terminal.endProgress()
            failure = .object(JSONObject([
                ("seq", .integer(Int64(error.seq))), ("code", .string(error.code.rawValue)),
                ("rule_code", error.ruleCode.map { .string($0.rawValue) } ?? .null), ("reason", .string(error.reason)),
            ]))
        }
        let differences = result?.differences ?? []
        let ok = result != nil && differences.isEmpty
        try JSONOutput.document(.object(JSONObject([
            ("ok", .bool(ok)),
            ("entries", result.map { .integer(Int64($0.entryCount)) } ?? .null),
            ("root", result.map { .string($0.root.hex) } ?? .null),
            ("failure", failure),
            ("differences", .array(differences.map(JSONValue.string))),
        ])))
        if !ok { throw ExitCode(1) }
    }
}
