public import LedgerStore
public import TrustFundRules

// The fund's records as typed values: what reports, statements and commands read instead of
// the raw fields of a StateRecord.

extension StoreSnapshot {
    /// Every approval request, by ref.
    public func requestRecords() throws -> [RequestRecord] {
        try fundRecords(RequestRecord.collection).map { try RequestRecord($0) }
    }

    /// The request `ref`; nil when there is none.
    public func requestRecord(_ ref: String) throws -> RequestRecord? {
        try fundRecord(RequestRecord.collection, ref).map { try RequestRecord($0) }
    }
}

extension StoreSnapshot {
    /// Every donor, by id.
    public func donorRecords() throws -> [DonorRecord] { try fundRecords(DonorRecord.collection).map { try DonorRecord($0) } }
    /// The donor `id`; nil when there is none.
    public func donorRecord(_ id: String) throws -> DonorRecord? { try fundRecord(DonorRecord.collection, id).map { try DonorRecord($0) } }
    /// Every contribution agreement, by ref.
    public func agreementRecords() throws -> [AgreementRecord] {
        try fundRecords(AgreementRecord.collection).map { try AgreementRecord($0) }
    }
    /// The agreement `ref`; nil when there is none.
    public func agreementRecord(_ ref: String) throws -> AgreementRecord? {
        try fundRecord(AgreementRecord.collection, ref).map { try AgreementRecord($0) }
    }
    /// Every pledge, by ref.
    public func pledgeRecords() throws -> [PledgeRecord] { try fundRecords(PledgeRecord.collection).map { try PledgeRecord($0) } }
    /// Every grant, by id.
    public func grantRecords() throws -> [GrantRecord] { try fundRecords(GrantRecord.collection).map { try GrantRecord($0) } }
    /// The grant `id`; nil when there is none.
    public func grantRecord(_ id: String) throws -> GrantRecord? { try fundRecord(GrantRecord.collection, id).map { try GrantRecord($0) } }
}
