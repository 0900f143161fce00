import LedgerCore
import LedgerJournal
import LedgerStore
import TrustFund
import TrustFundRules

/// Grants as the public may see them: each grant with its grantee as the Fund chose to show it
/// (``PublicGrantee``), its sector, cycle, award, payments and status, from the grants report
/// (`vtf report grants`); and the awards and payments by year and by grant cycle, from
/// `GrantPositions` (reversals netted on their dates).
struct GrantFigures: Sendable {
    /// One grant as of the date.
    struct Grant: Sendable {
        /// The grant's id (the award request's ref), never the grantee's.
        let id: String
        let grantee: PublicGrantee
        /// The grant cycle of the Board's recommendation it follows, or nil.
        let cycle: String?
        /// The award, in the fund currency.
        let awarded: Amount
        /// Paid to the grantee up to the date, reversals netted.
        let paid: Amount
        let isClosed: Bool
    }

    /// Obligations recorded (awards) and tranches paid in one calendar year.
    struct Year: Sendable {
        let year: Int
        let awarded: Amount
        let paid: Amount
    }

    /// The grants of one cycle (nil: those that follow no recommendation with a cycle).
    struct Cycle: Sendable {
        let name: String?
        let count: Int
        let awarded: Amount
        let paid: Amount
    }

    /// Every grant awarded up to the date, by id.
    let grants: [Grant]
    /// One line per year.
    let byYear: [Year]
    /// One line per cycle, by name; grants without one last.
    let byCycle: [Cycle]
    /// Σ awards and Σ paid of every grant, as the grants report totals them.
    let awarded: Amount
    let paid: Amount

    init(_ ledger: any StoreSnapshot, years: [Int], asOf: LedgerDate, currency: Currency) throws {
        let report = try GrantsReport(ReportBasis(ledger, report: .grants, asOf: asOf))
        grants = try report.lines.map { line in
            let record = try ledger.fundRecord(GrantRecord.collection, line.grant)
            return Grant(id: line.grant, grantee: try Self.grantee(record), cycle: try Self.cycle(record, ledger), awarded: line.amount,
                         paid: line.paid, isClosed: line.status == .closed)
        }
        let zero = Amount.zero(currency)
        awarded = report.totals["amount"] ?? zero
        paid = report.totals["paid"] ?? zero
        let positions = try GrantPositions(ledger, currency: currency)
        byYear = try years.map { year in
            let total = try positions.total(from: try LedgerDate(year: year, month: 1, day: 1), through: try SiteFigures.yearEnd(year, asOf: asOf))
            return Year(year: year, awarded: total.committed, paid: total.paid)
        }
        var cycles: [String?: Cycle] = [:]
        for grant in grants {
            let known = cycles[grant.cycle] ?? Cycle(name: grant.cycle, count: 0, awarded: zero, paid: zero)
            cycles[grant.cycle] = Cycle(name: grant.cycle, count: known.count + 1, awarded: try known.awarded.adding(grant.awarded),
                                        paid: try known.paid.adding(grant.paid))
        }
        byCycle = cycles.values.sorted { ($0.name ?? "\u{10FFFF}") < ($1.name ?? "\u{10FFFF}") }
    }

    /// What the award said may be published: the grant record's public name, country and
    /// sector; nothing else of it.
    static func grantee(_ record: StateRecord?) throws -> PublicGrantee {
        guard let record else { return PublicGrantee(publicName: nil, country: nil, sector: nil) }
        let grant = try GrantRecord(record)
        return PublicGrantee(publicName: grant.publicName, country: grant.country, sector: grant.sector)
    }

    /// The cycle of the Board recommendation the award followed, or nil.
    static func cycle(_ record: StateRecord?, _ ledger: any StoreSnapshot) throws -> String? {
        guard let recommendation = record?.fields["recommendation"]?.stringValue else { return nil }
        return try ledger.fundRecord("recommendation", recommendation)?.fields["cycle"]?.stringValue
    }
}
