public import AuditBundle
public import LedgerCore
public import LedgerJournal
import TrustFundRules
import TransparencyLog

/// What a donor is told: its agreements, pledges, receipts, outstanding instalments and refunds,
/// and how the fund used its money in the period. Built from the ledger by
/// ``StatementBuilder``; rendered as JSON (signed, with inclusion proofs), HTML or CSV.
/// Every amount is exact; `value`s are in the fund's currency.
public struct DonorStatement: Sendable, Equatable {
    /// The fund the statement is from.
    public struct Fund: Sendable, Equatable {
        /// The fund's name, as the genesis entry gives it.
        public var name: String
        /// The ledger's origin, e.g. `unodc.org/unvtf`: also the checkpoint's origin.
        public var origin: String
        /// The fund's currency: every `value` of the statement is in it.
        public var currency: Currency
    }

    /// The donor the statement is for, as the ledger registers it.
    public struct Donor: Sendable, Equatable {
        /// The donor's id in the ledger.
        public var id: String
        /// The donor's name.
        public var name: String
        /// member-state, private-sector, foundation, individual, intergovernmental, ngo.
        public var type: String
        /// The donor's country (ISO 3166-1 alpha-2), nil when none is registered.
        public var country: String?
    }

    /// One instalment of an agreement's schedule, in the agreement's currency.
    public struct Instalment: Sendable, Equatable {
        /// The day it falls due.
        public var due: LedgerDate
        /// What the agreement schedules for that day.
        public var amount: Amount
        /// What is still unpaid of it on the statement's `to` date (receipts settle the oldest first).
        public var outstanding: Amount
    }

    /// A contribution agreement of the donor signed on or before the statement's `to` date, as it
    /// stands on that date.
    public struct Agreement: Sendable, Equatable {
        /// The agreement's reference.
        public var ref: String
        /// The day it was signed.
        public var date: LedgerDate
        /// The agreed amount, in the agreement's currency.
        public var amount: Amount
        /// Its value when signed, at that day's UN operational rate.
        public var value: Amount
        /// Whether the agreement has conditions (deferred revenue until they are met).
        public var conditional: Bool
        /// The earmark its money is restricted to, nil when unearmarked.
        public var earmark: String?
        /// Receipts applied to it up to the `to` date, reversals netted, in the agreement's currency.
        public var received: Amount
        /// What approved write-offs took off it up to the `to` date (reversals netted), in the
        /// agreement's currency: the donor will not be asked for it.
        public var writtenOff: Amount
        /// The amount less receipts and approved write-offs up to the `to` date, in the agreement's
        /// currency.
        public var outstanding: Amount
        /// Its instalments by due date, receipts paying the oldest first.
        public var instalments: [Instalment]
    }

    /// A pledge of the donor made on or before the statement's `to` date.
    public struct Pledge: Sendable, Equatable {
        /// The pledge's reference.
        public var ref: String
        /// The day it was made.
        public var date: LedgerDate
        /// The pledged amount, in the pledge's currency.
        public var amount: Amount
        /// Its value in the fund currency, as the ledger recorded it.
        public var value: Amount
        /// open or converted (into an agreement).
        public var status: String
    }

    /// A journal entry the statement lists (a receipt or a refund), with the proof that it is in
    /// the books: its canonical journal line and its Merkle inclusion proof to the statement's
    /// checkpoint.
    public struct Money: Sendable, Equatable {
        /// The entry's position in the journal (its Merkle leaf index).
        public var seq: UInt64
        /// The entry's accounting date.
        public var date: LedgerDate
        /// The agreement it was received against (receipts), or the refund request's ref.
        public var reference: String
        /// In the currency received or paid; positive.
        public var amount: Amount
        /// The UN operational rate used (units per 1 USD), and from when it was in force; nil
        /// in the fund currency.
        public var rate: String?
        /// The day from which ``rate`` was in force; nil in the fund currency.
        public var rateFrom: LedgerDate?
        /// Its value in the fund currency.
        public var value: Amount
        /// The bank's reference (receipts).
        public var bankRef: String?
        /// The signed journal line (RFC 8785 JSON with its `sig`), exactly as exported.
        public var entry: String
        /// Sibling hashes (lowercase hex) from the leaf to the checkpoint's root (RFC 9162).
        public var proof: [String]
        /// A refund's request (`approval.request` of a `donor.refund` naming the donor): its entry's
        /// position, signed journal line and inclusion proof, which show whose refund it is (the
        /// approval's postings do not name the donor). Nil for receipts.
        public var request: ListedEntry? = nil
    }

