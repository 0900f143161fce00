import CanonicalJSON
import LedgerCore
import LedgerJournal
import TrustFundRules
import TransparencyLog
import LedgerStore

/// The notes of the annual report: accounting policies, commitments, receivables (ageing and
/// impairment), exchange differences, and events after the reporting date.
struct AnnualNotes {
    let ledger: any StoreSnapshot
    let report: AnnualReport

    init(_ ledger: any StoreSnapshot, report: AnnualReport) throws {
        self.ledger = ledger
        self.report = report
    }

    var all: [AnnualNote] {
        get throws { [try policies, try commitments, try receivables, try exchange, try events] }
    }

    var zero: Amount { .zero(report.currency) }

    /// The value of fund setting `name` in force on `date` (its latest record dated on or before it).
    func setting(_ name: String, on date: LedgerDate) throws -> String? {
        try ledger.fundRecords(FundSettings.collection(name))
            .filter { (try? LedgerDate(parsing: $0.id)).map { $0 <= date } ?? false }
            .max { $0.id < $1.id }.map { try SettingRecord($0).value }
    }

    var policies: AnnualNote {
        get throws {
            var paragraphs: [AnnualPhrase] = [.accrualBasis, .functionalCurrency(currency: report.currency.code), .revenueRecognition]
            if let psc = try setting("psc_rate", on: report.to) { paragraphs.append(.pscRate(percent: psc)) }
            if let reserve = try setting("reserve_rate", on: report.to) { paragraphs.append(.operatingReserve(percent: reserve)) }
            if let limit = try setting("write_off_limit", on: report.to) { paragraphs.append(.writeOffs(limit: limit, currency: report.currency.code)) }
            paragraphs.append(.grantsExpensed)
            if !report.hasPrior { paragraphs.append(.noPriorYear(start: report.start.description)) }
            return AnnualNote(key: "policies", title: "Accounting policies", paragraphs: paragraphs, rows: [], tables: [])
        }
    }

    /// Σ value by sub-account of `prefix` as of `date` (debit-positive).
    func balances(under prefix: AccountCode, asOf date: LedgerDate) throws -> [AccountCode: Amount] {
        var sums: [AccountCode: Amount] = [:]
        for row in try ledger.trialBalance(asOf: date) where row.account.isWithin(prefix) {
            sums[row.account] = try (sums[row.account] ?? zero).adding(row.value)
        }
        return sums
    }

    var commitments: AnnualNote {
        get throws {
            let now = try balances(under: FundChart.commitments, asOf: report.to)
            let before = report.hasPrior ? try balances(under: FundChart.commitments, asOf: report.priorTo) : [:]
            let names = Dictionary(try ledger.accounts().map { ($0.code, $0.name) }, uniquingKeysWith: { first, _ in first })
            let codes = Set(now.keys).union(before.keys).filter { !(now[$0] ?? zero).isZero || !(before[$0] ?? zero).isZero }
            let section = "Open grant commitments (9200)"
            var rows = codes.sorted { $0.rawValue < $1.rawValue }.map { code in
                AnnualRow(section: section, parts: [code.rawValue, names[code] ?? ""], current: now[code] ?? zero,
                          prior: report.hasPrior ? before[code] ?? zero : nil)
            }
            rows.append(AnnualRow(section: section, parts: ["Total open grant commitments"],
                                  current: try sum(now.values), prior: report.hasPrior ? try sum(before.values) : nil))
            return AnnualNote(key: "commitments", title: "Commitments", paragraphs: [.commitmentsIntro(date: report.to.description)], rows: rows, tables: [])
        }
    }

    func sum(_ values: some Sequence<Amount>) throws -> Amount { try Money.sum(Array(values), report.currency) }

