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

/// What every fund command shares: reading money and dates from options, recording a draft,
/// and telling people what was recorded.
enum FundInput {
    /// `--amount A --currency C`, read exactly (no floating point), named in errors.
    static func money(_ amount: String, currency: String, option: String = "--amount") throws -> Amount {
        let code: Currency
        do { code = try Currency(code: currency.uppercased()) } catch { throw InputError("--currency \(currency): \(error)") }
        do { return try Amount(parsing: amount, currency: code, mode: .input) } catch {
            throw InputError("\(option) \(amount): \(error)")
        }
    }

    static func positive(_ amount: String, currency: String, option: String = "--amount") throws -> Amount {
        let value = try money(amount, currency: currency, option: option)
        guard value.minorUnits > 0 else { throw InputError("\(option) must be more than zero, not \(amount)") }
        return value
    }

    /// A comma-separated list of amounts, e.g. `--tranches 12000,8000`.
    static func amounts(_ list: String, currency: String, option: String) throws -> [Amount] {
        try list.split(separator: ",", omittingEmptySubsequences: false).enumerated().map { index, item in
            try positive(item.trimmingCharacters(in: .whitespaces), currency: currency, option: "\(option) item \(index + 1)")
        }
    }
}

enum FundOutput {
    /// One line per posting, for people: account, currency amount, and its USD value.
    static func postings(_ entry: SignedEntry, settings: LedgerSettings) -> String {
        guard !entry.body.postings.isEmpty else { return "" }
        var table = TextTable([("", .left), ("ACCOUNT", .left), ("AMOUNT", .right), ("", .left), ("VALUE \(settings.currency.code)", .right)])
        for posting in entry.body.postings {
            let side = posting.value.isNegative || (posting.value.isZero && posting.amount.isNegative) ? "Cr" : "Dr"
            table.add([side, posting.account.rawValue, posting.amount.decimalString, posting.amount.currency.code, posting.value.decimalString])
        }
        return table.render().split(separator: "\n").map { "  " + $0 }.joined(separator: "\n") + "\n"
    }

    /// "recorded entry 57 (contribution.receive, ref BNK-1) on 2026-03-05", then its postings.
    static func recorded(_ entry: SignedEntry, _ summary: String, settings: LedgerSettings) {
        let ref = entry.body.ref.map { ", ref \($0)" } ?? ""
        print("\(summary)\n  entry \(entry.body.seq) (\(entry.body.kind.rawValue)\(ref)), dated \(entry.body.date)")
        print(postings(entry, settings: settings), terminator: "")
    }
}
