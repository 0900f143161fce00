public import LedgerCore
public import LedgerJournal
import TrustFundRules
import TransparencyLog

/// What a donor is told: its agreements, pledges, receipts, outstanding instalments and refunds,
/// and how the fund used its money in the period. Built from the ledger by
/// ``StatementBuilder``; rendered as JSON (signed, with inclusion proofs), HTML or CSV.
/// Every amount is exact; `value`s are in the fund's currency.
public struct DonorStatement: Sendable, Equatable {
    public struct Fund: Sendable, Equatable {
        public var name: String
        /// The ledger's origin, e.g. `unodc.org/unvtf`: also the checkpoint's origin.
        public var origin: String
        public var currency: Currency
    }

    public struct Donor: Sendable, Equatable {
        public var id: String
        public var name: String
        /// member-state, private-sector, foundation, individual, intergovernmental, ngo.
        public var type: String
        public var country: String?
    }

    public struct Instalment: Sendable, Equatable {
        public var due: LedgerDate
        public var amount: Amount
        /// What is still unpaid of it on the statement's `to` date (receipts settle the oldest first).
        public var outstanding: Amount
    }

    public struct Agreement: Sendable, Equatable {
        public var ref: String
        public var date: LedgerDate
        public var amount: Amount
        /// Its value when signed, at that day's UN operational rate.
        public var value: Amount
        public var conditional: Bool
        public var earmark: String?
        public var received: Amount
        public var outstanding: Amount
        public var instalments: [Instalment]
    }

    public struct Pledge: Sendable, Equatable {
        public var ref: String
        public var date: LedgerDate
        public var amount: Amount
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
        public var date: LedgerDate
        /// The agreement it was received against (receipts), or the refund request's ref.
        public var reference: String
        /// In the currency received or paid; positive.
        public var amount: Amount
        /// The UN operational rate used (units per 1 USD), and from when it was in force; nil
        /// in the fund currency.
        public var rate: String?
        public var rateFrom: LedgerDate?
        /// Its value in the fund currency.
        public var value: Amount
        /// The bank's reference (receipts).
        public var bankRef: String?
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
        /// Spending accepted from partners' reports in the period.
        public var grantsSpent: Amount
        /// Programme support costs charged in the period.
        public var psc: Amount
        /// Net assets (fund balance) at the end of the period, the reserve included.
        public var fundBalance: Amount
        /// The operating cash reserve at the end of the period.
        public var reserve: Amount
        /// How many grants were paid something in the period.
        public var grantsPaidCount: Int
    }

    public var fund: Fund
    public var donor: Donor
    public var from: LedgerDate
    public var to: LedgerDate
    /// The day the statement was made.
    public var issued: LedgerDate
    public var agreements: [Agreement]
    public var pledges: [Pledge]
    public var receipts: [Money]
    public var refunds: [Money]
    public var fundUse: FundUse
    /// The signed checkpoint (a C2SP note, cosignatures included) that every proof leads to.
    public var checkpoint: String
    /// The tree size of that checkpoint.
    public var checkpointSize: UInt64
    /// The auditors whose cosignature on the checkpoint covers the period: only cosignatures
    /// that verify with a key the journal registered as `auditor` (`CheckedJournal/audits(of:)`).
    /// Empty means the statement is "unaudited".
    public var auditedBy: [AuditorCosignature]

    public var isAudited: Bool { !auditedBy.isEmpty }

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
