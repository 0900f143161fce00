import LedgerCore

/// Turns one booked `Ntry` into a ``BankLine``.
struct CamtEntryBuilder {
    let statement: CamtStatementBuilder
    let entry: CamtEntryDraft
    let currency: Currency

    func line() throws(StatementError) -> BankLine {
        let amount = try signedAmount()
        let booking = try date(entry.bookingDate ?? entry.valueDate, name: "BookgDt")
        let value = try entry.valueDate.map { (field) throws(StatementError) in try date(field, name: "ValDt") } ?? booking
        let details = entry.transactions
        let endToEndIDs = Self.distinct(details.compactMap(\.endToEndID).filter { $0 != "NOTPROVIDED" && !$0.isEmpty })
        let credit = amount.minorUnits >= 0
        let party = details.first { (credit ? $0.debtorName : $0.creditorName) != nil }
        let account = details.first { (credit ? $0.debtorAccount : $0.creditorAccount) != nil }
        let texts = details.flatMap(\.unstructured) + entry.additionalInfo
        return BankLine(
            bankID: Self.nonEmpty(entry.accountServicerReference) ?? Self.nonEmpty(entry.entryReference),
            amount: amount, bookingDate: booking, valueDate: value,
            endToEndID: endToEndIDs.count == 1 ? endToEndIDs.first : nil,
            references: Self.distinct((endToEndIDs.count > 1 ? endToEndIDs : []) + details.flatMap(\.references)),
            counterparty: credit ? party?.debtorName : party?.creditorName,
            counterpartyAccount: credit ? account?.debtorAccount : account?.creditorAccount,
            text: StatementLimits.capped(texts.filter { !$0.isEmpty }.joined(separator: " ")), transactionCode: transactionCode(),
            batchCount: try batchCount(), isReversal: entry.reversal == "true" || entry.reversal == "1",
            sourceLine: entry.line)
    }

    private func signedAmount() throws(StatementError) -> Amount {
        guard let field = entry.amount else { throw statement.fail(entry.line, "Ntry has no Amt") }
        guard entry.currency == currency.code else {
            let given = entry.currency ?? "none"
            throw statement.fail(field.line, "Ntry amount currency \(quoted(given)) is not the statement's \(currency.code)")
        }
        do throws(FieldIssue) {
            let magnitude = try DecimalStyle.xml.amount(field.text, currency: currency)
            let debit = try Self.isDebit(entry.creditDebit?.text)
            return debit ? Amount(minorUnits: -magnitude.minorUnits, currency: currency) : magnitude
        } catch {
            throw statement.fail(field.line, "Ntry: \(error.reason)")
        }
    }

    private func date(_ field: CamtField?, name: String) throws(StatementError) -> LedgerDate {
        guard let field else { throw statement.fail(entry.line, "Ntry has neither BookgDt nor ValDt") }
        do throws(FieldIssue) { return try Self.date(field.text) } catch {
            throw statement.fail(field.line, "\(name): \(error.reason)")
        }
    }

    /// `Domn/Cd/Fmly/Cd/SubFmlyCd` as `PMNT/RCDT/ESCT`, else the proprietary code.
    private func transactionCode() -> String? {
        if let domain = entry.domain, let family = entry.family, let sub = entry.subFamily {
            return "\(domain)/\(family)/\(sub)"
        }
        return Self.nonEmpty(entry.proprietaryCode)
    }

    /// `Btch/NbOfTxs`, else the number of `TxDtls`, when more than one.
    private func batchCount() throws(StatementError) -> Int? {
        if let field = entry.batchCount {
            guard let count = Int(field.text), count >= 0 else {
                throw statement.fail(field.line, "NbOfTxs \(quoted(field.text)) is not a count")
            }
            return count > 1 ? count : nil
        }
        return entry.transactionCount > 1 ? entry.transactionCount : nil
    }

    /// Whether `indicator` is DBIT (CRDT is a credit; anything else is an error).
    static func isDebit(_ indicator: String?) throws(FieldIssue) -> Bool {
        switch indicator {
        case "DBIT": return true
        case "CRDT": return false
        default: throw FieldIssue("CdtDbtInd \(quoted(indicator ?? "none")) is not CRDT or DBIT")
        }
    }

    /// An ISO date, or the date part of an ISO date-time (`2014-12-31T13:15:00+01:00`).
    static func date(_ text: String) throws(FieldIssue) -> LedgerDate {
        do { return try LedgerDate(parsing: String(text.prefix(10))) } catch {
            throw FieldIssue("date \(quoted(text)) is not YYYY-MM-DD")
        }
    }

    static func nonEmpty(_ text: String?) -> String? { text?.isEmpty == false ? text : nil }

    static func distinct(_ values: [String]) -> [String] {
        var seen: Set<String> = []
        return values.filter { seen.insert($0).inserted }
    }
}
