import CanonicalJSON
public import LedgerCore
import LedgerLog
import LedgerStore

/// Programme support costs for a period: each accepted grant report (`grant.report`), its
/// expenditure, the PSC rate in force on its date and the PSC charged (5200), with a
/// recomputation of rate × expenditure for each entry; the totals must agree.
public struct PSCReport {
    /// One grant report.
    public struct Line: Sendable, Equatable {
        public let seq: UInt64
        public let date: LedgerDate
        public let grant: String
        public let expenditure: Amount
        /// The `psc_rate` setting in force on the date, percent, as recorded (e.g. "13").
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
    /// Σ 5200 on the statement of financial performance for the same period, for comparison
    /// (it differs when PSC was also posted by vouchers).
    public let ledgerPSC: Amount

    /// Whether every entry's charge equals its recomputation.
    public var agrees: Bool { lines.allSatisfy(\.agrees) }

    /// Reads the grant reports dated in the basis's period and the PSC rate settings.
    public init(_ basis: ReportBasis) throws {
        heading = basis.heading
        let rates = try basis.records("setting.psc_rate")
        lines = try basis.ledger.entries(ofKinds: [.grantReport]).filter { $0.date >= basis.from && $0.date <= basis.asOf }.map { entry in
            let spent = try Money.parse(entry.data["spent"], basis.currency)
            let rate = rates.last { $0.id <= entry.date.description }?.text("value") ?? "0"
            let charged = try Money.sum(entry.postings.filter { $0.account.isWithin(FundChart.psc) }.map(\.value), basis.currency)
            return Line(seq: entry.seq, date: entry.date, grant: entry.data["grant"]?.stringValue ?? "", expenditure: spent,
                        rate: rate, charged: charged, recomputed: try Money.percent(try Decimal64(parsing: rate), of: spent))
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
            table.add([String(line.seq), line.date.description, line.grant, line.expenditure.decimalString, line.rate,
                       line.charged.decimalString, line.recomputed.decimalString, line.agrees ? "yes" : "NO"])
        }
        let csv = table
        table.add(["total", "", lines.count == 1 ? "1 report" : "\(lines.count) reports", totalExpenditure.decimalString, "", totalCharged.decimalString,
                   totalRecomputed.decimalString, agrees ? "yes" : "NO"])
        var notes = [agrees
            ? "PSC charged (\(totalCharged.decimalString)) agrees with rate × expenditure (\(totalRecomputed.decimalString)) on every entry."
            : "PSC charged (\(totalCharged.decimalString)) DOES NOT agree with rate × expenditure (\(totalRecomputed.decimalString)) on entries \(lines.filter { !$0.agrees }.map { String($0.seq) }.joined(separator: ", "))."]
        notes.append("5200 programme support costs on the statement of financial performance for the period: \(ledgerPSC.decimalString) \(code).")
        return heading.document("Programme support costs", tables: [table], notes: notes, csv: csv, json: [
            ("entries", .array(lines.map { line in
                .object(JSONObject([
                    ("seq", .integer(Int64(line.seq))), ("date", .string(line.date.description)), ("grant", .string(line.grant)),
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
