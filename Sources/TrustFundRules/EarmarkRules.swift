import LedgerJournal
import CanonicalJSON
import LedgerCore

/// Earmarked contributions tracked to spending (IPSAS 23; FUND-RULES.md, "Earmarks"). An
/// agreement signed with an `earmark` makes its revenue restricted to that purpose; a grant
/// awarded with the same `earmark` spends it. At the year close, per earmark, the restricted
/// revenue recognised in the year less the spending charged to it in the year moves between
/// accumulated surplus – earmarked (3200) and – unearmarked (3100), never taking the restricted
/// balance below zero: spending beyond it is unrestricted. The record `earmark`/NAME keeps the
/// restricted balance and each closed year's figures, all in the fund currency:
/// `{"balance", "years": [{"year", "opening", "revenue", "spending", "closing"}]}`.
enum EarmarkRules {
    static let collection = "earmark"

    /// The earmarks of the agreements signed so far.
    static func known(_ state: any LedgerStateReading) throws -> Set<String> {
        var earmarks: Set<String> = []
        for record in try state.records("agreement") {
            if let earmark = try AgreementRecord(record).earmark { earmarks.insert(earmark) }
        }
        return earmarks
    }

    /// Refuses a grant earmark that no signed agreement carries.
    static func checkGrantEarmark(_ earmark: String, _ context: FundContext) throws {
        let known = try known(context.state)
        guard known.contains(earmark) else {
            let list = known.isEmpty ? "no agreement carries one yet" : "the agreements' earmarks are: \(known.sorted().joined(separator: ", "))"
            throw context.refuse(.notFound, "earmark \"\(earmark)\" is not the earmark of any signed agreement (\(list)); sign the agreement first or name one of them")
        }
    }

    /// An earmarked agreement's recognition of deferred revenue (`agreement.recognise`) noted in
    /// its record as `recognised: [{"year", "value"}]`, so that the close finds the year's
    /// restricted revenue; other agreements are left as they are.
    static func noteRecognised(_ value: Amount, year: Int, in fields: inout JSONObject) {
        guard fields["earmark"]?.stringValue != nil else { return }
        var list = fields["recognised"]?.arrayValue ?? []
        list.append(.object(["year": .integer(Int64(year)), "value": .string(value.decimalString)]))
        fields["recognised"] = .array(list)
    }

    /// One earmark's figures for the year being closed.
    struct Year {
        var opening: Amount
        var revenue: Amount
        var spending: Amount
        /// opening + revenue − spending, but never below zero.
        var closing: Amount
    }

    /// Per earmark (sorted), the figures of `year`, from the agreement and grant records.
    static func figures(year: Int64, _ context: FundContext) throws -> [(name: String, year: Year)] {
        let fund = context.fundCurrency
        let zero = Amount.zero(fund)
        var revenue: [String: Amount] = [:]
        for record in try context.state.records("agreement") {
            let agreement = try AgreementRecord(record)
            guard let name = agreement.earmark else { continue }
            var sum = revenue[name] ?? zero
            if !agreement.conditional, agreement.date.description.hasPrefix("\(year)-") {
                sum = try sum.plus(try Amount.stored(agreement.value, fund))
            }
            for item in agreement.recognised where item.year == year {
                sum = try sum.plus(try Amount.stored(item.value, fund))
            }
            revenue[name] = sum
        }
        var spending: [String: Amount] = [:]
        for record in try context.state.records("grant") {
            let grant = try GrantRecord(record)
            guard let name = grant.earmark else { continue }
            var sum = spending[name] ?? zero
            for item in grant.reported where item.year == year {
                sum = try sum.plus(try Amount.stored(item.spent, fund))
                sum = try sum.plus(try Amount.stored(item.psc, fund))
            }
            spending[name] = sum
        }
        var names = Set(revenue.keys).union(spending.keys)
        for record in try context.state.records(collection) { names.insert(record.id) }
        return try names.sorted().map { name in
            let kept = try context.state.record(collection, name).map { (record) throws(RuleViolation) in try RecordFields(record, collection) }
            let opening = try Amount.stored(try kept?.string("balance") ?? zero.decimalString, fund)
            let income = revenue[name] ?? zero
            let spent = spending[name] ?? zero
            let left = try opening.plus(income).minus(spent)
            return (name, Year(opening: opening, revenue: income, spending: spent, closing: left.isNegative ? zero : left))
        }
    }

    /// Posts each earmark's movement of the year to 3200 and records its balance; returns the
    /// value posted to 3200 (negative: a credit, restricted net assets grew).
    static func close(_ context: FundContext, into outcome: inout FundOutcome) throws -> Amount {
        let fund = context.fundCurrency
        let year = Int64(context.date.year)
        var posted = Amount.zero(fund)
        for (name, figures) in try figures(year: year, context) {
            posted = try posted.minus(try figures.closing.minus(figures.opening))
            var years = try context.state.record(collection, name).map { (record) throws(RuleViolation) in try RecordFields(record, collection).array("years") } ?? []
            years.append(.object([
                "year": .integer(year), "opening": .string(figures.opening.decimalString),
                "revenue": .string(figures.revenue.decimalString), "spending": .string(figures.spending.decimalString),
                "closing": .string(figures.closing.decimalString),
            ]))
            outcome.put(collection, name, seq: context.seq, ["balance": .string(figures.closing.decimalString), "years": .array(years)])
        }
        outcome.post(FundChart.earmarked, posted, value: posted)
        return posted
    }
}
