public import SQLiteStore
public import TrustFundRules

// The fund's records as typed values: what reports, statements and commands read instead of
// the raw fields of a StateRecord.

extension LedgerFile {
    /// Every approval request, by ref.
    public func requestRecords() throws -> [RequestRecord] {
        try fundRecords(RequestRecord.collection).map { try RequestRecord($0) }
    }

    /// The request `ref`; nil when there is none.
    public func requestRecord(_ ref: String) throws -> RequestRecord? {
        try fundRecord(RequestRecord.collection, ref).map { try RequestRecord($0) }
    }
}

extension LedgerFile {
    public func donorRecords() throws -> [DonorRecord] { try fundRecords(DonorRecord.collection).map { try DonorRecord($0) } }
    public func donorRecord(_ id: String) throws -> DonorRecord? { try fundRecord(DonorRecord.collection, id).map { try DonorRecord($0) } }
    public func agreementRecords() throws -> [AgreementRecord] {
        try fundRecords(AgreementRecord.collection).map { try AgreementRecord($0) }
    }
    public func agreementRecord(_ ref: String) throws -> AgreementRecord? {
        try fundRecord(AgreementRecord.collection, ref).map { try AgreementRecord($0) }
    }
    public func pledgeRecords() throws -> [PledgeRecord] { try fundRecords(PledgeRecord.collection).map { try PledgeRecord($0) } }
    public func grantRecords() throws -> [GrantRecord] { try fundRecords(GrantRecord.collection).map { try GrantRecord($0) } }
    public func grantRecord(_ id: String) throws -> GrantRecord? { try fundRecord(GrantRecord.collection, id).map { try GrantRecord($0) } }
}
