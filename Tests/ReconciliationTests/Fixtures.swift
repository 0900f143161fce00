import BankStatements
import LedgerCore
import Reconciliation

/// Small builders: days count from 2026-03-01 (day 0), amounts are USD minor units.
enum Fixture {
    static func date(_ day: Int) throws -> LedgerDate {
        try LedgerDate(year: 2026, month: 3, day: 1).adding(days: day)
    }

    static func usd(_ minorUnits: Int64) -> Amount {
        Amount(minorUnits: minorUnits, currency: .usd)
    }

    static func bank(
        _ minorUnits: Int64, day: Int, bookingDay: Int? = nil, id: String? = nil, endToEnd: String? = nil,
        references: [String] = [], counterparty: String? = nil, account: String? = nil, text: String = "",
        batchCount: Int? = nil, reversal: Bool = false, line: Int
    ) throws -> BankLine {
        BankLine(
            bankID: id, amount: usd(minorUnits), bookingDate: try date(bookingDay ?? day), valueDate: try date(day),
            endToEndID: endToEnd, references: references, counterparty: counterparty, counterpartyAccount: account,
            text: text, batchCount: batchCount, isReversal: reversal, sourceLine: line
        )
    }

    static func book(
        _ seq: UInt64, _ minorUnits: Int64, day: Int, references: [String] = [], counterparties: [String] = [],
        kind: String = "contribution.receive"
    ) throws -> BookLine {
        BookLine(
            seq: seq, line: 0, date: try date(day), amount: usd(minorUnits), kind: kind, references: references,
            counterparties: counterparties
        )
    }

    static func id(_ seq: UInt64) -> BookLineID { BookLineID(seq: seq, line: 0) }
}

/// SplitMix64: a seeded generator, so that the property tests are the same on every run.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}

extension MatchResult {
    /// Bank source line → (book seqs, rule) for compact expectations.
    var pairs: [Int: ([UInt64], MatchRule)] {
        Dictionary(uniqueKeysWithValues: matches.map { ($0.bank.sourceLine, ($0.book.map(\.seq), $0.rule)) })
    }

    /// The seqs matched to the bank line at a source line, nil when it is not matched.
    func seqs(_ sourceLine: Int) -> [UInt64]? { pairs[sourceLine]?.0 }

    func rule(_ sourceLine: Int) -> MatchRule? { pairs[sourceLine]?.1 }
}
