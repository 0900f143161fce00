import CanonicalJSON
import LedgerCore

/// `bank.reconcile`: a statement reconciled against an account. The entry is the signed record
/// of what was matched; it posts nothing (bank charges go through an approved request).
///
/// `ref` = `SHA256/ACCOUNT` (so one statement is committed once per account); `data` =
/// `{"statement_sha256", "account", "currency", "from", "to", "closing", "book_balance",
/// "pairs": [{"bank_id"?, "line", "amount", "seqs": [SEQ…], "rule"}], "charges": [REF…]}`.
enum BankReconcileRules {
    static func check(_ body: EntryBody, _ fields: JSONFields, state: some LedgerStateReading) throws -> [LedgerEffect] {
        let at = "entry \(body.seq)"
        try fields.allowOnly(["statement_sha256", "account", "currency", "from", "to", "closing", "book_balance", "pairs", "charges"])
        let hash = try fields.string("statement_sha256")
        guard EntryBody.isLowercaseHex64(hash) else { throw RuleViolation(.badField, "\(at): statement_sha256 must be 64 lowercase hex digits") }
        let account = try fields.accountCode("account")
        guard try state.account(account) != nil else { throw RuleViolation(.unknownAccount, "\(at): account \(account) does not exist") }
        guard body.ref == "\(hash)/\(account)" else {
            throw RuleViolation(.badField, "\(at): a reconciliation's ref is STATEMENT_SHA256/ACCOUNT, \(hash)/\(account)")
        }
        let currency: Currency
        do { currency = try Currency(code: try fields.string("currency")) } catch { throw RuleViolation(.badField, "\(at): currency: \(error)") }
        guard try fields.date("from") <= fields.date("to") else { throw RuleViolation(.wrongDate, "\(at): from is after to") }
        for name in ["closing", "book_balance"] { _ = try amount(fields, name, currency, at: at) }
        for (index, item) in try fields.array("pairs").enumerated() {
            let pair = try JSONFields(item, context: "\(at) pairs[\(index)]")
            try pair.allowOnly(["bank_id", "line", "amount", "seqs", "lines", "rule"])
            _ = try pair.optionalString("bank_id")
            _ = try pair.integer("line")
            _ = try amount(pair, "amount", currency, at: at)
            guard (1...4).contains(try pair.integer("rule")) else { throw RuleViolation(.badField, "\(pair.context): rule must be 1...4") }
            let seqs = try pair.array("seqs")
            guard !seqs.isEmpty else { throw RuleViolation(.badField, "\(pair.context): seqs is empty") }
            for seq in seqs {
                guard let number = seq.integerValue, number >= 0, UInt64(number) < body.seq else {
                    throw RuleViolation(.notFound, "\(pair.context): seqs must name earlier entries")
                }
            }
            if pair.has("lines") {
                let lines = try pair.array("lines")
                guard lines.count == seqs.count, lines.allSatisfy({ ($0.integerValue ?? -1) >= 0 }) else {
                    throw RuleViolation(.badField, "\(pair.context): lines must give one posting index per seq")
                }
            }
        }
        if fields.has("charges") {
            for item in try fields.array("charges") where item.stringValue == nil {
                throw RuleViolation(.badField, "\(at): charges lists request refs (strings)")
            }
        }
        return []
    }

    static func amount(_ fields: JSONFields, _ name: String, _ currency: Currency, at: String) throws -> Amount {
        do { return try Amount(parsing: try fields.string(name), currency: currency, mode: .exact) } catch let violation as RuleViolation {
            throw violation
        } catch { throw RuleViolation(.badField, "\(fields.context): \(name): \(error)") }
    }
}
