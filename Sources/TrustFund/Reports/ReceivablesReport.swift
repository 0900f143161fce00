import CanonicalJSON
public import LedgerCore
import LedgerJournal
import TrustFundRules
import TransparencyLog
import LedgerStore

/// Contributions receivable as of a date, by donor and agreement: what is outstanding in the
/// agreement's currency, its carrying value in the fund currency (its share of 1200.DONOR), and
/// its ageing by instalment due date, receipts and write-offs settling the oldest instalments first.
public struct ReceivablesReport {
    /// Ageing buckets, by days past the due date: not yet due, 0–30, 31–90, 91–365, over 365.
    public static let buckets = ["not_due", "days_0_30", "days_31_90", "days_91_365", "over_365"]
    static let bucketTitles = ["NOT DUE", "0-30", "31-90", "91-365", ">365"]

    /// One agreement with something outstanding.
    public struct Line: Sendable, Equatable {
        /// The donor's id.
        public let donor: String
        /// The donor's name.
        public let donorName: String
        /// The agreement's reference.
        public let agreement: String
        /// What is still outstanding, in the agreement's currency.
        public let outstanding: Amount
        /// Carrying value in the fund currency.
        public let value: Amount
        /// Outstanding per bucket of ``ReceivablesReport/buckets``, in the agreement's currency.
        public let ageing: [Amount]
    }

    /// The totals of one currency.
    public struct CurrencyTotal: Sendable, Equatable {
        /// Σ outstanding in the currency.
        public let outstanding: Amount
        /// Σ outstanding per bucket of ``ReceivablesReport/buckets``.
        public let ageing: [Amount]
    }

    /// The fund and the date.
    public let heading: ReportHeading
    /// One line per agreement with something outstanding, by donor and agreement.
    public let lines: [Line]
    /// The totals per agreement currency, by currency code.
    public let currencyTotals: [CurrencyTotal]
    /// Σ carrying value of the lines.
    public let totalValue: Amount
    /// The allowance for doubtful contributions (1210), a credit: zero or negative.
    public let allowance: Amount
    /// ``totalValue`` plus the ``allowance``: the net carrying value, in the fund currency.
    public let netValue: Amount

    /// Reads agreements, receipts and write-offs dated up to the basis's date.
    public init(_ basis: ReportBasis) throws {
        heading = basis.heading
        let balances = BalanceSet(rows: try basis.ledger.trialBalance(asOf: basis.asOf), currency: basis.currency)
        let names = Dictionary(try basis.records("donor").map { ($0.id, $0.text("name")) }, uniquingKeysWith: { first, _ in first })
        var open: [(record: AgreementRecord, currency: Currency, outstanding: Amount, ageing: [Amount])] = []
        for position in try AgreementPosition.all(basis.ledger, asOf: basis.asOf) where !position.outstanding.isZero {
            open.append((position.agreement, position.currency, position.outstanding, try Self.ageing(position, basis)))
        }
        open.sort { ($0.record.donor, $0.record.ref) < ($1.record.donor, $1.record.ref) }
        let values = try Self.carryingValues(open.map { ($0.record.donor, $0.outstanding) }, balances)
        lines = zip(open, values).map { item, value in
            let donor = item.record.donor
            return Line(donor: donor, donorName: names[donor] ?? "", agreement: item.record.ref, outstanding: item.outstanding,
                        value: value, ageing: item.ageing)
        }
        let lines = self.lines
        currencyTotals = try Set(lines.map(\.outstanding.currency)).sorted { $0.code < $1.code }.map { currency in
            let mine = lines.filter { $0.outstanding.currency == currency }
            return CurrencyTotal(
                outstanding: try Money.sum(mine.map(\.outstanding), currency),
                ageing: try Self.buckets.indices.map { index in try Money.sum(mine.map { $0.ageing[index] }, currency) })
        }
        totalValue = try Money.sum(values, basis.currency)
        allowance = try balances.debit(under: FundChart.allowance)
        netValue = try totalValue.adding(allowance)
    }

    /// What is left of each instalment, by bucket of days past its due date.
    static func ageing(_ position: AgreementPosition, _ basis: ReportBasis) throws -> [Amount] {
        var buckets = Self.buckets.map { _ in Amount.zero(position.currency) }
        for instalment in position.instalments where !instalment.outstanding.isZero {
            let index = bucket(daysOverdue: basis.asOf.ordinalDay - instalment.due.ordinalDay)
            buckets[index] = try buckets[index].adding(instalment.outstanding)
        }
        return buckets
    }

