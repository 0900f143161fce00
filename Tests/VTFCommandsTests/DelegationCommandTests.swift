import Foundation
import LedgerCrypto
import Testing

/// `vtf key delegate` (issue 11 item 10): an approving officer's approval above the limit the
/// admin delegated to its key is refused, exit 2, the ledger byte-identical.
@Suite struct DelegationCommandTests {
    @Test func aDelegatedApproverAboveItsLimitIsRefused() throws {
        let fund = try FundLedger()
        defer { fund.base.remove() }
        let amara = try KeyFile.readPublicKey(at: fund.base.key("amara") + ".pub").keyID
        try fund.ok(["key", "delegate", "--key-id", amara, "--limit", "15000.00", "--from", "2026-01-01", "--to", "2026-12-31",
                     "--date", "2026-01-20"], as: "admin")
        try fund.certifiedAward()
        try fund.refused(["approve", "G-1"], as: "amara", containing: """
            request G-1 is worth 20000.00 USD, above the limit of 15000.00 delegated to amara's key from 2026-01-01
            """)
        try fund.refused(["key", "delegate", "--key-id", amara, "--limit", "25000.00", "--from", "2026-03-01", "--to", "2026-02-01",
                          "--date", "2026-01-20"], as: "admin", containing: "to must not be before from")
    }

    /// The limit is read as the fund currency's amount before anything is drafted: a bad one
    /// names the option, and the limit recorded is the amount's own form.
    @Test func theLimitIsAnAmountOfTheFundCurrency() throws {
        let fund = try FundLedger()
        defer { fund.base.remove() }
        let amara = try KeyFile.readPublicKey(at: fund.base.key("amara") + ".pub").keyID
        for (limit, words) in [("15000.001", "--limit"), ("-5", "--limit"), ("0", "--limit must be more than zero"), ("lots", "--limit")] {
            try fund.refused(["key", "delegate", "--key-id", amara, "--limit", limit, "--from", "2026-01-01", "--to", "2026-12-31",
                              "--date", "2026-01-20"], as: "admin", containing: words)
        }
        try fund.ok(["key", "delegate", "--key-id", amara, "--limit", "15000", "--from", "2026-01-01", "--to", "2026-12-31",
                     "--date", "2026-01-20"], as: "admin")
        let journal = try fund.ok(["journal", "export"]).stdout
        #expect(journal.contains(#""limit":"15000.00""#), "\(journal)")
    }
}
