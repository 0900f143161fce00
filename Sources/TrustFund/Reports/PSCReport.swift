import CanonicalJSON
public import LedgerCore
import LedgerJournal
import TrustFundRules
import TransparencyLog
import LedgerStore

/// Programme support costs for a period: each accepted grant report (`grant.report`) and each
/// reversal of one, and each approved secretariat cost (5300) and each reversal of one, with its
/// expenditure, the PSC rate in force on the date that charged it and the PSC charged (5200),
/// and a recomputation of rate × expenditure for each entry. The report agrees when every
/// entry's charge equals its recomputation and the total charged equals what 5200 holds for the
/// period.
public struct PSCReport {
    /// One entry that charged PSC: a grant's spending, or a secretariat cost.
    public struct Line: Sendable, Equatable {
        /// The entry's sequence number.
        public let seq: UInt64
        /// The entry's accounting date.
        public let date: LedgerDate
        /// The grant's id; nil for a secretariat cost.
        public let grant: String?
        /// The secretariat cost's request ref (e.g. SEC-2025-01); nil for a grant's spending.
        public let secretariatCost: String?
        /// The entry this line reverses (its figures negated); nil for a grant report.
        public let reverses: UInt64?
        /// The grant expenditure (5100) or secretariat cost (5300) the entry recorded, in the fund
        /// currency; negative for a reversal or refund.
        public let expenditure: Amount
        /// The `psc_rate` setting in force on the date that charged it (a reversed entry's date), percent, as recorded (e.g. "13").
        public let rate: String
        /// The PSC the entry posted to 5200, in the fund currency; negative for a reversal or refund.
        public let charged: Amount
        /// rate × expenditure ÷ 100, half to even.
        public let recomputed: Amount

        /// Whether ``charged`` equals ``recomputed``.
        public var agrees: Bool { charged == recomputed }

        /// The grant or the secretariat cost, for people: `G-2025-01`, `SEC-2025-01 (secretariat)`.
        public var charging: String { grant ?? "\(secretariatCost ?? "") (secretariat)" }

        init(seq: UInt64, date: LedgerDate, grant: String?, secretariatCost: String? = nil, reverses: UInt64?,
             expenditure: Amount, rate: String, charged: Amount, recomputed: Amount) {
            (self.seq, self.date, self.grant, self.secretariatCost, self.reverses) = (seq, date, grant, secretariatCost, reverses)
            (self.expenditure, self.rate, self.charged, self.recomputed) = (expenditure, rate, charged, recomputed)
        }
    }

    /// The fund and the period.
    public let heading: ReportHeading
    /// One line per entry that recorded spending or PSC in the period, in entry order.
    public let lines: [Line]
    /// Σ expenditure of the lines.
    public let totalExpenditure: Amount
    /// Σ PSC charged by the lines.
    public let totalCharged: Amount
    /// Σ recomputed PSC of the lines.
    public let totalRecomputed: Amount
    /// Σ 5200 on the statement of financial performance for the same period.
    public let ledgerPSC: Amount

    /// Whether every entry's charge equals its recomputation.
    public var entriesAgree: Bool { lines.allSatisfy(\.agrees) }
    /// Whether the total charged by the entries listed equals what 5200 holds for the period.
    public var ledgerAgrees: Bool { totalCharged == ledgerPSC }
    /// Whether both hold: every entry agrees and the total is what 5200 holds.
    public var agrees: Bool { entriesAgree && ledgerAgrees }

