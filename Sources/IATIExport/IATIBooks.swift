public import LedgerCore
import LedgerJournal
public import LedgerStore
import TrustFund
import TrustFundRules

/// The fund's transactions as IATI types them, read from the journal after a checked read of it
/// (`CheckedJournal`) in the same snapshot, so what is published is what the signed log says.
///
/// - The fund's own activity: each agreement signed (11, its receivable's value), each receipt
///   (1, gross: the cash and the bank charges it paid), each refund to a donor (1, negative) and
///   the fund's spending per entry (4: PSC 5200, fund management 5300, bank charges 5400,
///   cash-pool costs 5500; a refund of PSC negative).
/// - One activity per grant: its award (2) and its tranches (3), money returned negative, from
///   `GrantPositions`, the one source of every grant figure.
///
/// An entry an approved reversal undid, and its reversal, are left out (together they move
/// nothing); so are a year-end accrual and its reversal on 1 January, and the year's close.
/// Every value is in the fund currency.
public struct IATIBooks: Sendable {
    /// Who publishes, and the fund's activity identifier.
    public let publisher: IATIPublisher
    /// The fund's name (the activity's title).
    public let fundName: String
    /// The fund currency: every value is in it.
    public let currency: Currency
    /// The date of the ledger's first entry: the fund activity's start.
    public let started: LedgerDate
    /// The recording time of the journal's last entry (RFC 3339): when the data last changed.
    public let updated: String
    /// The journal's size and Merkle root (hex) that the read was checked against.
    public let size: UInt64
    /// The root of the journal of ``size`` entries, hex.
    public let root: String
    /// The donors whose money the transactions show, by published name (individuals never named).
    public let donors: [IATIOrganisation]
    /// The fund activity's transactions, in journal order.
    public let fundTransactions: [IATITransaction]
    /// Every grant, by id.
    public let grants: [IATIGrant]

    /// The IATI view of `snapshot`, the fund's transactions, for `publisher`.
    /// - Throws: a `VerificationFailure` when the journal does not match its signed checkpoint,
    ///   a `StoreError` when the ledger cannot be read.
    public static func read(_ snapshot: any StoreSnapshot, publisher: IATIPublisher) throws -> IATIBooks {
        let checked = try CheckedJournal.check(snapshot, outcome: "exported")
        guard let settings = try snapshot.settings() else { throw StoreError(.noGenesis, "the ledger has no genesis entry") }
        let currency = settings.currency
        let entries = try snapshot.entries(ofKinds: snapshot.rules.kinds).sorted { $0.seq < $1.seq }
        var reader = IATIEntryReader(
            currency: currency, publisher: publisher, entries: entries, donors: try snapshot.donorRecords(),
            undone: Self.undone(entries, reversals: try snapshot.reversals()))
        let fund = try reader.fundTransactions()
        let grants = try reader.grants(try snapshot.grantRecords(), positions: try GrantPositions(snapshot, currency: currency))
        return IATIBooks(
            publisher: publisher, fundName: settings.fundName, currency: currency, started: entries.first?.date ?? settings.openingDate ?? .earliest,
            updated: entries.last?.time ?? "", size: checked.entryCount, root: checked.root.hex, donors: reader.fundingDonors,
            fundTransactions: fund, grants: grants)
    }

    /// Every transaction of one type, fund and grants alike.
    public func transactions(_ type: IATITransactionType) -> [IATITransaction] {
        (fundTransactions + grants.flatMap(\.transactions)).filter { $0.type == type }
    }

    /// Σ of the values of one type's transactions, in the fund currency.
    /// - Throws: an `AmountError` when the sum overflows.
    public func total(_ type: IATITransactionType) throws -> Amount {
        var sum = Amount.zero(currency)
        for transaction in transactions(type) { sum = try sum.adding(transaction.value) }
        return sum
    }

    /// The seqs of the entries that move nothing together: each reversed entry and its
    /// reversal, each year-end accrual and its reversal on 1 January.
    static func undone(_ entries: [EntryBody], reversals: [UInt64: UInt64]) -> Set<UInt64> {
        var undone = Set(reversals.keys).union(reversals.values)
        for entry in entries where entry.kind == FundKind.grantAccrueReverse.entryKind {
            guard let accrual = entry.data["accrual"]?.integerValue, accrual > 0 else { continue }
            undone.insert(entry.seq)
            undone.insert(UInt64(accrual))
        }
        return undone
    }
}