    /// A journal entry a statement lists, with its inclusion proof.
    public struct ListedEntry: Sendable, Equatable {
        /// The entry's position in the journal (its Merkle leaf index).
        public var seq: UInt64
        /// The signed journal line (RFC 8785 JSON with its `sig`), exactly as exported.
        public var entry: String
        /// Sibling hashes (lowercase hex) from the leaf to the checkpoint's root (RFC 9162).
        public var proof: [String]
    }

    /// How the fund used its money in the period, in the fund currency.
    public struct FundUse: Sendable, Equatable {
        /// Grants approved (obligations recorded) in the period.
        public var grantsCommitted: Amount
        /// Tranches paid to partners in the period.
        public var grantsPaid: Amount
        /// Spending on grants recorded in the period (5100: partners' reports, year-end accruals).
        public var grantsSpent: Amount
        /// Programme support costs charged in the period (5200), on grants and on the fund's own costs.
        public var psc: Amount
        /// Net assets (fund balance) at the end of the period, the reserve included.
        public var fundBalance: Amount
        /// The operating cash reserve at the end of the period.
        public var reserve: Amount
        /// How many grants were paid something in the period.
        public var grantsPaidCount: Int
    }

    /// The fund the statement is from.
    public var fund: Fund
    /// The donor it is for.
    public var donor: Donor
    /// The first day of the period (inclusive).
    public var from: LedgerDate
    /// The last day of the period (inclusive); agreements and pledges stand as on this day.
    public var to: LedgerDate
    /// The day the statement was made.
    public var issued: LedgerDate
    /// The donor's agreements signed up to ``to``, by ref.
    public var agreements: [Agreement]
    /// The donor's pledges made up to ``to``.
    public var pledges: [Pledge]
    /// Receipts on the donor's agreements dated in the period, reversed ones left out.
    public var receipts: [Money]
    /// Approved refunds to the donor dated in the period, reversed ones left out.
    public var refunds: [Money]
    /// How the fund used its money in the period.
    public var fundUse: FundUse
    /// The signed checkpoint (a C2SP note, cosignatures included) that every proof leads to.
    public var checkpoint: String
    /// The tree size of that checkpoint.
    public var checkpointSize: UInt64
    /// The auditors whose cosignature on the checkpoint covers the period: only cosignatures
    /// that verify with a key the journal registered as `auditor` (`CheckedJournal/audits(of:)`).
    /// Empty means the statement is "unaudited".
    public var auditedBy: [AuditorCosignature]

    /// The proofs of its figures by sealed balances, and the figures not proven; nil for a
    /// statement made without them.
    public var proofs: FigureProofs?

    /// Whether any auditor's cosignature covers the period (``auditedBy`` is not empty).
    public var isAudited: Bool { !auditedBy.isEmpty }

    /// A statement as ``StatementBuilder`` makes it.
    public init(
        fund: Fund, donor: Donor, from: LedgerDate, to: LedgerDate, issued: LedgerDate, agreements: [Agreement],
        pledges: [Pledge], receipts: [Money], refunds: [Money], fundUse: FundUse, checkpoint: String,
        checkpointSize: UInt64, auditedBy: [AuditorCosignature]
    ) {
        self.fund = fund
        self.donor = donor
        self.from = from
        self.to = to
        self.issued = issued
        self.agreements = agreements
        self.pledges = pledges
        self.receipts = receipts
        self.refunds = refunds
        self.fundUse = fundUse
        self.checkpoint = checkpoint
        self.checkpointSize = checkpointSize
        self.auditedBy = auditedBy
    }
}

/// The languages a statement is written in.
public enum StatementLanguage: String, Sendable, CaseIterable {
    case en, fr
}
