public import LedgerCore
public import LedgerJournal
import TrustFundRules
import TransparencyLog
public import LedgerStore

/// What one journal entry did to one grant: the obligation it recorded, the money it paid, the
/// spending it recorded (5100), the programme support costs it charged (5200) and the money the
/// grantee gave back. An entry that reverses a grant entry (an approved reversal) moves the
/// grant by the reversed entry's figures negated, on its own date.
public struct GrantMovement: Sendable, Equatable {
    /// The journal entry's sequence number.
    public let seq: UInt64
    /// The entry's accounting date: the date the movement counts on.
    public let date: LedgerDate
    /// The entry's kind, e.g. `approval.approve`, `grant.report`, `reversal`.
    public let kind: EntryKind
    /// The grant's id.
    public let grant: String
    /// The entry this one reverses; nil for an entry that is not a reversal.
    public let reverses: UInt64?
    /// The date of the entry that first posted the figures (the reversed entry's date for a
    /// reversal): the date whose PSC rate charged them.
    public let chargedOn: LedgerDate
    /// The obligation recorded (Dr 9200.GRANT at the award's approval), in the fund currency; negative
    /// for a reversal.
    public let committed: Amount
    /// Money paid to the grantee (Dr 1300.GRANT at a tranche's approval), in the fund currency;
    /// negative for a reversal.
    public let paid: Amount
    /// Spending recorded (5100: partner reports, year-end accruals), in the fund currency; a refund of
    /// reported spending makes it negative.
    public let spent: Amount
    /// Programme support costs charged (5200), in the fund currency; negative when a refund or reversal
    /// takes them back.
    public let psc: Amount
    /// Money the grantee gave back (`grant.refund`), in the fund currency, positive; negative for a
    /// reversal.
    public let refunded: Amount

    var isEmpty: Bool { [committed, paid, spent, psc, refunded].allSatisfy(\.isZero) }
}

/// A grant's position over a period: Σ of its movements, reversals netted.
public struct GrantPosition: Sendable, Equatable {
    /// Σ obligations recorded, in the fund currency.
    public var committed: Amount
    /// Σ money paid to the grantee.
    public var paid: Amount
    /// Σ spending recorded (5100).
    public var spent: Amount
    /// Σ programme support costs charged (5200).
    public var psc: Amount
    /// Σ money the grantee gave back.
    public var refunded: Amount

    /// A position of zero in every figure, in `currency`.
    public init(_ currency: Currency) {
        committed = .zero(currency)
        paid = .zero(currency)
        spent = .zero(currency)
        psc = .zero(currency)
        refunded = .zero(currency)
    }

    mutating func add(_ movement: GrantMovement) throws {
        committed = try committed.adding(movement.committed)
        paid = try paid.adding(movement.paid)
        spent = try spent.adding(movement.spent)
        psc = try psc.adding(movement.psc)
        refunded = try refunded.adding(movement.refunded)
    }
}

/// The one source of every grant figure that reports and statements show (`vtf report grants`,
/// `vtf report psc`, `vtf grant list`, the donor statement's use of funds): each grant entry's
/// movement read from its postings, and each reversal of one as that movement negated, so a
/// reversed payment or partner report counts nowhere once its reversal is dated in the period.
public struct GrantPositions {
    /// Every grant movement of the journal, in entry order.
    public let movements: [GrantMovement]
    /// The fund currency, in which every figure is.
    public let currency: Currency

