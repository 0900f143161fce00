import ArgumentParser
import CanonicalJSON
import Foundation
import LedgerCore
import LedgerJournal
import TrustFundRules
import TransparencyLog
import LedgerStore
import SQLiteStore
import TrustFund

struct ReconcileCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reconcile",
        abstract: "Show that the bank and the books agree, and that the books and the signed journal agree.",
        discussion: """
            vtf reconcile bank         a bank statement (camt.053, MT940, CSV) against
                                       an account
            vtf reconcile ledger       every derived table rebuilt from the journal,
                                       and compared
            vtf reconcile receivables  agreements against receipts, per donor, with ageing
            Each exits 0 when everything agrees and 1 when it finds differences, which it lists.
            """,
        subcommands: [BankReconcileCommand.self, Ledger.self, Receivables.self])

    struct Ledger: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Rebuild every derived table from the journal bytes in one pass and list where the stored ones differ.",
            discussion: """
                Replays the signed journal (checking each entry's chain, signature and rules as it goes), \
                rebuilds postings, balances, keys, accounts, reversals, fund records and the Merkle tree in \
                memory, and compares each with the stored table. Unlike vtf verify, which stops at the \
                first difference, it lists them all (up to 1,000 rows per table). Exit 1 when any differ.
                """)
        @OptionGroup var global: LedgerOptions
        @OptionGroup var threads: ThreadsOption

        func run() async throws {
            let store = try await global.openReading()
            let count = threads.count
            let result = try await VerifyCommand.replaying(verb: "replayed", failure: "FAILED: the journal itself does not verify: ") { progress in
                try await store.reconcileDerived(threads: count, progress: progress)
            }
            guard result.differences.isEmpty else {
                print("\(result.differences.count) difference\(result.differences.count == 1 ? "" : "s") between the stored tables and the journal (\(result.entryCount) entries):")
                for difference in result.differences { print("  \(difference)") }
                throw ExitCode(1)
            }
            print("ok: every derived table equals the journal's replay (\(result.entryCount) entries, root \(result.root.hex))")
        }
    }

    struct Receivables: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Agreements against receipts, per donor: what is due, overdue and its ageing.",
            discussion: """
                For each donor and currency, the receivable account (1200.DONOR) must equal what the \
                donor's agreements still expect (amount − receipts − write-offs), and each agreement's \
                receipts must equal the receipts posted against it in the journal. Then the ageing of \
                every open agreement by instalment due date. Exit 1 on any difference.
                Example:  vtf reconcile receivables --as-of 2026-12-31
                """)
        @OptionGroup var global: LedgerOptions
        @Option(help: "The date (default: today).") var asOf: String?
        @Option(help: "Output format: text or json.") var format: OutputFormat = .text

        func run() async throws {
            let (store, _) = try await global.openReadingFund()
            let date = try parseDate(asOf, option: "--as-of")
            let format = format
            // The check and its output are made in one snapshot of the ledger.
            let (out, agrees) = try await store.read { ledger in
                let check = try ReceivablesCheck(ledger, asOf: date)
                switch format {
                case .json: return (try JSONCanonicalizer.canonicalString(ReceivablesCheckOutput.json(check)) + "\n", check.agrees)
                case .text, .csv: return (ReceivablesCheckOutput.text(check), check.agrees)
                }
            }
            print(out, terminator: "")
            if !agrees { throw ExitCode(1) }
        }
    }
}

/// The receivables check for people and for scripts.
enum ReceivablesCheckOutput {
    static func text(_ check: ReceivablesCheck) -> String {
        var table = TextTable([
            ("DONOR", .left), ("CUR", .left), ("AGREEMENTS EXPECT", .right), ("BOOKS (1200)", .right), ("DUE", .right),
            ("OVERDUE >30 DAYS", .right), ("", .left),
        ])
        for line in check.lines {
            table.add([
                line.donor, line.currency.code, line.agreements.decimalString, line.books.decimalString, line.due.decimalString,
                line.overdue.decimalString, line.difference.map { "DIFFERS by \($0.decimalString)" } ?? "ok",
            ])
        }
        var out = "Receivables reconciliation as of \(check.asOf)\n\n" + table.render()
        for mismatch in check.mismatches {
            out += "agreement \(mismatch.agreement): it lists receipts of \(mismatch.recorded.decimalString), the journal posts \(mismatch.journal.decimalString) \(mismatch.recorded.currency.code)\n"
        }
        out += check.agrees ? "\nok: every donor's receivable equals what its agreements expect, and every receipt is on its agreement\n" : "\nDIFFERENCES found (see above)\n"
        let ageing = FundReportText.render(check.report.document)
        return out + "\n" + ageing
    }

    static func json(_ check: ReceivablesCheck) -> JSONValue {
        .object([
            "as_of": .string(check.asOf.description), "agrees": .bool(check.agrees),
            "donors": .array(check.lines.map { line in
                .object([
                    "donor": .string(line.donor), "currency": .string(line.currency.code),
                    "agreements": .string(line.agreements.decimalString), "books": .string(line.books.decimalString),
                    "due": .string(line.due.decimalString), "overdue": .string(line.overdue.decimalString),
                    "difference": line.difference.map { .string($0.decimalString) } ?? .null,
                ])
            }),
            "receipt_mismatches": .array(check.mismatches.map { mismatch in
                .object([
                    "agreement": .string(mismatch.agreement), "recorded": .string(mismatch.recorded.decimalString),
                    "journal": .string(mismatch.journal.decimalString), "currency": .string(mismatch.recorded.currency.code),
                ])
            }),
        ])
    }
}
