import CanonicalJSON
import LedgerCore
import LedgerJournal
import TrustFund
import TrustFundRules

/// Reads the journal's entries into IATI transactions (``IATIBooks``): the fund's from each
/// entry's postings, the grants' from `GrantPositions`.
struct IATIEntryReader {
    let currency: Currency
    let publisher: IATIPublisher
    let entries: [EntryBody]
    /// The entries left out: reversed, reversing, accrued and reversed on 1 January.
    let undone: Set<UInt64>
    /// The donor records by id.
    let donorsByID: [String: DonorRecord]
    /// The donor each agreement was signed with, by agreement ref (from the `agreement.sign` entries).
    let agreementDonors: [String: String]
    /// Each request's action and parameters, by ref (from the `approval.request` entries).
    let requests: [String: JSONObject]
    /// The donors named as providers so far, in order of first appearance.
    private(set) var fundingDonors: [IATIOrganisation] = []

    /// The fund's expense lines published as expenditure, with their descriptions.
    static let expenditure: [(account: AccountCode, description: String)] = [
        (FundChart.psc, "Programme support costs"),
        (FundChart.secretariat, "Fund management (Board of Trustees, evaluation, audit)"),
        (FundChart.bankCharges, "Bank charges"),
        (FundChart.cashPoolCosts, "Cash-pool costs"),
    ]