    var receivables: AnnualNote {
        get throws {
            let now = try ReceivablesReport(try ReportBasis(ledger, report: .receivables, asOf: report.to))
            let before = report.hasPrior ? try ReceivablesReport(try ReportBasis(ledger, report: .receivables, asOf: report.priorTo)) : nil
            let code = report.currency.code
            var ageing = ReportTable(title: "Ageing by instalment due date", [
                ReportColumn("DONOR"), ReportColumn("AGREEMENT"), ReportColumn("CURRENCY"), ReportColumn("OUTSTANDING", amount: true),
                ReportColumn("NOT DUE", amount: true), ReportColumn("0-30", amount: true), ReportColumn("31-90", amount: true),
                ReportColumn("91-365", amount: true), ReportColumn(">365", amount: true), ReportColumn("VALUE \(code)", amount: true),
            ])
            for line in now.lines {
                ageing.add([line.donorName.isEmpty ? line.donor : "\(line.donor) \(line.donorName)", line.agreement, line.outstanding.currency.code,
                            line.outstanding.decimalString] + line.ageing.map(\.decimalString) + [line.value.decimalString])
            }
            var allowance = ReportTable(title: "Allowance for doubtful contributions (1210) by donor", [ReportColumn("ACCOUNT"), ReportColumn("VALUE \(code)", amount: true)])
            for (account, value) in try balances(under: FundChart.allowance, asOf: report.to).sorted(by: { $0.key.rawValue < $1.key.rawValue }) where !value.isZero {
                allowance.add([account.rawValue, value.decimalString])
            }
            let section = "Contributions receivable"
            let rows = [
                AnnualRow(section: section, parts: ["Contributions receivable (1200)"], current: now.totalValue, prior: before?.totalValue),
                AnnualRow(section: section, parts: ["Less allowance for doubtful contributions (1210)"], current: now.allowance, prior: before?.allowance),
                AnnualRow(section: section, parts: ["Net contributions receivable"], current: now.netValue, prior: before?.netValue),
            ]
            return AnnualNote(key: "receivables", title: "Contributions receivable: ageing and impairment",
                              paragraphs: [.receivablesIntro(date: report.to.description)], rows: rows,
                              tables: [ageing, allowance].filter { !$0.rows.isEmpty })
        }
    }

    /// FX gains and losses of `from`...`through`: realised (every kind but fx.revalue) and
    /// unrealised (fx.revalue), gains credit-positive, losses debit-positive.
    func exchange(from: LedgerDate, through: LedgerDate) throws -> [Amount] {
        let fx = try ForeignExchangeSplit(ledger, from: from, through: through, currency: report.currency)
        return [
            try fx.realisedGains, fx.unrealisedGains, fx.gains,
            try fx.realisedLosses, fx.unrealisedLosses, fx.losses,
            try fx.gains.subtracting(fx.losses),
        ]
    }

    var exchange: AnnualNote {
        get throws {
            let now = try exchange(from: report.from, through: report.to)
            let before = report.hasPrior ? try exchange(from: report.priorFrom, through: report.priorTo) : nil
            let labels: [(String, String)] = [
                ("FX gains (4900)", "Realised"), ("FX gains (4900)", "Unrealised (revaluation)"), ("FX gains (4900)", "Total FX gains"),
                ("FX losses (5900)", "Realised"), ("FX losses (5900)", "Unrealised (revaluation)"), ("FX losses (5900)", "Total FX losses"),
                ("Net", "Net FX gain (loss)"),
            ]
            let rows = labels.indices.map { index in
                AnnualRow(section: labels[index].0, parts: [labels[index].1], current: now[index], prior: before?[index])
            }
            return AnnualNote(key: "fx", title: "Foreign exchange", paragraphs: [.fxIntro], rows: rows, tables: [])
        }
    }

    var events: AnnualNote {
        get throws {
            guard let first = report.to.addingChecked(days: 1), first <= report.made else {
                let next = report.to.addingChecked(days: 1) ?? report.to
                return AnnualNote(key: "events", title: "Events after the reporting date",
                                  paragraphs: [.eventsNone(from: next.description, to: report.made.description), .eventsNonAdjusting], rows: [], tables: [])
            }
            // Events are what moved the books: entries that post nothing (a key registered, a seal,
            // a request awaiting approval) and the automatic reversal of the year's own accrual (part
            // of an adjustment to the year, not an event after it) are bookkeeping.
            let after = try ledger.entries(ofKinds: ledger.rules.kinds, from: first, through: report.made)
                .filter { !$0.postings.isEmpty && $0.kind != FundKind.grantAccrueReverse.entryKind }
            var byKind: [EntryKind: (count: Int, cash: Amount)] = [:]
            for entry in after {
                let cash = try Money.sum(entry.postings.filter { $0.account.isWithin(FundChart.cash) }.map(\.value), report.currency)
                let known = byKind[entry.kind] ?? (0, zero)
                byKind[entry.kind] = (known.count + 1, try known.cash.adding(cash))
            }
            var table = ReportTable(title: nil, [ReportColumn("KIND"), ReportColumn("ENTRIES"), ReportColumn("CASH \(report.currency.code)", amount: true)])
            for kind in ledger.rules.kinds {
                guard let item = byKind[kind] else { continue }
                table.add([kind.rawValue, String(item.count), item.cash.decimalString])
            }
            let intro: AnnualPhrase = after.isEmpty
                ? .eventsNone(from: first.description, to: report.made.description)
                : .eventsIntro(from: first.description, to: report.made.description, count: after.count)
            return AnnualNote(key: "events", title: "Events after the reporting date", paragraphs: [intro, .eventsNonAdjusting],
                              rows: [], tables: after.isEmpty ? [] : [table])
        }
    }
}
