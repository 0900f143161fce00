import CanonicalJSON
import Foundation
import LedgerCore
import LedgerJournal
import TrustFundRules
import TransparencyLog
import LedgerStore
import SQLiteStore

/// Reads what people write for `vtf post` and `vtf import`:
/// `{"date", "memo", "ref"?, "postings": [{"account", "amount", "currency", "value"?}]}`.
/// Amounts are decimal strings; `value` may be left out only in the fund's currency.
enum VoucherInput {
    static let voucherMembers: Set<String> = ["date", "memo", "ref", "postings"]
    static let postingMembers: Set<String> = ["account", "amount", "currency", "value"]

    static func draft(json: JSONValue, fundCurrency: Currency, context: String) throws -> EntryDraft {
        let fields = try JSONFields(json, context: context)
        try fields.allowOnly(voucherMembers)
        let items = try fields.array("postings")
        var postings: [Posting] = []
        for (index, item) in items.enumerated() {
            let posting = try JSONFields(item, context: "\(context): posting \(index + 1)")
            try posting.allowOnly(postingMembers)
            postings.append(try self.posting(
                account: try posting.string("account"), amount: try moneyText(posting, "amount"),
                currency: try posting.string("currency"), value: posting.has("value") ? try moneyText(posting, "value") : nil,
                fundCurrency: fundCurrency, context: posting.context))
        }
        return EntryDraft(
            kind: .voucher, date: try fields.date("date"), ref: try fields.optionalText("ref", max: Limits.refLengthMax),
            memo: try fields.text("memo", max: Limits.memoLengthMax), postings: postings)
    }

    /// Money must be a JSON string: JSON numbers are binary floating point, not exact.
    static func moneyText(_ fields: JSONFields, _ name: String) throws -> String {
        if case .number? = fields.object[name] {
            throw InputError("\(fields.context): \(name) must be a string such as \"1500.00\" (JSON numbers are not exact)")
        }
        return try fields.string(name)
    }

    static func posting(
        account: String, amount: String, currency: String?, value: String?, fundCurrency: Currency, context: String
    ) throws -> Posting {
        do {
            let code = try AccountCode(account)
            let postingCurrency = try currency.map { try Currency(code: $0) } ?? fundCurrency
            let amount = try Amount(parsing: amount, currency: postingCurrency, mode: .input)
            let valueAmount: Amount
            if let value {
                valueAmount = try Amount(parsing: value, currency: fundCurrency, mode: .input)
            } else if postingCurrency == fundCurrency {
                valueAmount = amount
            } else {
                throw InputError("value is needed for a \(postingCurrency) posting: its \(fundCurrency) value at the rate used")
            }
            return Posting(account: code, amount: amount, value: valueAmount)
        } catch let error as InputError {
            throw InputError("\(context): \(error.message)")
        } catch {
            throw InputError("\(context): \(error)")
        }
    }

    /// `ACCOUNT:AMOUNT[:CURRENCY[:VALUE]]` from `--posting`.
    static func posting(flag: String, fundCurrency: Currency, index: Int) throws -> Posting {
        let parts = flag.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard (2...4).contains(parts.count) else {
            throw InputError("--posting \(flag): write ACCOUNT:AMOUNT[:CURRENCY[:VALUE]], e.g. 1100:1500.00 or 1100:1000.00:EUR:1086.96")
        }
        return try posting(
            account: parts[0], amount: parts[1], currency: parts.count > 2 ? parts[2] : nil,
            value: parts.count > 3 ? parts[3] : nil, fundCurrency: fundCurrency, context: "--posting \(index + 1) (\(flag))")
    }
}

/// Drafts from a JSON Lines file (one voucher per line; blank lines skipped), for `vtf import`.
/// Lines are read in blocks and parsed on every core.
struct VoucherLines: DraftSource {
    static let blockSize = 1024

    let path: String
    let fundCurrency: Currency
    private var reader: LineReader
    private var ready: [Result<(draft: EntryDraft, origin: String), InputError>] = []
    private var readyIndex = 0

    init(path: String, fundCurrency: Currency) throws {
        self.path = path
        self.fundCurrency = fundCurrency
        self.reader = try LineReader(path: path)
    }

    mutating func next() throws -> (draft: EntryDraft, origin: String)? {
        if readyIndex == ready.count {
            try readBlock()
            if ready.isEmpty { return nil }
        }
        defer { readyIndex += 1 }
        return try ready[readyIndex].get()
    }

    private mutating func readBlock() throws {
        var lines: [(line: [UInt8], number: UInt64)] = []
        while lines.count < Self.blockSize, let line = try reader.next() {
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            lines.append((line, reader.lineNumber))
        }
        let slots = ParallelSlots<Result<(draft: EntryDraft, origin: String), InputError>>(count: lines.count)
        let (path, currency) = (path, fundCurrency)
        Parallel.forEachChunk(count: lines.count, chunks: lines.count >= 64 ? Parallel.coreCount : 1) { _, range in
            for index in range {
                slots[index] = Self.parse(lines[index].line, origin: "\(path) line \(lines[index].number)", fundCurrency: currency)
            }
        }
        ready = (0..<lines.count).map { index in
            guard let result = slots[index] else { preconditionFailure("every line was parsed") }
            return result
        }
        readyIndex = 0
    }

    static func parse(_ line: [UInt8], origin: String, fundCurrency: Currency) -> Result<(draft: EntryDraft, origin: String), InputError> {
        do {
            let json: JSONValue
            do { json = try JSONParser.parse(line) } catch {
                throw InputError("\(origin): not valid JSON: \(error)")
            }
            return .success((try VoucherInput.draft(json: json, fundCurrency: fundCurrency, context: origin), origin))
        } catch let error as InputError {
            return .failure(error)
        } catch {
            return .failure(InputError("\(error)"))
        }
    }
}

