import LedgerCore
import LedgerStore
import Statements
import TrustFund
import TrustFundRules

/// Contributions by donor and by year, in the fund currency: pledged (each pledge's value when
/// made), agreed (each agreement's value when signed) and received (each receipt's value, the
/// figure a donor statement lists: ``ContributionReceipts``, reversed receipts left out). Donors
/// registered as `individual` are shown together, never by name.
struct ContributionFigures: Sendable {
    /// What one donor (or every individual donor together) pledged, agreed and gave.
    struct Donor: Sendable {
        /// The donor's id; nil for the line of every individual donor.
        let id: String?
        /// The donor's name as registered; nil for the individual donors' line.
        let name: String?
        /// How many donors the line stands for.
        let count: Int
        let pledged: Amount
        let agreed: Amount
        let received: Amount
        /// Received in each of the site's years.
        let receivedByYear: [Amount]
    }

    /// Every donor's pledges, agreements and receipts in one calendar year.
    struct Year: Sendable {
        let year: Int
        let pledged: Amount
        let agreed: Amount
        let received: Amount
    }

    /// Donors who pledged, agreed or gave anything up to the date, most received first.
    let donors: [Donor]
    /// One line per year.
    let byYear: [Year]
    /// Σ of every donor's figures.
    let total: Year

    /// The figures of `ledger` for `years`, up to `asOf`.
    init(_ ledger: any StoreSnapshot, years: [Int], asOf: LedgerDate, currency: Currency) throws {
        let zero = Amount.zero(currency)
        let records = try ledger.donorRecords()
        let agreements = try ledger.agreementRecords().filter { $0.date <= asOf }
        let donorOf = Dictionary(agreements.map { ($0.ref, $0.donor) }, uniquingKeysWith: { first, _ in first })
        let receipts = try ContributionReceipts.list(
            ledger, agreements: Set(donorOf.keys), from: nil, to: asOf, reversed: try ledger.reversedEntries(), fundCurrency: currency)
        var sums = Sums(years: years, zero: zero)
        for pledge in try ledger.pledgeRecords() where pledge.date <= asOf {
            try sums.add(\.pledged, pledge.donor, pledge.date.year, try Amount(parsing: pledge.value, currency: currency, mode: .exact))
        }
        for agreement in agreements {
            try sums.add(\.agreed, agreement.donor, agreement.date.year, try Amount(parsing: agreement.value, currency: currency, mode: .exact))
        }
        for receipt in receipts {
            guard let donor = donorOf[receipt.reference] else { continue }
            try sums.add(\.received, donor, receipt.date.year, receipt.value)
        }
        donors = try Self.lines(records, sums, years: years, zero: zero)
        byYear = years.map { year in
            Year(year: year, pledged: sums.year[year]?.pledged ?? zero, agreed: sums.year[year]?.agreed ?? zero,
                 received: sums.year[year]?.received ?? zero)
        }
        let all = Array(sums.year.values)
        total = Year(year: asOf.year, pledged: try Self.sum(all.map(\.pledged), zero), agreed: try Self.sum(all.map(\.agreed), zero),
                     received: try Self.sum(all.map(\.received), zero))
    }

    /// The donors' lines: each named donor, then every individual donor on one line.
    private static func lines(_ records: [DonorRecord], _ sums: Sums, years: [Int], zero: Amount) throws -> [Donor] {
        var named: [Donor] = []
        var individuals: [Donor] = []
        for record in records {
            guard let figures = sums.donor[record.id] else { continue }
            let byYear = years.map { figures.byYear[$0] ?? zero }
            let line = Donor(id: record.id, name: record.name, count: 1, pledged: figures.pledged, agreed: figures.agreed,
                             received: figures.received, receivedByYear: byYear)
            if record.type == "individual" { individuals.append(line) } else { named.append(line) }
        }
        named.sort { ($0.received.minorUnits, $1.name ?? "") > ($1.received.minorUnits, $0.name ?? "") }
        guard !individuals.isEmpty else { return named }
        let together = Donor(
            id: nil, name: nil, count: individuals.count, pledged: try sum(individuals.map(\.pledged), zero),
            agreed: try sum(individuals.map(\.agreed), zero), received: try sum(individuals.map(\.received), zero),
            receivedByYear: try years.indices.map { index in try sum(individuals.map { $0.receivedByYear[index] }, zero) })
        return named + [together]
    }

    static func sum(_ amounts: [Amount], _ zero: Amount) throws -> Amount {
        try amounts.reduce(zero) { try $0.adding($1) }
    }

    /// Running sums by donor and by year.
    private struct Sums {
        struct Figures {
            var pledged: Amount
            var agreed: Amount
            var received: Amount
            var byYear: [Int: Amount] = [:]
        }

        let zero: Amount
        var donor: [String: Figures] = [:]
        var year: [Int: Figures] = [:]

        init(years: [Int], zero: Amount) {
            self.zero = zero
            for each in years { year[each] = Figures(pledged: zero, agreed: zero, received: zero) }
        }

        mutating func add(_ figure: WritableKeyPath<Figures, Amount>, _ id: String, _ year: Int, _ value: Amount) throws {
            var mine = donor[id] ?? Figures(pledged: zero, agreed: zero, received: zero)
            mine[keyPath: figure] = try mine[keyPath: figure].adding(value)
            if figure == \Figures.received { mine.byYear[year] = try (mine.byYear[year] ?? zero).adding(value) }
            donor[id] = mine
            var all = self.year[year] ?? Figures(pledged: zero, agreed: zero, received: zero)
            all[keyPath: figure] = try all[keyPath: figure].adding(value)
            self.year[year] = all
        }
    }
}