    /// The bucket of an instalment `days` past due (negative: not yet due).
    static func bucket(daysOverdue days: Int) -> Int {
        switch days {
        case ..<0: 0
        case 0...30: 1
        case 31...90: 2
        case 91...365: 3
        default: 4
        }
    }

    /// Each outstanding amount's share of its donor's receivable (1200.DONOR) value in that
    /// currency; the last agreement of a donor and currency takes what rounding leaves, so
    /// they add up to the account's value exactly.
    static func carryingValues(_ items: [(donor: String, outstanding: Amount)], _ balances: BalanceSet) throws -> [Amount] {
        var values: [Amount] = []
        var used: [String: Amount] = [:]
        for (index, item) in items.enumerated() {
            let key = item.donor + " " + item.outstanding.currency.code
            let line = balances.line(try FundChart.receivables.sub(item.donor), item.outstanding.currency)
            let isLast = !items[(index + 1)...].contains { $0.donor == item.donor && $0.outstanding.currency == item.outstanding.currency }
            let assigned = used[key] ?? .zero(balances.currency)
            let value = isLast ? try line.value.subtracting(assigned)
                : try Money.share(line.value, item.outstanding.minorUnits, of: line.amount.minorUnits)
            used[key] = try assigned.adding(value)
            values.append(value)
        }
        return values
    }

    /// The report in the three output formats.
    public var document: ReportDocument {
        let code = heading.currency.code
        let ageingColumns = Self.bucketTitles.map { ReportColumn($0, amount: true) }
        var table = ReportTable([ReportColumn("DONOR"), ReportColumn("AGREEMENT"), ReportColumn("CURRENCY"),
                                 ReportColumn("OUTSTANDING", amount: true), ReportColumn("VALUE \(code)", amount: true)] + ageingColumns)
        var csv = ReportTable(["donor", "donor_name", "agreement", "currency", "outstanding", "value"].enumerated().map {
            ReportColumn($0.element, amount: $0.offset >= 4)
        } + Self.buckets.map { ReportColumn($0, amount: true) })
        for line in lines {
            let ageing = line.ageing.map(\.decimalString)
            table.add(["\(line.donor) \(line.donorName)", line.agreement, line.outstanding.currency.code,
                       line.outstanding.decimalString, line.value.decimalString] + ageing)
            csv.add([line.donor, line.donorName, line.agreement, line.outstanding.currency.code,
                     line.outstanding.decimalString, line.value.decimalString] + ageing)
        }
        for total in currencyTotals {
            table.add(["total \(total.outstanding.currency.code)", "", total.outstanding.currency.code, total.outstanding.decimalString, ""]
                + total.ageing.map(\.decimalString))
        }
        table.add(["carrying value", "", code, "", totalValue.decimalString] + Self.buckets.map { _ in "" })
        table.add(["less allowance (1210)", "", code, "", allowance.decimalString] + Self.buckets.map { _ in "" })
        table.add(["net receivables", "", code, "", netValue.decimalString] + Self.buckets.map { _ in "" })
        let notes = ["Ageing in each agreement's currency, by days past the instalment's due date; receipts settle the oldest instalments first."]
        return heading.document("Contributions receivable", tables: [table], notes: notes, csv: csv, json: [
            ("agreements", .array(lines.map(Self.json))),
            ("totals", .object(JSONObject([
                ("by_currency", .array(currencyTotals.map { total in
                    .object(JSONObject([("currency", .string(total.outstanding.currency.code)), ("outstanding", .amount(total.outstanding)),
                                        ("ageing", Self.json(total.ageing))]))
                })),
                ("value", .amount(totalValue)), ("allowance", .amount(allowance)), ("net_value", .amount(netValue)),
            ]))),
        ])
    }

    static func json(_ ageing: [Amount]) -> JSONValue {
        .object(JSONObject(zip(buckets, ageing).map { ($0, .amount($1)) }))
    }

    static func json(_ line: Line) -> JSONValue {
        .object(JSONObject([
            ("donor", .string(line.donor)), ("donor_name", .string(line.donorName)), ("agreement", .string(line.agreement)),
            ("currency", .string(line.outstanding.currency.code)), ("outstanding", .amount(line.outstanding)),
            ("value", .amount(line.value)), ("ageing", json(line.ageing)),
        ]))
    }
}
