import LedgerJournal
import CanonicalJSON
import LedgerCore

/// The grant cycle after the award: Board recommendations, partners' reports, refunds, closure.
/// (Awards and payments are controlled actions: see ``ActionRules``.)
enum GrantRules {
    /// `grant.recommend` (ref = the recommendation): `{"grantee", "grantee_name", "amount"?,
    /// "cycle"?, "session"?}`. The Board of Trustees advises; nothing is posted.
    static func recommend(_ context: FundContext) throws -> FundOutcome {
        let data = try context.decode(GrantRecommendation.self)
        guard let ref = context.body.ref else { throw context.refuse(.missingField, "a recommendation needs a ref") }
        try FundIDs.check(data.grantee, what: "grantee", seq: context.seq)
        try context.checkText(data.granteeName, "grantee_name", max: Limits.nameLengthMax)
        if let amount = data.amount { try context.positive(amount, "amount") }
        if let cycle = data.cycle { try context.checkText(cycle, "cycle", max: Limits.nameLengthMax) }
        if let session = data.session { try context.checkText(session, "session", max: Limits.nameLengthMax) }
        var fields = EntryData.object(data)
        fields["date"] = .string(context.date.description)
        var outcome = FundOutcome()
        outcome.put("recommendation", ref, seq: context.seq, fields)
        return outcome
    }

    /// The members of a `grant.award` that may be published (IATI, the public site), checked in
    /// this one place for every way an award comes in: `country` an assigned ISO 3166-1 alpha-2
    /// code in upper case; `sector` an OECD DAC CRS purpose code, exactly 5 ASCII digits;
    /// `public_name` a name like `grantee_name` (length cap, no control characters).
    static func checkPublication(_ award: AwardParams, _ context: FundContext) throws {
        if let country = award.country { try SetupRules.checkCountry(country, field: "country", context) }
        if let sector = award.sector {
            let digits = sector.utf8.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
            guard sector.utf8.count == 5, digits else {
                throw context.refuse(.badField, "sector \"\(sector)\" is not an OECD DAC CRS purpose code: exactly 5 digits (e.g. 15180 ending violence against women and girls, 15190 migration, 16010 social protection)")
            }
        }
        if let publicName = award.publicName { try context.checkText(publicName, "public_name", max: Limits.nameLengthMax) }
    }

    /// `grant.report`: `{"grant", "spent"}`. The partner's accepted financial report: Dr 5100,
    /// Cr 1300.GRANT; and programme support costs at the rate in force on the report's date:
    /// Dr 5200, Cr 1100. The grant's `reported` list keeps what was spent and charged per year
    /// and rate, so that a later refund of it reverses the PSC at the rate that charged it.
    static func report(_ context: FundContext) throws -> FundOutcome {
        let data = try context.decode(GrantReportData.self)
        var grant = try Grant(context, data.grant)
        let spent = try context.positive(data.spent, "spent")
        let advances = try FundChart.advances.sub(grant.id)
        let open = try FundMoney.balance(advances, context.fundCurrency, context).amount
        guard spent.minorUnits <= open.minorUnits else {
            throw context.refuse(.fundsUnavailable, "grant \(grant.id) reports \(spent.decimalString) spent, more than the \(open.decimalString) advanced and not yet reported")
        }
        let psc = try FundSettings.applying(try FundSettings.percent("psc_rate", context), to: spent)
        var outcome = FundOutcome()
        outcome.post(FundChart.grantExpense, spent, value: spent)
        outcome.post(advances, try spent.negative(), value: try spent.negative())
        outcome.post(FundChart.psc, psc, value: psc)
        outcome.post(FundChart.cash, try psc.negative(), value: try psc.negative())
        grant.set("spent", try grant.amount("spent").plus(spent))
        grant.set("psc", try grant.amount("psc").plus(psc))
        var reported = try Reported(grant, context)
        try reported.add(year: Int64(context.date.year), rate: try FundSettings.percent("psc_rate", context), spent: spent, psc: psc)
        grant.fields["reported"] = reported.json
        outcome.put("grant", grant.id, seq: context.seq, grant.fields)
        return outcome
    }

