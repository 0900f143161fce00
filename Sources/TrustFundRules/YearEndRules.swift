import LedgerJournal
import CanonicalJSON
import LedgerCore

/// The year-end close, a two-person action on every fund ledger: the fund manager requests it
/// (`approval.request`, action `year.close`, `{"year"}`, dated 31 December), a certifying officer
/// certifies it, and an approving officer — neither the requester nor the certifier — approves it
/// with a `year.close` entry `{"year", "request"}` that carries the close's postings. A year can be
/// closed only after it has ended (the entries' recording `time` is in a later year) and only
/// when the year before is closed, or holds no posting.
enum YearEndRules {
    /// `approval.request` with action `year.close`: `{"action", "year"}`.
    static func request(_ context: FundContext, ref: String) throws {
        let year = try self.year(try context.decode(ActionRequest<YearCloseParams>.self).params.year, context)
        try checkDated(year, context)
        for stored in try context.state.records("request") where stored.id != ref {
            let other = try RequestRecord(stored)
            guard other.requestAction == .yearClose else { continue }
            let status = other.status
            if status.isOpen {
                throw context.refuse(.alreadyRecorded, "the close of \(other.params["year"]?.integerValue ?? 0) is already requested (\(other.ref), \(status)); approve or reject it first")
            }
        }
        try checkClosable(year, context, request: ref)
    }

    /// `year.close` (ref = the year): `{"year", "request"}`, the approving officer's decision on a
    /// certified close request, dated as the request. Every revenue and expense balance is closed
    /// into accumulated surplus (3100), per currency; from then on, entries dated in that year
    /// or before are refused.
    static func close(_ context: FundContext) throws -> FundOutcome {
        let data = try context.decode(YearCloseData.self)
        let year = try self.year(data.year, context)
        guard data.request != nil else {
            throw context.refuse(.twoPerson, "closing \(year) is a two-person action: the fund manager requests it (vtf year close \(year)), a certifying officer certifies it and an approving officer approves it (vtf approve REF)")
        }
        var request = try Request(context, ref: data.request ?? "")
        guard request.action == "year.close", try request.params(context).integer("year") == year else {
            throw context.refuse(.badField, "request \(request.ref) is not a request to close \(year)")
        }
        guard request.status == .certified else {
            let why = request.status == .requested ? "it must be certified first (vtf certify \(request.ref))" : "it is \(request.status)"
            throw context.refuse(.wrongState, "request \(request.ref) cannot be approved: \(why)")
        }
        try ApprovalRules.checkApprover(request, context)
        try checkDated(year, context)
        guard context.date.description == request.date else {
            throw context.refuse(.wrongDate, "the approval of \(request.ref) must carry the request's date \(request.date), not \(context.date)")
        }
        try checkClosable(year, context, request: request.ref)
        var outcome = try closingPostings(context)
        request.set(.approved)
        request.fields["approver"] = .string(context.signer.record.holder)
        request.fields["approved_seq"] = .integer(Int64(context.seq))
        outcome.put("request", request.ref, seq: context.seq, request.fields)
        outcome.put("fund", "closed", seq: context.seq, ["through": .string(context.date.description), "year": .integer(year)])
        outcome.reversible = false
        return outcome
    }

    /// What the certifying officer confirms, and the approval checks again.
    static func checkCertifiable(_ request: Request, _ context: FundContext) throws {
        try checkClosable(try request.params(context).integer("year"), context, request: request.ref)
    }

    static func year(_ year: Int64, _ context: FundContext) throws -> Int64 {
        guard (1970...9998).contains(year) else { throw context.refuse(.badField, "year \(year) is not a year vtf can close (1970...9998)") }
        return year
    }

    /// A close and its request are dated 31 December of the year they close.
    static func checkDated(_ year: Int64, _ context: FundContext) throws {
        guard Int64(context.date.year) == year, context.date.month == 12, context.date.day == 31 else {
            throw context.refuse(.wrongDate, "closing \(year) must be dated \(year)-12-31")
        }
    }

    /// Refuses to close `year` before it has ended, twice, out of order, or while a request
    /// dated in it (other than the close's own, `request`) still waits.
    static func checkClosable(_ year: Int64, _ context: FundContext, request: String) throws {
        let yearEnd = "\(year)-12-31"
        // The signed recording time, which the verifier reads too: "YYYY-MM-DD…", validated.
        guard context.body.time.prefix(10) > yearEnd else {
            throw context.refuse(.wrongDate, "\(year) has not ended: it can be closed from \(year + 1)-01-01, not at \(context.body.time)")
        }
        let closed = try FundSettings.closedThrough(context.state)
        if let closed, closed.date >= yearEnd { throw context.refuse(.closedYear, "\(year) is already closed") }
        if let closed {
            let next = (Int64(closed.year) ?? 0) + 1
            guard next == year else { throw context.refuse(.closedYear, "close \(next) first: years are closed in order, and \(closed.year) is the last one closed") }
        } else if let first = try context.state.firstPostingDate(), Int64(first.year) < year {
            throw context.refuse(.closedYear, "close \(first.year) first: years are closed in order, from the first year with postings (the earliest is dated \(first))")
        }
        for stored in try context.state.records("request") where stored.id != request {
            let other = try RequestRecord(stored)
            let status = other.status
            guard status.isOpen else { continue }
            let date = other.date.description
            if date <= yearEnd {
                throw context.refuse(.wrongState, "request \(other.ref) dated \(date) is still \(status); approve or reject it before closing \(year)")
            }
        }
    }

    /// Every revenue and expense line negated; their net goes to net assets in the fund currency
    /// only (FUND-RULES.md, "Year-end close"). Each other currency's net (Σ amount, Σ value)
    /// closes through 1190 (currency conversion): 1190 takes it in that currency at its carrying
    /// value and gives the same value back in the fund currency, so 1190's values still net to
    /// zero and no FX arises. Net assets receive the total value: the part restricted by
    /// earmarks goes to 3200 (``EarmarkRules``), the rest to 3100.
    static func closingPostings(_ context: FundContext) throws -> FundOutcome {
        var outcome = FundOutcome()
        let fund = context.fundCurrency
        var toSurplus: [Currency: (amount: Amount, value: Amount)] = [:]
        for account in FundChart.accounts where account.type == .revenue || account.type == .expense {
            // As of the close's date: an entry dated in the next year (an accrual's reversal on
            // 1 January) belongs to that year, whenever it was recorded.
            for line in try context.state.balanceLines(under: FundChart.code(account.code), asOf: context.date) {
                outcome.post(line.account, try line.amount.negative(), value: try line.value.negative())
                let sum = toSurplus[line.amount.currency] ?? (.zero(line.amount.currency), .zero(fund))
                toSurplus[line.amount.currency] = (try sum.amount.plus(line.amount), try sum.value.plus(line.value))
            }
        }
        var total = Amount.zero(fund)
        var converted = Amount.zero(fund)
        for currency in toSurplus.keys.sorted() {
            guard let sum = toSurplus[currency] else { continue }
            total = try total.plus(sum.value)
            guard currency != fund else { continue }
            outcome.post(FundChart.conversion, sum.amount, value: sum.value)
            converted = try converted.plus(sum.value)
        }
        outcome.post(FundChart.conversion, try converted.negative(), value: try converted.negative())
        let restricted = try EarmarkRules.close(context, into: &outcome)
        outcome.post(FundChart.surplus, try total.minus(restricted), value: try total.minus(restricted))
        return outcome
    }
}
