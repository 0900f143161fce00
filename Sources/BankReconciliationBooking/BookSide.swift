import CanonicalJSON
import Foundation
import LedgerCore
import LedgerJournal
import TrustFundRules
import TransparencyLog
import LedgerStore
public import Reconciliation

/// The books' side of a bank reconciliation: the postings on the account in the statement's
/// currency, each with the references and counterparties its entry names, and what earlier
/// committed reconciliations already matched.
public struct BookSide: Sendable {
    /// The postings on the account in the window, as book lines for the matcher.
    public let lines: [BookLine]
    /// Bank id → the book lines an earlier committed reconciliation matched it to (rule 1).
    let prior: [String: [BookLineID]]
    /// Book lines an earlier reconciliation matched (they are not "unmatched" again).
    let reconciled: Set<BookLineID>

    init(_ ledger: any StoreSnapshot, account: AccountCode, currency: Currency, from: LedgerDate, through: LedgerDate) throws {
        let names = Names(ledger: ledger)
        let reversed = try ledger.reversedEntries()
        lines = try ledger.accountPostings(account, currency: currency, from: from, through: through)
            .filter { !reversed.contains($0.seq) && $0.kind != EntryKind.reversal.rawValue }
            .map { posting in
                let (references, counterparties) = try names.describe(posting)
                return BookLine(
                    seq: posting.seq, line: posting.line, date: posting.date, amount: posting.amount, kind: posting.kind,
                    references: references, counterparties: counterparties, memo: posting.memo ?? "")
            }
        var prior: [String: [BookLineID]] = [:]
        var reconciled: Set<BookLineID> = []
        for entry in try ledger.entries(ofKinds: [.bankReconcile]) where entry.data["account"]?.stringValue == account.rawValue {
            for pair in entry.data["pairs"]?.arrayValue ?? [] {
                guard let pair = pair.objectValue else { continue }
                let seqs = (pair["seqs"]?.arrayValue ?? []).compactMap(\.integerValue).map(UInt64.init)
                let lines = (pair["lines"]?.arrayValue ?? []).compactMap(\.integerValue).map(Int.init)
                let matched = zip(seqs, lines.count == seqs.count ? lines : seqs.map { _ in 0 }).map { BookLineID(seq: $0, line: $1) }
                reconciled.formUnion(matched)
                if let bankID = pair["bank_id"]?.stringValue { prior[bankID] = matched }
            }
        }
        self.prior = prior
        self.reconciled = reconciled
    }

    /// Reads donor and grantee names once, for counterparties.
    final class Names {
        let ledger: any StoreSnapshot
        private var cache: [String: StateRecord?] = [:]

        init(ledger: any StoreSnapshot) { self.ledger = ledger }

        func record(_ collection: String, _ id: String) throws -> StateRecord? {
            let key = collection + "/" + id
            if let cached = cache[key] { return cached }
            let record = try ledger.fundRecord(collection, id)
            cache[key] = .some(record)
            return record
        }

        /// The references and counterparties a posting's entry names.
        func describe(_ posting: AccountPosting) throws -> (references: [String], counterparties: [String]) {
            var references = posting.ref.map { [$0] } ?? []
            var counterparties: [String] = []
            let data = posting.data
            for name in ["agreement", "grant", "request", "receipt"] {
                if let value = data[name]?.stringValue { references.append(value) }
            }
            if let agreement = data["agreement"]?.stringValue, let record = try record("agreement", agreement) {
                counterparties += try party("donor", try AgreementRecord(record).donor, name: "name")
            }
            if let donor = data["donor"]?.stringValue { counterparties += try party("donor", donor, name: "name") }
            if let request = data["request"]?.stringValue, let record = try record("request", request) {
                let params = try RequestRecord(record).params
                if let grant = params["grant"]?.stringValue {
                    references.append(grant)
                    counterparties += try party("grant", grant, name: "grantee_name")
                    if let record = try self.record("grant", grant) { counterparties.append(try GrantRecord(record).grantee) }
                }
                if let donor = params["donor"]?.stringValue { counterparties += try party("donor", donor, name: "name") }
                if let bankID = params["bank_id"]?.stringValue { references.append(bankID) }
            }
            if let grant = data["grant"]?.stringValue { counterparties += try party("grant", grant, name: "grantee_name") }
            return (references, counterparties)
        }

        private func party(_ collection: String, _ id: String, name: String) throws -> [String] {
            [id] + ((try record(collection, id)?.fields[name]?.stringValue).map { [$0] } ?? [])
        }
    }
}
