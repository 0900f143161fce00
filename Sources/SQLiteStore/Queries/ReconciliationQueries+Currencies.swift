public import LedgerCore
import GRDB
import LedgerStore

extension LedgerFile {
    /// The currencies `account` has postings in, whatever their dates: the currencies a bank
    /// statement for it may be in.
    public func accountCurrencies(_ account: AccountCode) throws -> Set<Currency> {
        try read { db in
            let codes = try String.fetchAll(db, sql: "SELECT DISTINCT currency FROM postings WHERE account = ?", arguments: [account.rawValue])
            return Set(try codes.map { try Currency(code: $0) })
        }
    }
}
