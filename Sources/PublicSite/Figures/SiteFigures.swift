import LedgerCore
import LedgerStore
import TrustFund

/// Everything the site shows, read in one snapshot of the ledger after one checked read of it
/// (`CheckedJournal`): the figures from the same builders as `vtf report` and `vtf statement`
/// (``ContributionFigures``, ``GrantFigures``, the financial position and PSC reports), and the
/// latest checkpoint.
struct SiteFigures: Sendable {
    /// The fund's name, from the genesis entry.
    let fundName: String
    /// The fund currency: every figure is in it.
    let currency: Currency
    /// The last day counted.
    let asOf: LedgerDate
    /// The calendar years from the ledger's first day to ``asOf``, oldest first.
    let years: [Int]
    /// Contributions by donor and by year.
    let contributions: ContributionFigures
    /// Grants one by one, by year and by cycle.
    let grants: GrantFigures
    /// PSC charged in each of ``years`` (up to ``asOf`` in its last), as `vtf report psc` gives it.
    let pscByYear: [Amount]
    /// The operating cash reserve on ``asOf`` (3300), as the statement of financial position gives it.
    let reserve: Amount
    /// Net assets on ``asOf``, as the statement of financial position gives them.
    let netAssets: Amount
    /// The log's latest checkpoint and its audits.
    let checkpoint: SiteCheckpoint

    /// The figures of `ledger`, `checked` in this run, as of `asOf` (nil: the latest entry's date).
    init(_ ledger: any StoreSnapshot, checked: CheckedJournal, asOf requested: LedgerDate?) throws {
        guard let settings = try ledger.settings(), let genesis = try ledger.entry(at: 0) else {
            throw SiteError("the ledger has no genesis entry: nothing to publish")
        }
        let start = genesis.body.date
        let asOf = try requested ?? Self.latestDate(ledger, checked: checked)
        guard asOf >= start else { throw SiteError("--as-of \(asOf) is before the ledger's first day, \(start): give \(start) or later") }
        fundName = settings.fundName
        currency = settings.currency
        self.asOf = asOf
        years = Array(start.year...asOf.year)
        contributions = try ContributionFigures(ledger, years: years, asOf: asOf, currency: currency)
        grants = try GrantFigures(ledger, years: years, asOf: asOf, currency: currency)
        pscByYear = try years.map { year in
            let from = try LedgerDate(year: year, month: 1, day: 1)
            let basis = try ReportBasis(ledger, report: .psc, asOf: Self.yearEnd(year, asOf: asOf), from: from)
            return try PSCReport(basis).totalCharged
        }
        let position = try FinancialPositionReport(ReportBasis(ledger, report: .financialPosition, asOf: asOf))
        reserve = position.netAssets.first { $0.key == "operating_reserve" }?.value ?? .zero(currency)
        netAssets = position.totalNetAssets
        checkpoint = try SiteCheckpoint(ledger, checked: checked)
    }

    /// 31 December of `year`, or `asOf` when it comes first.
    static func yearEnd(_ year: Int, asOf: LedgerDate) throws -> LedgerDate {
        min(try LedgerDate(year: year, month: 12, day: 31), asOf)
    }

    /// The latest accounting date of the checked journal's entries.
    static func latestDate(_ ledger: any StoreSnapshot, checked: CheckedJournal) throws -> LedgerDate {
        guard checked.entryCount > 0, let last = try ledger.entry(at: checked.entryCount - 1) else {
            throw SiteError("the ledger has no entries: nothing to publish")
        }
        let dates = try ledger.entries(ofKinds: ledger.rules.kinds).map(\.date)
        return dates.max() ?? last.body.date
    }
}
