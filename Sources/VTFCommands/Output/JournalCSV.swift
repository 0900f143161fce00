import LedgerCore
import LedgerJournal
import SafeIO

/// `vtf journal export --format csv`: the journal for spreadsheets, a row per posting, through
/// ``CSVCell`` (formula-safe text, RFC 4180 quoting, CRLF), UTF-8 with a byte-order mark.
enum JournalCSV {
    /// The byte-order mark and the header row.
    static let header: [UInt8] = [0xEF, 0xBB, 0xBF]
        + Array(CSVCell.line(["seq", "date", "recorded", "kind", "ref", "memo", "signer", "account", "currency", "amount", "value"]).utf8)

    /// The rows of the export lines `lines`, the first being entry `first`.
    static func rows(_ lines: [[UInt8]], from first: UInt64, fundCurrency: Currency?) throws -> [[UInt8]] {
        try lines.enumerated().map { index, line in
            let raw = try RawEntry(exportLine: line, lineNumber: first + UInt64(index) + 1)
            let body = try EntryBody(storedBytes: raw.bodyBytes, fundCurrency: fundCurrency)
            let entry = ["\(body.seq)", body.date.description, body.time, body.kind.rawValue, body.ref ?? "", body.memo ?? "", body.signer]
            guard !body.postings.isEmpty else { return Array(CSVCell.line(entry + ["", "", "", ""]).utf8) }
            return Array(body.postings.map { posting in
                CSVCell.line(entry + [
                    posting.account.rawValue, posting.amount.currency.code, posting.amount.decimalString, posting.value.decimalString,
                ])
            }.joined().utf8)
        }
    }
}