    /// `grant.refund` (ref = the bank reference): `{"grant", "amount"}`. Money comes back:
    /// Dr 1100, Cr 1300.GRANT up to what is still advanced. Any more was reported as spent, and
    /// is taken off the latest reported spending first (FUND-RULES.md, "Refunds from partners"):
    /// spending reported in the refund's own year is reduced (Cr 5100) with the PSC charged on it
    /// at the rate that charged it (Dr 1100, Cr 5200); spending of an earlier year (closed, or
    /// to be closed, into 3100) comes back as prior-period revenue, its PSC too (Dr 1100, Cr 4300). The grant's spent and PSC are reduced by what the refund returns.
    static func refund(_ context: FundContext) throws -> FundOutcome {
        let data = try context.decode(GrantRefundData.self)
        guard context.body.ref != nil else { throw context.refuse(.missingField, "a refund needs its bank reference as ref") }
        var grant = try Grant(context, data.grant)
        let amount = try context.positive(data.amount, "amount")
        let advances = try FundChart.advances.sub(grant.id)
        let open = try FundMoney.balance(advances, context.fundCurrency, context).amount
        let toAdvance = amount.minorUnits <= open.minorUnits ? amount : open
        let excess = try amount.minus(toAdvance)
        // What comes back in all may not exceed what was paid (each refund beyond the open
        // advance reverses expense still reported, and only once).
        let refunded = try grant.amount("refunded")
        let spent = try grant.amount("spent")
        let paid = try grant.amount("paid")
        guard excess.minorUnits <= spent.minorUnits, try refunded.plus(amount).minorUnits <= paid.minorUnits else {
            throw context.refuse(.fundsUnavailable, "grant \(grant.id) was paid \(paid.decimalString) and has refunded \(refunded.decimalString); a refund of \(amount.decimalString) more is beyond that")
        }
        var reported = try Reported(grant, context)
        let back = try reported.take(excess, year: Int64(context.date.year), context)
        var outcome = FundOutcome()
        outcome.post(FundChart.cash, amount, value: amount)
        outcome.post(advances, try toAdvance.negative(), value: try toAdvance.negative())
        outcome.post(FundChart.grantExpense, try back.spentThisYear.negative(), value: try back.spentThisYear.negative())
        outcome.post(FundChart.granteeRefunds, try back.spentEarlier.negative(), value: try back.spentEarlier.negative())
        let pscBack = try back.pscThisYear.plus(back.pscEarlier)
        outcome.post(FundChart.cash, pscBack, value: pscBack)
        outcome.post(FundChart.psc, try back.pscThisYear.negative(), value: try back.pscThisYear.negative())
        outcome.post(FundChart.granteeRefunds, try back.pscEarlier.negative(), value: try back.pscEarlier.negative())
        grant.set("refunded", try refunded.plus(amount))
        if !excess.isZero {
            grant.set("spent", try spent.minus(excess))
            grant.set("psc", try grant.amount("psc").minus(pscBack))
            grant.fields["reported"] = reported.json
        }
        outcome.put("grant", grant.id, seq: context.seq, grant.fields)
        return outcome
    }

    /// `grant.close`: `{"grant"}`. Every advance is reported or refunded; the commitment not
    /// paid is released (Dr 9900, Cr 9200.GRANT).
    static func close(_ context: FundContext) throws -> FundOutcome {
        var grant = try Grant(context, try context.decode(GrantClosure.self).grant)
        guard grant.status == .open else { throw context.refuse(.wrongState, "grant \(grant.id) is already \(grant.status)") }
        guard try grant.amount("pending").isZero else {
            throw context.refuse(.wrongState, "grant \(grant.id) has a payment waiting for approval; approve or reject it first")
        }
        let open = try FundMoney.balance(try FundChart.advances.sub(grant.id), context.fundCurrency, context).amount
        guard open.isZero else {
            throw context.refuse(.wrongState, "grant \(grant.id) still has \(open.decimalString) advanced; record the partner's report (vtf grant report) or its refund first")
        }
        var outcome = FundOutcome()
        let commitment = try FundChart.commitments.sub(grant.id)
        let remaining = try FundMoney.balance(commitment, context.fundCurrency, context).amount
        outcome.post(FundChart.memoContra, remaining, value: remaining)
        outcome.post(commitment, try remaining.negative(), value: try remaining.negative())
        grant.set(.closed)
        grant.fields["closed"] = .string(context.date.description)
        outcome.put("grant", grant.id, seq: context.seq, grant.fields)
        return outcome
    }
}