    /// Reads the grant movements (``GrantPositions``) dated in the basis's period that record
    /// spending or PSC: accepted grant reports, and the reversals of them (negative lines); then
    /// the approved secretariat costs and their reversals; all in entry order.
    public init(_ basis: ReportBasis) throws {
        heading = basis.heading
        let rates = try basis.records("setting.psc_rate")
        let movements = try GrantPositions(basis.ledger, currency: basis.currency).movements(from: basis.from, through: basis.asOf)
        let refunds = try Self.refundCharges(basis, rates: rates)
        let grantLines = try movements.filter { !$0.spent.isZero || !$0.psc.isZero }.compactMap { movement -> Line? in
            if movement.kind == .grantRefund, movement.reverses == nil, let back = refunds[movement.seq] {
                if back.spent.isZero, back.charged.isZero { return nil }
                // Only what the refund returned of its own year's spending is in 5100 and 5200.
                return Line(seq: movement.seq, date: movement.date, grant: movement.grant, reverses: nil, expenditure: try back.spent.negated(),
                            rate: back.rates, charged: back.charged, recomputed: try back.psc.negated())
            }
            if let target = movement.reverses, let back = refunds[target] {
                // A reversed refund: its own line negated (what it returned to 4300 for an
                // earlier year's spending was never in 5200).
                if back.spent.isZero, back.charged.isZero { return nil }
                return Line(seq: movement.seq, date: movement.date, grant: movement.grant, reverses: target, expenditure: back.spent,
                            rate: back.rates, charged: try back.charged.negated(), recomputed: back.psc)
            }
            let rate = Self.rate(rates, on: movement.chargedOn)
            return Line(seq: movement.seq, date: movement.date, grant: movement.grant, reverses: movement.reverses, expenditure: movement.spent,
                        rate: rate, charged: movement.psc, recomputed: try Money.percent(try Decimal64(parsing: rate), of: movement.spent))
        }
        lines = (grantLines + (try Self.secretariatLines(basis, rates: rates))).sorted { $0.seq < $1.seq }
        totalExpenditure = try Money.sum(lines.map(\.expenditure), basis.currency)
        totalCharged = try Money.sum(lines.map(\.charged), basis.currency)
        totalRecomputed = try Money.sum(lines.map(\.recomputed), basis.currency)
        let period = try basis.ledger.postingTotals(from: basis.from, through: basis.asOf, excluding: [.yearClose])
        ledgerPSC = try BalanceSet(rows: period, currency: basis.currency).debit(under: FundChart.psc)
    }

    /// The `psc_rate` setting in force on `date`, as recorded (percent), from its records by
    /// effective date; "0" before the first.
    static func rate(_ rates: [StateRecord], on date: LedgerDate) -> String {
        rates.last { $0.id <= date.description }?.text("value") ?? "0"
    }

    /// The approved secretariat costs dated in the period (an `approval.approve` posting to 5300)
    /// and the approved reversals of them (negative; a reversal of a reversal positive again):
    /// the cost, the PSC posted to 5200 and the rate in force on the request's date, which is the
    /// date the approval charges PSC at (FUND-RULES.md, "Secretariat costs").
    static func secretariatLines(_ basis: ReportBasis, rates: [StateRecord]) throws -> [Line] {
        let requests = try basis.ledger.entries(ofKinds: [FundKind.approvalRequest.entryKind])
        let requestDates = Dictionary(requests.compactMap { entry in entry.ref.map { ($0, entry.date) } }, uniquingKeysWith: { first, _ in first })
        return try basis.ledger.entries(posting: FundChart.secretariat, from: basis.from, through: basis.asOf).compactMap { moving -> Line? in
            let approval = moving.origin
            guard approval.kind == FundKind.approvalApprove.entryKind, let ref = approval.data["request"]?.stringValue else { return nil }
            let sign: Int64 = moving.chain.count % 2 == 1 ? 1 : -1
            func sum(_ account: AccountCode) throws -> Amount {
                let total = try Money.sum(approval.postings.filter { $0.account.isWithin(account) }.map(\.value), basis.currency)
                return sign == 1 ? total : try total.negated()
            }
            let cost = try sum(FundChart.secretariat)
            let chargedOn = requestDates[ref] ?? approval.date
            let rate = Self.rate(rates, on: chargedOn)
            return Line(seq: moving.entry.seq, date: moving.entry.date, grant: nil, secretariatCost: ref,
                        reverses: moving.chain.count > 1 ? moving.chain[1].seq : nil, expenditure: cost, rate: rate,
                        charged: try sum(FundChart.psc), recomputed: try Money.percent(try Decimal64(parsing: rate), of: cost))
        }
    }