    init(currency: Currency, publisher: IATIPublisher, entries: [EntryBody], donors: [DonorRecord], undone: Set<UInt64>) {
        self.currency = currency
        self.publisher = publisher
        self.entries = entries
        self.undone = undone
        donorsByID = Dictionary(donors.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var agreementDonors: [String: String] = [:]
        var requests: [String: JSONObject] = [:]
        for entry in entries {
            if entry.kind == FundKind.agreementSign.entryKind, let ref = entry.ref, let donor = entry.data["donor"]?.stringValue {
                agreementDonors[ref] = donor
            }
            if entry.kind == FundKind.approvalRequest.entryKind, let ref = entry.ref { requests[ref] = entry.data }
        }
        self.agreementDonors = agreementDonors
        self.requests = requests
    }

    /// The reporting organisation, as the provider of what the fund pays.
    var reportingOrg: IATIOrganisation {
        IATIOrganisation(ref: publisher.reportingOrgRef, type: "40", name: publisher.reportingOrgName, activityID: publisher.activityID)
    }

    // MARK: - The fund's activity

    /// The fund activity's transactions, in journal order.
    mutating func fundTransactions() throws -> [IATITransaction] {
        var transactions: [IATITransaction] = []
        for entry in entries where !undone.contains(entry.seq) && entry.kind != FundKind.yearClose.entryKind {
            if let incoming = try incoming(entry) { transactions.append(incoming) }
            transactions += try spending(entry)
        }
        return transactions
    }

    /// An agreement signed (11), a receipt (1) or a refund to a donor (1, negative); nil for
    /// any other entry.
    mutating func incoming(_ entry: EntryBody) throws -> IATITransaction? {
        switch FundKind(entry.kind) {
        case .agreementSign:
            let value = try sum(entry, { $0.isWithin(FundChart.receivables) }, positiveOnly: true)
            let amount = entry.data["amount"]?.stringValue.map { " (\($0) \(entry.data["currency"]?.stringValue ?? ""))" } ?? ""
            return transaction(.incomingCommitment, entry, value, "Contribution agreement signed\(amount)",
                               provider: donor(entry.data["donor"]?.stringValue))
        case .contributionReceive, .contributionUnidentified:
            // Gross: what reached the cash and what the bank kept (published as expenditure).
            let value = try sum(entry, { $0.isWithin(FundChart.cash) || $0.isWithin(FundChart.bankCharges) })
            let amount = entry.data["amount"]?.stringValue.map { " (\($0) \(entry.data["currency"]?.stringValue ?? ""))" } ?? ""
            let donorID = entry.data["agreement"]?.stringValue.flatMap { agreementDonors[$0] }
            let provider = entry.kind == FundKind.contributionUnidentified.entryKind
                ? IATIOrganisation(ref: nil, type: nil, name: "Donor not yet identified (receipt held in suspense)") : donor(donorID)
            return transaction(.incomingFunds, entry, value, "Contribution received\(amount)", provider: provider)
        case .approvalApprove:
            guard let ref = entry.data["request"]?.stringValue, let request = requests[ref],
                request["action"]?.stringValue == RequestAction.donorRefund.rawValue
            else { return nil }
            let value = try sum(entry, { $0.isWithin(FundChart.cash) })
            return transaction(.incomingFunds, entry, value, "Refund to a donor", provider: donor(request["donor"]?.stringValue))
        default:
            return nil
        }
    }

    /// The fund's own spending that `entry` posts, one expenditure (4) per expense line with a
    /// value; grant entries' PSC included (5200), a refund of PSC negative.
    func spending(_ entry: EntryBody) throws -> [IATITransaction] {
        var transactions: [IATITransaction] = []
        for (account, description) in Self.expenditure {
            let value = try sum(entry, { $0.isWithin(account) })
            guard !value.isZero else { continue }
            let receiver = account == FundChart.psc ? IATIOrganisation(ref: publisher.reportingOrgRef, type: "40", name: publisher.reportingOrgName) : nil
            transactions.append(IATITransaction(
                type: .expenditure, seq: entry.seq, date: entry.date, value: value, description: description, provider: reportingOrg,
                receiver: receiver))
        }
        return transactions
    }

    // MARK: - The grants' activities

    /// Each grant recorded, with its commitment (2), payments (3) and refunds (3, negative), the
    /// movements undone left out.
    func grants(_ records: [GrantRecord], positions: GrantPositions) throws -> [IATIGrant] {
        var byGrant: [String: [GrantMovement]] = [:]
        for movement in positions.movements where !undone.contains(movement.seq) && movement.reverses == nil {
            byGrant[movement.grant, default: []].append(movement)
        }
        return try records.sorted { $0.id < $1.id }.map { record in
            let name = IATIGrant.displayName(publicName: record.publicName, country: record.country)
            let receiver = IATIOrganisation(ref: nil, type: nil, name: name)
            var transactions: [IATITransaction] = []
            for movement in byGrant[record.id] ?? [] {
                let parts: [(IATITransactionType, Amount, String)] = [
                    (.outgoingCommitment, movement.committed, "Grant \(record.id) awarded"),
                    (.disbursement, movement.paid, "Grant \(record.id): tranche paid"),
                    (.disbursement, try movement.refunded.negated(), "Grant \(record.id): money returned by the partner"),
                ]
                for (type, value, description) in parts where !value.isZero {
                    transactions.append(IATITransaction(
                        type: type, seq: movement.seq, date: movement.date, value: value, description: description, provider: reportingOrg,
                        receiver: receiver))
                }
            }
            return IATIGrant(
                id: record.id, displayName: name, country: record.country, sector: record.sector, awarded: record.awarded,
                closed: record.closed, transactions: transactions)
        }
    }

    // MARK: - Helpers

    func transaction(
        _ type: IATITransactionType, _ entry: EntryBody, _ value: Amount, _ description: String, provider: IATIOrganisation?
    ) -> IATITransaction? {
        guard !value.isZero else { return nil }
        return IATITransaction(
            type: type, seq: entry.seq, date: entry.date, value: value, description: description, provider: provider, receiver: reportingOrg)
    }

    /// Σ of the values of `entry`'s postings whose account `matches` (only the debits when
    /// `positiveOnly`), in the fund currency.
    func sum(_ entry: EntryBody, _ matches: (AccountCode) -> Bool, positiveOnly: Bool = false) throws -> Amount {
        var total = Amount.zero(currency)
        for posting in entry.postings where matches(posting.account) && (!positiveOnly || posting.value.minorUnits > 0) {
            total = try total.adding(posting.value)
        }
        return total
    }

    /// The donor `id` as published: an individual is never named; nil for no donor.
    mutating func donor(_ id: String?) -> IATIOrganisation? {
        guard let id else { return nil }
        let record = donorsByID[id]
        let organisation: IATIOrganisation
        switch record?.type {
        case "individual": organisation = IATIOrganisation(ref: nil, type: "90", name: "Individual donors")
        case let type?: organisation = IATIOrganisation(ref: nil, type: Self.organisationType[type], name: record?.name ?? id)
        case nil: organisation = IATIOrganisation(ref: nil, type: nil, name: id)
        }
        if !fundingDonors.contains(organisation) { fundingDonors.append(organisation) }
        return organisation
    }

    /// IATI organisation types (codelist `OrganisationType`) of the fund's donor types.
    static let organisationType: [String: String] = [
        "member-state": "10", "intergovernmental": "40", "private-sector": "70", "foundation": "60", "ngo": "21",
    ]
}
