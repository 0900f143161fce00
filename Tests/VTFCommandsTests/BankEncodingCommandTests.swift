import Foundation
import Testing

/// `vtf reconcile bank --encoding`: a Polish bank's MT940 in windows-1250 (Tests/Fixtures/bank).
@Suite("vtf reconcile bank --encoding")
struct BankEncodingCommandTests {
    static let sample = CLI.packageRoot.appendingPathComponent("Tests/Fixtures/bank/mt940_own_pkobp_cp1250.sta").path

    @Test func theNamedCodePageIsRead() throws {
        let fund = try FundLedger()
        defer { fund.base.remove() }
        let before = try fund.base.fileBytes()
        let named = try fund.run(["reconcile", "bank", "--statement", Self.sample, "--account", "1100", "--encoding", "windows-1250"])
        #expect(named.stdout.contains("PRZELEW PRZYCHODZĄCY"), "\(named.stdout)\(named.stderr)")
        let unknown = try fund.run(["reconcile", "bank", "--statement", Self.sample, "--account", "1100", "--encoding", "klingon"])
        #expect(unknown.status == 2 && unknown.stderr.contains("--encoding \"klingon\" is not an encoding vtf knows"), "\(unknown.stderr)")
        let strict = try fund.run(["reconcile", "bank", "--statement", Self.sample, "--account", "1100", "--encoding", "utf-8"])
        #expect(strict.status == 2 && strict.stderr.contains("mt940_own_pkobp_cp1250.sta line 6: byte 28 is not UTF-8"), "\(strict.stderr)")
        #expect(try fund.base.fileBytes() == before)
    }
}
