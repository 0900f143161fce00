import CanonicalJSON
public import LedgerCore
import LedgerLog
import LedgerStore

/// Programme support costs for a period: each accepted grant report (`grant.report`) and each
/// reversal of one, its expenditure, the PSC rate in force on the date that charged it and the
/// PSC charged (5200), with a recomputation of rate × expenditure for each entry. The report
/// agrees when every entry's charge equals its recomputation and the total charged equals what
/// 5200 holds for the period.
public struct PSCReport {
    /// One grant report.
    public struct Line: Sendable, Equatable {
        public let seq: UInt64
        public let date: LedgerDate
        public let grant: String
        /// The entry this line reverses (its figures negated); nil for a grant report.
        public let reverses: UInt64?
        public let expenditure: Amount
        /// The `psc_rate` setting in force on the date that charged it (a reversed entry's date), percent, as recorded (e.g. "13").
        public let rate: String
        public let charged: Amount
        /// rate × expenditure ÷ 100, half to even.
        public let recomputed: Amount

        public var agrees: Bool { charged == recomputed }
    }

    public let heading: ReportHeading
    public let lines: [Line]
    public let totalExpenditure: Amount
    public let totalCharged: Amount
    public let totalRecomputed: Amount
    /// Σ 5200 on the statement of financial performance for the same period.
    public let ledgerPSC: Amount

    /// Whether every entry's charge equals its recomputation.
    public var entriesAgree: Bool { lines.allSatisfy(\.agrees) }
    /// Whether the total charged by the grant entries equals what 5200 holds for the period.
    public var ledgerAgrees: Bool { totalCharged == ledgerPSC }
    /// Whether both hold: every entry agrees and the total is what 5200 holds.
    public var agrees: Bool { entriesAgree && ledgerAgrees }

    /// Reads the grant movements (``GrantPositions``) dated in the basis's period that record
    /// spending or PSC: accepted grant reports, and the reversals of them (negative lines).
    public init(_ basis: ReportBasis) throws {
        heading = basis.heading
        let rates = try basis.records("setting.psc_rate")
        let movements = try GrantPositions(basis.ledger, currency: basis.currency).movements(from: basis.from, through: basis.asOf)
        lines = try movements.filter { !$0.spent.isZero || !$0.psc.isZero }.map { movement in
            let rate = rates.last { $0.id <= movement.chargedOn.description }?.text("value") ?? "0"
            return Line(seq: movement.seq, date: movement.date, grant: movement.grant, reverses: movement.reverses, expenditure: movement.spent,
                        rate: rate, charged: movement.psc, recomputed: try Money.percent(try Decimal64(parsing: rate), of: movement.spent))
        }
        totalExpenditure = try Money.sum(lines.map(\.expenditure), basis.currency)
        totalCharged = try Money.sum(lines.map(\.charged), basis.currency)
        totalRecomputed = try Money.sum(lines.map(\.recomputed), basis.currency)
        let period = try basis.ledger.postingTotals(from: basis.from, through: basis.asOf, excluding: [.yearClose])
        ledgerPSC = try BalanceSet(rows: period, currency: basis.currency).debit(under: FundChart.psc)
    }

    /// The report in the three output formats.
    public var document: ReportDocument {
        let code = heading.currency.code
        let columns = [ReportColumn("ENTRY"), ReportColumn("DATE"), ReportColumn("GRANT"), ReportColumn("EXPENDITURE \(code)", amount: true),
                       ReportColumn("RATE %"), ReportColumn("PSC CHARGED", amount: true), ReportColumn("RECOMPUTED", amount: true),
                       ReportColumn("AGREES")]
        var table = ReportTable(columns)
        for line in lines {
            table.add([line.reverses.map { "\(line.seq) reverses \($0)" } ?? String(line.seq), line.date.description, line.grant, line.expenditure.decimalString, line.rate,
                       line.charged.decimalString, line.recomputed.decimalString, line.agrees ? "yes" : "NO"])
        }
        let csv = table
        table.add(["total", "", lines.count == 1 ? "1 report" : "\(lines.count) reports", totalExpenditure.decimalString, "", totalCharged.decimalString,
                   totalRecomputed.decimalString, agrees ? "yes" : "NO"])
        var notes = [entriesAgree
            ? "PSC charged (\(totalCharged.decimalString)) agrees with rate × expenditure (\(totalRecomputed.decimalString)) on every entry."
            : "PSC charged (\(totalCharged.decimalString)) DOES NOT agree with rate × expenditure (\(totalRecomputed.decimalString)) on entries \(lines.filter { !$0.agrees }.map { String($0.seq) }.joined(separator: ", "))."]
        notes.append(ledgerAgrees
            ? "5200 programme support costs on the statement of financial performance for the period: \(ledgerPSC.decimalString) \(code), the total charged."
            : "5200 programme support costs on the statement of financial performance for the period: \(ledgerPSC.decimalString) \(code), "
                + "which DOES NOT agree with the total charged by the grant entries (\(totalCharged.decimalString)): 5200 was also posted by other entries.")
        if lines.contains(where: { $0.reverses != nil }) {
            notes.append("A line \"N reverses M\" is the approved reversal N of entry M: its figures negated, at the rate that charged M.")
        }
        return heading.document("Programme support costs", tables: [table], notes: notes, csv: csv, json: [
            ("entries", .array(lines.map { line in
                .object(JSONObject([
                    ("seq", .integer(Int64(line.seq))), ("date", .string(line.date.description)), ("grant", .string(line.grant)),
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
