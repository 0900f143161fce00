import LedgerCore

/// The book lines indexed once, so that no rule looks at all pairs: by exact amount (each
/// list sorted by date), by reference key, by currency and sign (sorted by date) and by
/// currency (sorted by amount). Lines are named by their index in the input.
struct BookIndex {
    /// Which side of the account a line is on: its currency and whether money comes in.
    struct Side: Hashable {
        let currency: Currency
        let incoming: Bool
    }

    let lines: [BookLine]
    /// Each line's date as an ordinal day.
    let days: [Int]
    /// Each line's counterparties as folded tokens.
    let counterpartyTokens: [[[String]]]
    /// Each line's counterparties as account keys (an IBAN given as a counterparty).
    let counterpartyAccounts: [Set<String>]
    /// Each line's reference keys.
    let referenceKeys: [Set<String>]
    let byAmount: [Amount: [Int]]
    let byReference: [String: [Int]]
    let bySide: [Side: [Int]]
    let byCurrency: [Currency: [Int]]
    let byID: [BookLineID: Int]

    init(_ lines: [BookLine]) {
        self.lines = lines
        let days = lines.map(\.date.ordinalDay)
        self.days = days
        counterpartyTokens = lines.map { $0.counterparties.map(TextFolding.tokens).filter { !$0.isEmpty } }
        counterpartyAccounts = lines.map { Set($0.counterparties.compactMap(TextFolding.accountKey)) }
        let referenceKeys = lines.map { Set($0.references.compactMap(TextFolding.referenceKey)) }
        self.referenceKeys = referenceKeys
        let byDate = lines.indices.sorted { (days[$0], lines[$0].id) < (days[$1], lines[$1].id) }
        byAmount = Dictionary(grouping: byDate) { lines[$0].amount }
        bySide = Dictionary(grouping: byDate.filter { !lines[$0].amount.isZero }) {
            Side(currency: lines[$0].amount.currency, incoming: lines[$0].amount.minorUnits > 0)
        }
        byCurrency = Dictionary(grouping: byDate) { lines[$0].amount.currency }.mapValues { list in
            list.sorted { (lines[$0].amount.minorUnits, days[$0], lines[$0].id) < (lines[$1].amount.minorUnits, days[$1], lines[$1].id) }
        }
        var byReference: [String: [Int]] = [:]
        for index in lines.indices {
            for key in referenceKeys[index] { byReference[key, default: []].append(index) }
        }
        self.byReference = byReference
        byID = Dictionary(lines.indices.map { (lines[$0].id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The lines of a date-sorted list whose day lies in `day ± days`.
    func window(_ sorted: [Int], day: Int, days window: Int) -> ArraySlice<Int> {
        let low = firstIndex(sorted) { days[$0] >= day - window }
        let high = firstIndex(sorted) { days[$0] > day + window }
        return sorted[low..<high]
    }

    /// The first position in `sorted` where `isPast` holds (it must hold for a suffix).
    func firstIndex(_ sorted: [Int], where isPast: (Int) -> Bool) -> Int {
        var low = 0
        var high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            if isPast(sorted[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