    /// What each partner's refund returned of its own year's reported spending, recomputed at
    /// the rates that charged it (FUND-RULES.md, "Refunds from partners"): the grant reports and
    /// refunds replayed in the order recorded (as the grant record saw them, whatever their
    /// dates), latest spending taken back first. A reversed report or refund counts for no later
    /// entry: its approved reversal put the grant record back, and no entry of the grant comes
    /// between the two (a reversal is refused once a later entry changed the record).
    static func refundCharges(_ basis: ReportBasis, rates: [StateRecord]) throws -> [UInt64: RefundCharge] {
        var reported = ReportedSpending()
        var charges: [UInt64: RefundCharge] = [:]
        let reversed = try basis.ledger.reversals()
        for entry in try basis.ledger.entries(ofKinds: [.grantReport, .grantRefund]) {
            let grant = entry.data["grant"]?.stringValue ?? ""
            let kept = reported
            defer { if reversed[entry.seq] != nil { reported = kept } }
            if entry.kind == .grantReport {
                let spent = try Money.parse(entry.data["spent"], basis.currency)
                let rate = Self.rate(rates, on: entry.date)
                try reported.add(grant, year: entry.date.year, rate: rate, spent: spent,
                                 psc: try Money.percent(try Decimal64(parsing: rate), of: spent))
            } else {
                let amount = try Money.parse(entry.data["amount"], basis.currency)
                let advance = try Money.sum(entry.postings.filter { $0.account.isWithin(FundChart.advances) }.map(\.value), basis.currency)
                let back = try reported.take(grant, try amount.adding(advance), year: entry.date.year)
                let charged = try Money.sum(entry.postings.filter { $0.account.isWithin(FundChart.psc) }.map(\.value), basis.currency)
                charges[entry.seq] = RefundCharge(spent: back.spent, psc: back.psc, rates: back.rates, charged: charged)
            }
        }
        return charges
    }

    /// The report in the three output formats.
    public var document: ReportDocument {
        let code = heading.currency.code
        let columns = [ReportColumn("ENTRY"), ReportColumn("DATE"), ReportColumn("GRANT OR COST"), ReportColumn("EXPENDITURE \(code)", amount: true),
                       ReportColumn("RATE %"), ReportColumn("PSC CHARGED", amount: true), ReportColumn("RECOMPUTED", amount: true),
                       ReportColumn("AGREES")]
        var table = ReportTable(columns)
        for line in lines {
            table.add([line.reverses.map { "\(line.seq) reverses \($0)" } ?? String(line.seq), line.date.description, line.charging, line.expenditure.decimalString, line.rate,
                       line.charged.decimalString, line.recomputed.decimalString, line.agrees ? "yes" : "NO"])
        }
        let csv = table
        table.add(["total", "", lines.count == 1 ? "1 entry" : "\(lines.count) entries", totalExpenditure.decimalString, "", totalCharged.decimalString,
                   totalRecomputed.decimalString, agrees ? "yes" : "NO"])
        var notes = [entriesAgree
            ? "PSC charged (\(totalCharged.decimalString)) agrees with rate × expenditure (\(totalRecomputed.decimalString)) on every entry."
            : "PSC charged (\(totalCharged.decimalString)) DOES NOT agree with rate × expenditure (\(totalRecomputed.decimalString)) on entries \(lines.filter { !$0.agrees }.map { String($0.seq) }.joined(separator: ", "))."]
        notes.append(ledgerAgrees
            ? "5200 programme support costs on the statement of financial performance for the period: \(ledgerPSC.decimalString) \(code), the total charged."
            : "5200 programme support costs on the statement of financial performance for the period: \(ledgerPSC.decimalString) \(code), "
                + "which DOES NOT agree with the total charged by the entries above (\(totalCharged.decimalString)): 5200 was also posted by other entries.")
        if lines.contains(where: { $0.reverses != nil }) {
            notes.append("A line \"N reverses M\" is the approved reversal N of entry M: its figures negated, at the rate that charged M.")
        }
        return heading.document("Programme support costs", tables: [table], notes: notes, csv: csv, json: [
            ("entries", .array(lines.map { line in
                .object(JSONObject([
                    ("seq", .integer(Int64(line.seq))), ("date", .string(line.date.description)), ("grant", line.grant.map(JSONValue.string) ?? .null),
                    ("secretariat_cost", line.secretariatCost.map(JSONValue.string) ?? .null),
                    ("reverses", line.reverses.map { .integer(Int64($0)) } ?? .null),
                    ("expenditure", .amount(line.expenditure)), ("rate", .string(line.rate)), ("charged", .amount(line.charged)),
                    ("recomputed", .amount(line.recomputed)), ("agrees", .bool(line.agrees)),
                ]))
            })),
            ("totals", .object(JSONObject([
                ("expenditure", .amount(totalExpenditure)), ("charged", .amount(totalCharged)), ("recomputed", .amount(totalRecomputed)),
                ("ledger_5200", .amount(ledgerPSC)),
            ]))),
            ("agrees", .bool(agrees)),
        ])
    }
}

