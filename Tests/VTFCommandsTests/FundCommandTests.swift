import Foundation
import Testing

/// A fund ledger made with `vtf init --template unvtf`, built once through the CLI and copied
/// for each test: maria (fund manager), chen (certifying officer), amara (approving officer),
/// chen-approving (a second key of chen's, approving role), maria-approving (maria's own
/// approving key); EUR rates from January 2026; Belgium's EUR 100,000.00 agreement, half paid,
/// EUR 30,000.00 of it converted into USD 37,500.00.
struct FundLedger {
    let base: TestLedger

    init() throws {
        let template = try Self.template.get()
        let dir = TestLedger.newFolder()
        try FileManager.default.removeItem(atPath: dir)
        try FileManager.default.copyItem(atPath: template.dir, toPath: dir)
        base = TestLedger(dir: dir)
    }

    private static let template = Result { try FundLedger.build() }

    private static func build() throws -> TestLedger {
        let ledger = TestLedger(dir: TestLedger.newFolder())
        for name in ["admin", "log", "maria", "chen", "amara", "chen-approving", "maria-approving"] {
            try ledger.expectOK(["key", "generate", "--out", ledger.key(name), "--name", name])
        }
        try ledger.expectOK(["init", "--ledger", ledger.ledger, "--origin", "test.example/unvtf", "--fund-name", "UNVTF test",
                             "--template", "unvtf", "--planned-expenditure", "100000.00", "--admin-key", ledger.key("admin"),
                             "--log-key", ledger.key("log"), "--date", "2026-01-01"])
        let people = [("maria", "maria", "fund-manager"), ("chen", "chen", "certifying-officer"), ("amara", "amara", "approving-officer"),
                      ("chen-approving", "chen", "approving-officer"), ("maria-approving", "maria", "approving-officer")]
        for (key, holder, role) in people {
            try ledger.expectOK(["key", "register", "--ledger", ledger.ledger, "--key", ledger.key("admin"), "--public-key",
                                 ledger.key(key) + ".pub", "--holder", holder, "--role", role, "--date", "2026-01-01"])
        }
        let fund = FundLedger(base: ledger)
        // A currency's first rate is confirmed by two people.
        try fund.ok(["rates", "set", "--month", "2026-01", "EUR=0.8000", "--request", "--ref", "FX-FIRST"])
        try fund.ok(["certify", "FX-FIRST"], as: "chen")
        try fund.ok(["approve", "FX-FIRST"], as: "amara")
        try fund.ok(["donor", "add", "BEL", "--name", "Belgium", "--type", "member-state", "--country", "BE", "--date", "2026-01-05"])
        try fund.ok(["agreement", "sign", "--donor", "BEL", "--amount", "100000.00", "--currency", "EUR", "--date", "2026-01-10", "--ref", "AGR-BEL-1"])
        try fund.ok(["receive", "--agreement", "AGR-BEL-1", "--amount", "50000.00", "--currency", "EUR", "--date", "2026-01-20", "--bank-ref", "B-1"])
        try fund.ok(["cash", "convert", "--amount", "30000.00", "--currency", "EUR", "--date", "2026-01-25", "--ref", "TRY-1"])
        try fund.ok(["pledge", "--donor", "BEL", "--amount", "20000.00", "--currency", "EUR", "--date", "2026-01-21", "--ref", "PL-1"])
        return ledger
    }

    private init(base: TestLedger) { self.base = base }

    /// Runs `vtf args` as `person` (default maria).
    @discardableResult
    func run(_ arguments: [String], as person: String = "maria") throws -> CLI.Result {
        try base.vtf(arguments, as: person)
    }

    @discardableResult
    func ok(_ arguments: [String], as person: String = "maria", sourceLocation: SourceLocation = #_sourceLocation) throws -> CLI.Result {
        let result = try run(arguments, as: person)
        #expect(result.status == 0, "vtf \(arguments.joined(separator: " ")): \(result.stderr)", sourceLocation: sourceLocation)
        return result
    }

