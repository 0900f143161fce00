import Foundation
import Testing

/// `vtf secretariat cost` refusals as a careless person meets them: what is wrong, named by the
/// option given, with no would-be entry number, and the ledger untouched.
@Suite("vtf secretariat cost refusals")
struct SecretariatCommandTests {
    private func cost(_ payee: String, amount: String = "420.00", ref: String) -> [String] {
        ["secretariat", "cost", "--category", "audit", "--payee", payee, "--amount", amount, "--invoice", "INV-\(ref)",
         "--date", "2026-02-01", "--ref", ref]
    }

    @Test func aBadPayeeIsNamedWithoutTheWouldBeEntryNumber() throws {
        let fund = try FundLedger()
        defer { fund.base.remove() }
        for (payee, words) in [("", "refused: payee is empty"), ("a\tb", "refused: payee contains a control character")] {
            try fund.refused(cost(payee, ref: "SEC-1"), containing: words)
            let stderr = try fund.run(cost(payee, ref: "SEC-1")).stderr
            #expect(!stderr.contains("entry "), "\(stderr)")
            #expect(!stderr.contains("data:"), "\(stderr)")
        }
    }

    /// The largest amount vtf keeps is accepted by the amount parser, but its PSC cannot be added
    /// to it: refused when asked for, saying so, not at certification with an overflow.
    @Test func aCostTooLargeToPayWithItsPSCIsRefusedWhenAskedFor() throws {
        let fund = try FundLedger()
        defer { fund.base.remove() }
        try fund.refused(cost("UN Board of Auditors", amount: "92233720368547758.07", ref: "SEC-BIG"),
                         containing: "amount 92233720368547758.07 is too large: with the PSC on it")
        let stderr = try fund.run(cost("UN Board of Auditors", amount: "92233720368547758.07", ref: "SEC-BIG")).stderr
        #expect(!stderr.contains("overflow"), "\(stderr)")
        try fund.ok(cost("UN Board of Auditors", ref: "SEC-OK"))
    }
}