/// What a partner's refund returned of its own year's spending: the spending and the PSC on it
/// at the rates that charged it (recomputed), and what its entry posted to 5200 (charged).
struct RefundCharge {
    let spent: Amount
    let psc: Amount
    let rates: String
    let charged: Amount
}

/// Each grant's reported spending per year and PSC rate, net of refunds, in the order reported:
/// replayed from the journal as FUND-RULES.md ("Refunds from partners") says a refund takes it
/// back, latest first, to recompute the PSC each refund returns.
private struct ReportedSpending {
    private struct Part {
        let year: Int
        let rate: String
        var spent: Amount
        var psc: Amount
    }

    private var parts: [String: [Part]] = [:]

    mutating func add(_ grant: String, year: Int, rate: String, spent: Amount, psc: Amount) throws {
        var list = parts[grant] ?? []
        if let last = list.indices.last, list[last].year == year, list[last].rate == rate {
            list[last].spent = try list[last].spent.adding(spent)
            list[last].psc = try list[last].psc.adding(psc)
        } else {
            list.append(Part(year: year, rate: rate, spent: spent, psc: psc))
        }
        parts[grant] = list
    }

    /// What a refund of `amount` beyond the advance takes back of spending reported in `year`:
    /// the spending, the PSC on it and the rates that charged it.
    mutating func take(_ grant: String, _ amount: Amount, year: Int) throws -> (spent: Amount, psc: Amount, rates: String) {
        var list = parts[grant] ?? []
        var left = amount
        var spent = Amount.zero(amount.currency)
        var psc = Amount.zero(amount.currency)
        var rates: [String] = []
        for index in list.indices.reversed() where left.minorUnits > 0 {
            let part = list[index]
            let taken = left.minorUnits <= part.spent.minorUnits ? left : part.spent
            guard taken.minorUnits > 0 else { continue }
            var charge = taken == part.spent ? part.psc : try Money.percent(try Decimal64(parsing: part.rate), of: taken)
            if charge.minorUnits > part.psc.minorUnits { charge = part.psc }
            list[index].spent = try part.spent.subtracting(taken)
            list[index].psc = try part.psc.subtracting(charge)
            left = try left.subtracting(taken)
            guard part.year == year else { continue }
            spent = try spent.adding(taken)
            psc = try psc.adding(charge)
            if !rates.contains(part.rate) { rates.append(part.rate) }
        }
        parts[grant] = list
        return (spent, psc, rates.joined(separator: ", "))
    }
}