/// What a grant's partner reported as spent and the PSC charged on it, per year and PSC rate,
/// net of refunds, in the order reported: the grant record's `reported` list,
/// `[{"year", "rate", "spent", "psc"}]`.
struct Reported {
    struct Part {
        var year: Int64
        var rate: Decimal64
        var spent: Amount
        var psc: Amount
    }

    /// What one refund takes back: spending and its PSC, of the refund's year and of earlier ones.
    struct Back {
        var spentThisYear: Amount
        var pscThisYear: Amount
        var spentEarlier: Amount
        var pscEarlier: Amount
    }

    var parts: [Part] = []

    init(_ grant: Grant, _ context: FundContext) throws {
        for item in grant.record.reported {
            guard let rateValue = try? Decimal64(parsing: item.rate) else {
                throw context.refuse(.damagedState, "grant \(grant.id) holds a malformed reported list; run vtf verify (the derived tables may have been edited)")
            }
            parts.append(Part(
                year: item.year, rate: rateValue, spent: try Amount.stored(item.spent, grant.currency),
                psc: try Amount.stored(item.psc, grant.currency)))
        }
    }

    mutating func add(year: Int64, rate: Decimal64, spent: Amount, psc: Amount) throws {
        if let last = parts.indices.last, parts[last].year == year, parts[last].rate == rate {
            parts[last].spent = try parts[last].spent.plus(spent)
            parts[last].psc = try parts[last].psc.plus(psc)
        } else {
            parts.append(Part(year: year, rate: rate, spent: spent, psc: psc))
        }
    }

    /// Takes `amount` off the latest spending first; the PSC returned with each part is its
    /// rate × the part taken (half to even), never more than what that part still holds, and
    /// all of it once the part is refunded in full.
    mutating func take(_ amount: Amount, year: Int64, _ context: FundContext) throws -> Back {
        let zero = Amount.zero(amount.currency)
        var back = Back(spentThisYear: zero, pscThisYear: zero, spentEarlier: zero, pscEarlier: zero)
        var left = amount
        for index in parts.indices.reversed() where !left.isZero {
            let part = parts[index]
            let taken = left.minorUnits <= part.spent.minorUnits ? left : part.spent
            guard !taken.isZero else { continue }
            var psc = taken == part.spent ? part.psc : try FundSettings.applying(part.rate, to: taken)
            if psc.minorUnits > part.psc.minorUnits { psc = part.psc }
            parts[index].spent = try part.spent.minus(taken)
            parts[index].psc = try part.psc.minus(psc)
            left = try left.minus(taken)
            if part.year == year {
                back.spentThisYear = try back.spentThisYear.plus(taken)
                back.pscThisYear = try back.pscThisYear.plus(psc)
            } else {
                back.spentEarlier = try back.spentEarlier.plus(taken)
                back.pscEarlier = try back.pscEarlier.plus(psc)
            }
        }
        guard left.isZero else {
            throw context.refuse(.damagedState, "the grant's reported spending does not cover a refund of \(amount.decimalString) beyond the advance; run vtf verify")
        }
        return back
    }

    var json: JSONValue {
        .array(parts.map { part in
            .object([
                "year": .integer(part.year), "rate": .string(part.rate.description),
                "spent": .string(part.spent.decimalString), "psc": .string(part.psc.decimalString),
            ])
        })
    }
}