    /// Reads every grant movement of `ledger`, whose fund currency is `currency`.
    /// - Throws: when the ledger cannot be read, or an `AmountError` when a sum overflows.
    public init(_ ledger: any StoreSnapshot, currency: Currency) throws {
        self.currency = currency
        let entries = try ledger.entries(ofKinds: [.approvalApprove, .grantReport, .grantRefund, .reversal, .grantAccrue, .grantAccrueReverse])
        let reversals = try ledger.reversals()
        let reversing = Dictionary(reversals.map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        var originals: [UInt64: [GrantMovement]] = [:]
        var movements: [GrantMovement] = []
        for entry in entries {
            if let target = reversing[entry.seq] {
                for original in originals[target] ?? [] {
                    movements.append(try Self.negated(original, by: entry))
                }
                continue
            }
            // A year-end accrual's reversal (1 January) moves the grant by the accrual negated.
            if entry.kind == .grantAccrueReverse, let accrual = entry.data["accrual"]?.integerValue {
                for original in originals[UInt64(clamping: accrual)] ?? [] { movements.append(try Self.negated(original, by: entry)) }
                continue
            }
            let own = try Self.movements(of: entry, currency)
            originals[entry.seq] = own
            movements += own
        }
        self.movements = movements
    }

    /// The movements dated from `from` (nil: the start) through `through` (nil: the end).
    public func movements(from: LedgerDate? = nil, through: LedgerDate? = nil) -> [GrantMovement] {
        movements.filter { movement in
            (from.map { movement.date >= $0 } ?? true) && (through.map { movement.date <= $0 } ?? true)
        }
    }

    /// Each grant's position over the period, by grant id.
    public func positions(from: LedgerDate? = nil, through: LedgerDate? = nil) throws -> [String: GrantPosition] {
        var positions: [String: GrantPosition] = [:]
        for movement in movements(from: from, through: through) {
            try positions[movement.grant, default: GrantPosition(currency)].add(movement)
        }
        return positions
    }

    /// The fund's position over the period: Σ of every grant's.
    public func total(from: LedgerDate? = nil, through: LedgerDate? = nil) throws -> GrantPosition {
        var total = GrantPosition(currency)
        for movement in movements(from: from, through: through) { try total.add(movement) }
        return total
    }

    /// What an entry that is not a reversal did to each grant. An approval posts the award's
    /// obligation (Dr 9200.GRANT) or a tranche (Dr 1300.GRANT); a partner report and a refund
    /// post spending (5100) and PSC (5200) for the grant they name.
    static func movements(of entry: EntryBody, _ currency: Currency) throws -> [GrantMovement] {
        let zero = Amount.zero(currency)
        func sum(_ account: AccountCode) throws -> Amount {
            var total = zero
            for posting in entry.postings where posting.account == account { total = try total.adding(posting.value) }
            return total
        }
        switch entry.kind {
        case .approvalApprove:
            var committed: [String: Amount] = [:]
            var paid: [String: Amount] = [:]
            for posting in entry.postings where posting.value.minorUnits > 0 {
                if let grant = Self.grant(of: posting.account, under: FundChart.commitments) {
                    committed[grant] = try (committed[grant] ?? zero).adding(posting.value)
                } else if let grant = Self.grant(of: posting.account, under: FundChart.advances) {
                    paid[grant] = try (paid[grant] ?? zero).adding(posting.value)
                }
            }
            return Set(committed.keys).union(paid.keys).sorted().map { grant in
                GrantMovement(seq: entry.seq, date: entry.date, kind: entry.kind, grant: grant, reverses: nil, chargedOn: entry.date,
                              committed: committed[grant] ?? zero, paid: paid[grant] ?? zero, spent: zero, psc: zero, refunded: zero)
            }
        case .grantAccrue:
            // Spending accrued at year end (5100) and its PSC (5200): counted as spent until its
            // reversal on 1 January takes it out.
            let movement = GrantMovement(
                seq: entry.seq, date: entry.date, kind: entry.kind, grant: entry.data["grant"]?.stringValue ?? "", reverses: nil,
                chargedOn: entry.date, committed: zero, paid: zero, spent: try sum(FundChart.grantExpense), psc: try sum(FundChart.psc),
                refunded: zero)
            return movement.isEmpty ? [] : [movement]
        case .grantReport, .grantRefund:
            let grant = entry.data["grant"]?.stringValue ?? ""
            let refunded = entry.kind == .grantRefund ? try Money.parse(entry.data["amount"], currency) : zero
            var spent = try sum(FundChart.grantExpense)
            var psc = try sum(FundChart.psc)
            if entry.kind == .grantRefund {
                // A refund beyond the open advance returns reported spending and its PSC, to 5100
                // and 5200 in the spending's own year, to 4300 for an earlier year (FUND-RULES.md,
                // "Refunds from partners"): the grant's figures fall either way. What it did not
                // take off 1300.GRANT comes off spent; the cash beyond the amount off PSC.
                let advance = try Money.sum(entry.postings.filter { $0.account.isWithin(FundChart.advances) }.map(\.value), currency)
                let cash = try Money.sum(entry.postings.filter { $0.account == FundChart.cash }.map(\.value), currency)
                spent = try refunded.adding(advance).negated()
                psc = try cash.subtracting(refunded).negated()
            }
            let movement = GrantMovement(
                seq: entry.seq, date: entry.date, kind: entry.kind, grant: grant, reverses: nil, chargedOn: entry.date, committed: zero,
                paid: zero, spent: spent, psc: psc, refunded: refunded)
            return movement.isEmpty ? [] : [movement]
        default:
            return []
        }
    }

    static func negated(_ original: GrantMovement, by entry: EntryBody) throws -> GrantMovement {
        GrantMovement(
            seq: entry.seq, date: entry.date, kind: entry.kind, grant: original.grant, reverses: original.seq, chargedOn: original.chargedOn,
            committed: try original.committed.negated(), paid: try original.paid.negated(), spent: try original.spent.negated(),
            psc: try original.psc.negated(), refunded: try original.refunded.negated())
    }

    /// `GRANT` of `PARENT.GRANT`; nil for any other account.
    static func grant(of account: AccountCode, under parent: AccountCode) -> String? {
        let prefix = parent.rawValue + "."
        guard account.rawValue.hasPrefix(prefix) else { return nil }
        return String(account.rawValue.dropFirst(prefix.count))
    }
}
