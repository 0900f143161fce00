import AuditBundle
import BankReconciliationBooking
import Foundation
import LedgerJournal
import LedgerStore
import Testing

/// The error codes are a published contract (Audit/ERROR-CODES.md): each is unique, none changes
/// its spelling, and the document lists exactly the codes the library defines.
@Suite("Error codes are unique, stable and documented")
struct ErrorCodeTests {
    /// The codes as published. Changing a raw value breaks this table on purpose: a published
    /// code never changes; add a new one instead.
    static let ruleCodes: [(RuleViolation.Code, String)] = [
        (.malformedEntry, "malformed-entry"), (.missingField, "missing-field"), (.badField, "bad-field"),
        (.unknownField, "unknown-field"), (.unknownKind, "unknown-kind"), (.wrongLedger, "wrong-ledger"), (.genesis, "genesis"),
        (.unknownKey, "unknown-key"), (.keyRevoked, "key-revoked"), (.signerRole, "signer-role"), (.duplicateKey, "duplicate-key"),
        (.protectedKey, "protected-key"), (.holderIdentity, "holder-identity"), (.postingsDiffer, "postings-differ"),
        (.dataDiffers, "data-differs"), (.unbalanced, "unbalanced"), (.unknownAccount, "unknown-account"),
        (.accountClosed, "account-closed"), (.accountExists, "account-exists"), (.accountNotEmpty, "account-not-empty"),
        (.memoAccount, "memo-account"), (.overflow, "overflow"), (.duplicateRef, "duplicate-ref"),
        (.alreadyRecorded, "already-recorded"), (.notFound, "not-found"), (.notReversible, "not-reversible"),
        (.wrongState, "wrong-state"), (.wrongDate, "wrong-date"), (.currencyMismatch, "currency-mismatch"),
        (.totalMismatch, "total-mismatch"), (.nothingToDo, "nothing-to-do"), (.closedYear, "closed-year"),
        (.twoPerson, "two-person"), (.delegation, "delegation"), (.fundsUnavailable, "funds-unavailable"),
        (.missingRate, "missing-rate"), (.notAFund, "not-a-fund"), (.damagedState, "damaged-state"),
        (.checkpoint, "checkpoint"), (.badInput, "bad-input"),
    ]
    static let verificationCodes: [(VerificationFailure.Code, String)] = [
        (.format, "format"), (.canonicalForm, "canonical-form"), (.chain, "chain"), (.signature, "signature"),
        (.rule, "rule"), (.checkpoint, "checkpoint"), (.derivedTables, "derived-tables"),
    ]
    /// Store codes with the exit status each stands for (input 2, system 3).
    static let storeCodes: [(StoreError.Code, String, Int)] = [
        (.exists, "exists", 2), (.notFound, "not-found", 2), (.notALedger, "not-a-ledger", 2),
        (.schemaVersion, "schema-version", 2), (.noGenesis, "no-genesis", 2), (.badInput, "bad-input", 2),
        (.walMismatch, "wal-mismatch", 3), (.unreadable, "unreadable", 3), (.io, "io", 3), (.damaged, "damaged", 3),
    ]

    /// Bank reconciliation codes: every one a refusal of the input (exit status 2).
    static let bankCodes: [(BankReconciliationError.Code, String, Int)] = [
        (.badWindow, "bad-window", 2), (.noGenesis, "no-genesis", 2), (.unknownAccount, "unknown-account", 2),
        (.noStatement, "no-statement", 2), (.unreadableFile, "unreadable-file", 2), (.statementChanged, "statement-changed", 2),
        (.unknownFormat, "unknown-format", 2), (.badEncoding, "bad-encoding", 2), (.badMapping, "bad-mapping", 2),
        (.malformedStatement, "malformed-statement", 2), (.emptyStatement, "empty-statement", 2),
        (.severalAccounts, "several-accounts", 2), (.noSuchBankAccount, "no-such-bank-account", 2),
        (.severalCurrencies, "several-currencies", 2),
    ]
    /// Witness codes with their exit status (a refused input 2, a failed check 1).
    static let witnessCodes: [(WitnessError.Code, String, Int)] = [
        (.notAnAuditor, "not-an-auditor", 2), (.auditorKeyRevoked, "auditor-key-revoked", 2), (.noCheckpoint, "no-checkpoint", 2),
        (.malformedState, "malformed-state", 2), (.otherOrigin, "other-origin", 1), (.notSigned, "not-signed", 1),
        (.rolledBack, "rolled-back", 1), (.splitView, "split-view", 1), (.notConsistent, "not-consistent", 1),
        (.badRequest, "bad-request", 2), (.oldSizeMismatch, "old-size-mismatch", 1), (.otherLogKey, "other-log-key", 2),
        (.stateNotSaved, "state-not-saved", 2), (.stateInUse, "state-in-use", 2),
    ]