    /// Runs a command that must be refused: exit 2, `words` in the message, the file unchanged.
    func refused(_ arguments: [String], as person: String = "maria", containing words: String,
                 sourceLocation: SourceLocation = #_sourceLocation) throws {
        let before = try base.fileBytes()
        let result = try run(arguments, as: person)
        #expect(result.status == 2, "exit \(result.status): \(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.stderr.contains(words), "\(result.stderr)", sourceLocation: sourceLocation)
        #expect(try base.fileBytes() == before, "the ledger changed", sourceLocation: sourceLocation)
    }

    /// The seq of the last journal entry of `kind`.
    func lastSeq(kind: String) throws -> String {
        let journal = try ok(["journal", "export"]).stdout.split(separator: "\n")
        let line = try #require(journal.last { $0.contains("\"kind\":\"\(kind)\"") }, "no \(kind) in the journal")
        return String(try #require(line.firstMatch(of: #/"seq":(\d+)/#)).1)
    }

    /// Reverses entry `seq`: maria requests it, chen certifies, amara approves.
    func approvedReversal(_ seq: String, date: String) throws {
        let request = try ok(["reverse", seq, "--date", date, "--memo", "correction"]).stdout
        let ref = String(try #require(request.firstMatch(of: #/REF (REV-2026-\d+)/#)).1)
        try ok(["certify", ref], as: "chen")
        try ok(["approve", ref], as: "amara")
    }

    /// Pays tranche `tranche` of G-1: requested by maria, certified by chen, approved by amara.
    func approvedPayment(tranche: Int, date: String, ref: String) throws {
        try ok(["grant", "disburse", "G-1", "--tranche", String(tranche), "--date", date, "--ref", ref])
        try ok(["certify", ref], as: "chen")
        try ok(["approve", ref], as: "amara")
    }

    /// Requests a USD 20,000.00 award in two tranches (G-1), certified by chen.
    func certifiedAward() throws {
        try ok(["grant", "award", "--grantee", "SHELTER", "--grantee-name", "Shelter", "--amount", "20000.00", "--date", "2026-02-01",
                "--ref", "G-1", "--tranches", "12000.00,8000.00"])
        try ok(["certify", "G-1"], as: "chen")
    }
}

extension TestLedger {
    init(dir: String) { self.dir = dir }
}

@Suite("Fund commands: two-person approval and the fund's rules, through the CLI")
struct FundCommandTests {
    @Test func templateSeedsTheChartAndSettings() throws {
        let fund = try FundLedger()
        defer { fund.base.remove() }
        let accounts = try fund.ok(["account", "list"]).stdout
        for code in ["1100", "1200", "1200.BEL", "2200", "2400", "3300", "4100", "4900", "5200", "5900", "9100", "9200", "9900"] {
            #expect(accounts.contains(code), "\(code) missing from\n\(accounts)")
        }
        let settings = try fund.ok(["setting", "list"]).stdout
        #expect(settings.contains("psc_rate") && settings.contains("13"))
        #expect(settings.contains("reserve_rate") && settings.contains("15"))
        #expect(settings.contains("write_off_limit") && settings.contains("10000.00"))
        #expect(try fund.ok(["verify"]).stdout.hasPrefix("ok: "))
    }

    @Test func aGrantGoesThroughTwoPeople() throws {
        let fund = try FundLedger()
        defer { fund.base.remove() }
        try fund.certifiedAward()
        let pending = try fund.ok(["pending"]).stdout
        #expect(pending.contains("G-1") && pending.contains("certified") && pending.contains("other than maria and chen"), "\(pending)")
        let approved = try fund.ok(["approve", "G-1"], as: "amara").stdout
        #expect(approved.contains("9200.G-1") && approved.contains("20000.00"), "\(approved)")
        let payment = try fund.ok(["grant", "disburse", "G-1", "--tranche", "1", "--date", "2026-02-10", "--ref", "PAY-1"]).stdout
        #expect(payment.contains("REF PAY-1"))
        try fund.ok(["certify", "PAY-1"], as: "chen")
        let paid = try fund.ok(["approve", "PAY-1"], as: "amara").stdout
        #expect(paid.contains("1300.G-1") && paid.contains("-12000.00"), "\(paid)")
        // PSC 13 % of 10,000.00 = 1,300.00.
        let report = try fund.ok(["grant", "report", "G-1", "--spent", "10000.00", "--date", "2026-06-30"]).stdout
        #expect(report.contains("5200") && report.contains("1300.00"), "\(report)")
        #expect(try fund.ok(["pending"]).stdout.contains("nothing waits"))
        #expect(try fund.ok(["verify"]).stdout.hasPrefix("ok: "))
    }

    @Test func selfApprovalIsRefused() throws {
        let fund = try FundLedger()
        defer { fund.base.remove() }
        try fund.certifiedAward()
        try fund.refused(["approve", "G-1"], as: "maria-approving", containing: "self-approval")
    }

    @Test func theCertifierMayNotApprove() throws {
        let fund = try FundLedger()
        defer { fund.base.remove() }
        try fund.certifiedAward()
        try fund.refused(["approve", "G-1"], as: "chen-approving", containing: "chen certified request G-1")
    }

    @Test func certificationBeyondAvailableFundsIsRefused() throws {
        let fund = try FundLedger()
        defer { fund.base.remove() }
        // Cash USD 37,500.00 + EUR 20,000.00 at 0.8000 = 62,500.00; reserve 15 % of 100,000.00 =
        // 15,000.00: available 47,500.00 (the receivable of EUR 50,000.00 does not count).
        try fund.ok(["grant", "award", "--grantee", "BIG", "--grantee-name", "Big", "--amount", "47500.01", "--date", "2026-02-01", "--ref", "G-BIG"])
        try fund.refused(["certify", "G-BIG"], as: "chen", containing: "exceeds the available funds of 47500.00")
    }

    /// Issue 11 item 2: EUR 7,111.11 of Belgium's receivable (EUR 50,000.00 carried at USD
    /// 62,500.00) carries 7,111.11 × 1.25 = 8,888.8875 → USD 8,888.89, within the limit of
    /// 10,000.00. A second such write-off of the same agreement in 2026 makes 17,777.78: refused.
    @Test func aSecondWriteOffPastTheYearsLimitIsRefused() throws {
        let fund = try FundLedger()
        defer { fund.base.remove() }
        try fund.ok(["receivable", "write-off", "--agreement", "AGR-BEL-1", "--amount", "7111.11", "--date", "2026-03-10", "--ref", "WO-1"])
        try fund.ok(["certify", "WO-1"], as: "chen")
        try fund.ok(["approve", "WO-1"], as: "amara")
        try fund.ok(["receivable", "write-off", "--agreement", "AGR-BEL-1", "--amount", "7111.11", "--date", "2026-03-20", "--ref", "WO-2"])
        try fund.refused(["certify", "WO-2"], as: "chen", containing: """
            the write-offs of agreement AGR-BEL-1 in 2026 would come to 17777.78 USD (8888.89 already approved or certified, \
            plus 8888.89 for request WO-2), above the write-off limit of 10000.00 USD
            """)
    }

    @Test func disbursementBeyondTheApprovedGrantIsRefused() throws {
        let fund = try FundLedger()
        defer { fund.base.remove() }
        try fund.certifiedAward()
        try fund.ok(["approve", "G-1"], as: "amara")
        try fund.refused(["grant", "disburse", "G-1", "--tranche", "2", "--amount", "8000.01", "--date", "2026-02-10"],
                         containing: "beyond the approved grant")
        try fund.refused(["grant", "disburse", "G-1", "--tranche", "3", "--date", "2026-02-10"], containing: "tranches 1…2")
    }

    @Test func aCurrencyWithoutARateIsRefused() throws {
        let fund = try FundLedger()
        defer { fund.base.remove() }
        try fund.refused(["agreement", "sign", "--donor", "BEL", "--amount", "1000.00", "--currency", "NOK", "--date", "2026-02-01", "--ref", "AGR-NOK"],
                         containing: "no UN operational rate for NOK on 2026-02-01")
        try fund.refused(["rates", "set", "--month", "2026-02", "NOK=abc"], containing: "NOK=abc")
    }

    @Test func revenueFromAPledgeIsRefused() throws {
        let fund = try FundLedger()
        defer { fund.base.remove() }
        // The pledge sits on memo account 9100; moving it to revenue 4100 would make a promise income.
        try fund.refused(["post", "--date", "2026-02-01", "--memo", "Pledge as revenue", "--posting", "9100:-20000.00:EUR:-25000.00",
                          "--posting", "4100:20000.00:EUR:25000.00"], containing: "never revenue")
    }

    @Test func backDatingIntoAClosedYearIsRefused() throws {
        let fund = try FundLedger()
        defer { fund.base.remove() }
        try fund.closeYear(2026)
        try fund.refused(["receive", "--agreement", "AGR-BEL-1", "--amount", "100.00", "--currency", "EUR", "--date", "2026-12-30", "--bank-ref", "LATE"],
                         containing: "2026 is closed")
        try fund.refused(["donor", "add", "FRA", "--name", "France", "--type", "member-state", "--date", "2026-06-01"], containing: "2026 is closed")
    }

    @Test func aMissingRoleIsRefused() throws {
        let fund = try FundLedger()
        defer { fund.base.remove() }
        try fund.ok(["grant", "award", "--grantee", "S", "--grantee-name", "S", "--amount", "100.00", "--date", "2026-02-01", "--ref", "G-2"])
        try fund.refused(["certify", "G-2"], as: "maria", containing: "that needs the role certifying-officer")
        try fund.refused(["approve", "G-2"], as: "chen", containing: "that needs the role approving-officer")
        try fund.refused(["donor", "add", "X", "--name", "X", "--type", "ngo"], as: "amara", containing: "that needs the role fund-manager")
    }

    @Test func aManualVoucherNeedsTwoPeople() throws {
        let fund = try FundLedger()
        defer { fund.base.remove() }
        let request = try fund.ok(["post", "--date", "2026-02-01", "--memo", "Audit fee", "--ref", "JV-1", "--posting", "5300:1200.00",
                                   "--posting", "1100:-1200.00"])
        _ = request
        try fund.refused(["approve", "JV-1"], as: "amara", containing: "must be certified first")
    }

    @Test func aCorrectionIsAnApprovedReversal() throws {
        let fund = try FundLedger()
        defer { fund.base.remove() }
        let journal = try fund.ok(["journal", "export"]).stdout
        let line = try #require(journal.split(separator: "\n").first { $0.contains(#""kind":"pledge.record""#) })
        let seq = try #require(line.firstMatch(of: #/"seq":(\d+)/#)).1
        let request = try fund.ok(["reverse", String(seq), "--date", "2026-01-22", "--memo", "pledge recorded twice"]).stdout
        let ref = String(try #require(request.firstMatch(of: #/REF (REV-2026-\d+)/#)).1)
        try fund.ok(["certify", ref], as: "chen")
        let approved = try fund.ok(["approve", ref], as: "amara").stdout
        #expect(approved.contains("9100") && approved.contains("-20000.00"), "\(approved)")
        #expect(try fund.ok(["verify"]).stdout.hasPrefix("ok: "))
    }

    @Test func badOptionsAreRefusedWithTheirName() throws {
        let fund = try FundLedger()
        defer { fund.base.remove() }
        try fund.refused(["receive", "--agreement", "AGR-BEL-1", "--amount", "12.345", "--currency", "EUR", "--bank-ref", "X"], containing: "--amount 12.345")
        try fund.refused(["rates", "set", "EUR=0.9"], containing: "--month")
        try fund.refused(["certify", "NO-SUCH"], as: "chen", containing: "there is no request NO-SUCH")
        try fund.refused(["donor", "add", "BAD ID", "--name", "x", "--type", "ngo"], containing: "BAD ID")
    }
}
