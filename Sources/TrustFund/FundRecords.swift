public import LedgerStore
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