    @Test func rawValuesAreStableAndUnique() {
        #expect(Self.ruleCodes.map(\.0) == RuleViolation.Code.allCases, "every rule code is in the published table, in order")
        #expect(Self.verificationCodes.map(\.0) == VerificationFailure.Code.allCases)
        #expect(Self.storeCodes.map(\.0) == StoreError.Code.allCases)
        for (code, raw) in Self.ruleCodes { #expect(code.rawValue == raw) }
        for (code, raw) in Self.verificationCodes { #expect(code.rawValue == raw) }
        for (code, raw, _) in Self.storeCodes { #expect(code.rawValue == raw) }
        #expect(Self.bankCodes.map(\.0) == BankReconciliationError.Code.allCases)
        #expect(Self.witnessCodes.map(\.0) == WitnessError.Code.allCases)
        for (code, raw, _) in Self.bankCodes { #expect(code.rawValue == raw) }
        for (code, raw, _) in Self.witnessCodes { #expect(code.rawValue == raw) }
        #expect(Set(BankReconciliationError.Code.allCases.map(\.rawValue)).count == BankReconciliationError.Code.allCases.count)
        #expect(Set(WitnessError.Code.allCases.map(\.rawValue)).count == WitnessError.Code.allCases.count)
        #expect(Set(RuleViolation.Code.allCases.map(\.rawValue)).count == RuleViolation.Code.allCases.count)
        #expect(Set(VerificationFailure.Code.allCases.map(\.rawValue)).count == VerificationFailure.Code.allCases.count)
        #expect(Set(StoreError.Code.allCases.map(\.rawValue)).count == StoreError.Code.allCases.count)
        // Lower-case words joined by "-": the form scripts can rely on.
        let all = RuleViolation.Code.allCases.map(\.rawValue) + VerificationFailure.Code.allCases.map(\.rawValue)
            + StoreError.Code.allCases.map(\.rawValue) + BankReconciliationError.Code.allCases.map(\.rawValue)
            + WitnessError.Code.allCases.map(\.rawValue)
        for raw in all { #expect(raw.wholeMatch(of: #/[a-z]+(-[a-z]+)*/#) != nil, "\(raw)") }
    }

    @Test func storeCodesKeepTheirExitStatus() {
        for (code, _, status) in Self.storeCodes {
            #expect((code.kind == .input ? 2 : 3) == status, "\(code)")
            #expect(StoreError(code, "x").kind == code.kind)
        }
        for (code, _, status) in Self.witnessCodes {
            #expect((code.kind == .refused ? 2 : 1) == status, "\(code)")
            #expect(WitnessError(code, "x").kind == code.kind)
        }
    }

    /// `vtf verify --format json` publishes the codes as enums in its schema: the same lists.
    @Test func theVerifySchemaListsTheseCodes() throws {
        let url = Self.root.appendingPathComponent("Schemas/json/verify.schema.json")
        let schema = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        let failure = (schema["properties"] as? [String: Any])?["failure"] as? [String: Any]
        let members = failure?["properties"] as? [String: Any]
        let codes = (members?["code"] as? [String: Any])?["enum"] as? [String]
        let ruleCodes = ((members?["rule_code"] as? [String: Any])?["enum"] as? [Any])?.compactMap { $0 as? String }
        #expect(codes == Self.verificationCodes.map(\.1))
        #expect(ruleCodes == Self.ruleCodes.map(\.1))
        #expect((failure?["required"] as? [String])?.contains("code") == true)
    }

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The rows of each table of Audit/ERROR-CODES.md, by section heading.
    static func documentedTables() throws -> [String: [[String]]] {
        let text = try String(contentsOf: Self.root.appendingPathComponent("Audit/ERROR-CODES.md"), encoding: .utf8)
        var tables: [String: [[String]]] = [:]
        var section = ""
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("## ") { section = String(line.dropFirst(3)); continue }
            guard line.hasPrefix("| `") else { continue }
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).dropFirst().dropLast()
                .map { $0.trimmingCharacters(in: .whitespaces) }
            tables[section, default: []].append(cells)
        }
        return tables
    }

    @Test func theDocumentListsExactlyTheseCodes() throws {
        let tables = try Self.documentedTables()
        func codes(_ heading: String) -> [String] {
            (tables.first { $0.key.contains(heading) }?.value ?? []).map { $0[0].trimmingCharacters(in: CharacterSet(charactersIn: "`")) }
        }
        #expect(codes("RuleViolation.Code") == Self.ruleCodes.map(\.1))
        #expect(codes("VerificationFailure.Code") == Self.verificationCodes.map(\.1))
        #expect(codes("StoreError.Code") == Self.storeCodes.map(\.1))
        // Every row says what the code means and the usual fix; store rows give the exit status.
        for rows in tables.values {
            for row in rows { #expect(row.count >= 3 && !row[1].isEmpty && !row[2].isEmpty, "\(row)") }
        }
        let exits = (tables.first { $0.key.contains("StoreError.Code") }?.value ?? []).map { Int($0[3]) }
        #expect(exits == Self.storeCodes.map(\.2))
        #expect(codes("BankReconciliationError.Code") == Self.bankCodes.map(\.1))
        #expect(codes("WitnessError.Code") == Self.witnessCodes.map(\.1))
        let bankExits = (tables.first { $0.key.contains("BankReconciliationError.Code") }?.value ?? []).map { Int($0[3]) }
        #expect(bankExits == Self.bankCodes.map(\.2))
        let witnessExits = (tables.first { $0.key.contains("WitnessError.Code") }?.value ?? []).map { Int($0[3]) }
        #expect(witnessExits == Self.witnessCodes.map(\.2))
        // And the HTTP status vtf witness serve answers with, as WitnessError.httpStatus says.
        let witnessStatuses = (tables.first { $0.key.contains("WitnessError.Code") }?.value ?? []).map { Int($0[4]) }
        #expect(witnessStatuses == Self.witnessCodes.map { WitnessError($0.0, "x").httpStatus })
    }
}
