import CanonicalJSON
import LedgerCore

/// The grant cycle after the award: Board recommendations, partners' reports, refunds, closure.
/// (Awards and payments are controlled actions: see ``ActionRules``.)
enum GrantRules {
    /// `grant.recommend` (ref = the recommendation): `{"grantee", "grantee_name", "amount"?,
    /// "cycle"?, "session"?}`. The Board of Trustees advises; nothing is posted.
    static func recommend(_ context: FundContext) throws -> FundOutcome {
        try context.data.allowOnly(["grantee", "grantee_name", "amount", "cycle", "session"])
        guard let ref = context.body.ref else { throw context.refuse("a recommendation needs a ref") }
        _ = try context.identifier("grantee")
        _ = try context.data.text("grantee_name", max: Limits.nameLengthMax)
        if context.data.has("amount") { _ = try context.positiveAmount("amount", context.fundCurrency) }
        _ = try context.data.optionalText("cycle", max: Limits.nameLengthMax)
        _ = try context.data.optionalText("session", max: Limits.nameLengthMax)
        var fields = context.data.object
        fields["date"] = .string(context.date.description)
        var outcome = FundOutcome()
        outcome.put("recommendation", ref, seq: context.seq, fields)
        return outcome
    }

    /// `grant.report`: `{"grant", "spent"}`. The partner's accepted financial report: Dr 5100,
    /// Cr 1300.GRANT; and programme support costs at the rate in force on the report's date:
    /// Dr 5200, Cr 1100.
    static func report(_ context: FundContext) throws -> FundOutcome {
        try context.data.allowOnly(["grant", "spent"])
        var grant = try Grant(context, try context.data.string("grant"))
        let spent = try context.positiveAmount("spent", context.fundCurrency)
        let advances = try FundChart.advances.sub(grant.id)
        let open = try FundMoney.balance(advances, context.fundCurrency, context).amount
        guard spent.minorUnits <= open.minorUnits else {
            throw context.refuse("grant \(grant.id) reports \(spent.decimalString) spent, more than the \(open.decimalString) advanced and not yet reported")
        }
        let psc = try FundSettings.applying(try FundSettings.percent("psc_rate", context), to: spent)
        var outcome = FundOutcome()
        outcome.post(FundChart.grantExpense, spent, value: spent)
        outcome.post(advances, try spent.negative(), value: try spent.negative())
        outcome.post(FundChart.psc, psc, value: psc)
        outcome.post(FundChart.cash, try psc.negative(), value: try psc.negative())
        grant.set("spent", try grant.amount("spent").plus(spent))
        grant.set("psc", try grant.amount("psc").plus(psc))
        outcome.put("grant", grant.id, seq: context.seq, grant.fields)
        return outcome
    }

    /// `grant.refund` (ref = the bank reference): `{"grant", "amount"}`. Unspent money comes
    /// back: Dr 1100, Cr 1300.GRANT up to what is still advanced; any more was expensed in an
    /// earlier report and is revenue (4300).
    static func refund(_ context: FundContext) throws -> FundOutcome {
        try context.data.allowOnly(["grant", "amount"])
        guard context.body.ref != nil else { throw context.refuse("a refund needs its bank reference as ref") }
        var grant = try Grant(context, try context.data.string("grant"))
        let amount = try context.positiveAmount("amount", context.fundCurrency)
        let advances = try FundChart.advances.sub(grant.id)
        let open = try FundMoney.balance(advances, context.fundCurrency, context).amount
        let toAdvance = amount.minorUnits <= open.minorUnits ? amount : open
        let excess = try amount.minus(toAdvance)
        // What comes back in all may not exceed what was paid (each refund beyond the open
        // advance reverses expense already reported, and only once).
        let refunded = try grant.amount("refunded")
        let spent = try grant.amount("spent")
        let paid = try grant.amount("paid")
        guard excess.minorUnits <= spent.minorUnits, try refunded.plus(amount).minorUnits <= paid.minorUnits else {
            throw context.refuse("grant \(grant.id) was paid \(paid.decimalString) and has refunded \(refunded.decimalString); a refund of \(amount.decimalString) more is beyond that")
        }
        var outcome = FundOutcome()
        outcome.post(FundChart.cash, amount, value: amount)
        outcome.post(advances, try toAdvance.negative(), value: try toAdvance.negative())
        outcome.post(FundChart.granteeRefunds, try excess.negative(), value: try excess.negative())
        grant.set("refunded", try grant.amount("refunded").plus(amount))
        outcome.put("grant", grant.id, seq: context.seq, grant.fields)
        return outcome
    }

    /// `grant.close`: `{"grant"}`. Every advance is reported or refunded; the commitment not
    /// paid is released (Dr 9900, Cr 9200.GRANT).
    static func close(_ context: FundContext) throws -> FundOutcome {
        try context.data.allowOnly(["grant"])
        var grant = try Grant(context, try context.data.string("grant"))
        guard grant.status == "open" else { throw context.refuse("grant \(grant.id) is already \(grant.status)") }
        guard try grant.amount("pending").isZero else {
            throw context.refuse("grant \(grant.id) has a payment waiting for approval; approve or reject it first")
        }
        let open = try FundMoney.balance(try FundChart.advances.sub(grant.id), context.fundCurrency, context).amount
        guard open.isZero else {
            throw context.refuse("grant \(grant.id) still has \(open.decimalString) advanced; record the partner's report (vtf grant report) or its refund first")
        }
        var outcome = FundOutcome()
        let commitment = try FundChart.commitments.sub(grant.id)
        let remaining = try FundMoney.balance(commitment, context.fundCurrency, context).amount
        outcome.post(FundChart.memoContra, remaining, value: remaining)
        outcome.post(commitment, try remaining.negative(), value: try remaining.negative())
        grant.fields["status"] = .string("closed")
        grant.fields["closed"] = .string(context.date.description)
        outcome.put("grant", grant.id, seq: context.seq, grant.fields)
        return outcome
    }
}
