import Foundation
import Testing

extension FundLedger {
    /// The environment of a command recorded at `time` (RFC 3339 UTC).
    static func at(_ time: String) -> [String: String] { ["VTF_RECORDING_TIME": time] }

    /// Runs `vtf args` as `person`, recorded at `time`.
    @discardableResult
    func run(_ arguments: [String], as person: String = "maria", at time: String) throws -> CLI.Result {
        try base.vtf(arguments, as: person, environment: Self.at(time))
    }

    /// `vtf year close YEAR` by maria, `vtf certify` by chen and `vtf approve` by amara, all
    /// recorded early in the next year.
    func closeYear(_ year: Int, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let time = "\(year + 1)-01-05T09:00:00Z"
        let ref = "CLOSE-\(year)"
        for (arguments, person) in [(["year", "close", "\(year)", "--ref", ref], "maria"), (["certify", ref], "chen"), (["approve", ref], "amara")] {
            let result = try run(arguments, as: person, at: time)
            #expect(result.status == 0, "vtf \(arguments.joined(separator: " ")): \(result.stderr)", sourceLocation: sourceLocation)
        }
    }

    /// A refusal recorded at `time`: exit 2, `words` in the message, the file unchanged.
    func refused(_ arguments: [String], as person: String = "maria", at time: String, containing words: String,
                 sourceLocation: SourceLocation = #_sourceLocation) throws {
        let before = try base.fileBytes()
        let result = try run(arguments, as: person, at: time)
        #expect(result.status == 2, "exit \(result.status): \(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.stderr.contains(words), "\(result.stderr)", sourceLocation: sourceLocation)
        #expect(try base.fileBytes() == before, "the ledger changed", sourceLocation: sourceLocation)
    }
}

/// Issue 10 items 3, 6, 7 and 15 through the command line, as a user meets them.
@Suite struct ControlsCommandTests {
    /// The issue's case: `vtf year close 2030` on 2026-12-01 → exit 2, says when, nothing written.
    @Test func closingAFutureYearIsRefused() throws {
        let fund = try FundLedger()
        defer { fund.base.remove() }
        try fund.refused(["year", "close", "2030"], at: "2026-12-01T10:15:00Z",
                         containing: "2030 has not ended: it can be closed from 2031-01-01")
        try fund.refused(["year", "close", "2026"], at: "2026-12-01T10:15:00Z", containing: "it can be closed from 2027-01-01")
    }

    /// After the year: requested by maria, certified by chen, approved by amara; the approval
    /// closes the year, and the output names the three people.
    @Test func aCloseTakesThreePeople() throws {
        let fund = try FundLedger()
        defer { fund.base.remove() }
        let time = "2027-01-05T09:00:00Z"
        let request = try fund.run(["year", "close", "2026", "--ref", "CLOSE-2026"], at: time)
        #expect(request.status == 0, "\(request.stderr)")
        #expect(request.stderr.contains("vtf certify CLOSE-2026"))
        try fund.refused(["certify", "CLOSE-2026"], as: "chen-approving", at: time, containing: "that needs the role certifying-officer")
        #expect(try fund.run(["certify", "CLOSE-2026"], as: "chen", at: time).status == 0)
        try fund.refused(["approve", "CLOSE-2026"], as: "chen-approving", at: time, containing: "chen certified request CLOSE-2026")
        try fund.refused(["approve", "CLOSE-2026"], as: "maria-approving", at: time, containing: "maria made request CLOSE-2026")
        let approval = try fund.run(["approve", "CLOSE-2026"], as: "amara", at: time)
        #expect(approval.status == 0, "\(approval.stderr)")
        #expect(approval.stdout.contains("2026 is closed (requested by maria, certified by chen)"), "\(approval.stdout)")
        try fund.refused(["donor", "add", "FRA", "--name", "France", "--type", "member-state", "--date", "2026-12-31"], at: time,
                         containing: "2026 is closed")
        try fund.ok(["verify"])
    }

    @Test func aRateTwiceIsRefused() throws {
        let fund = try FundLedger()
        defer { fund.base.remove() }
        try fund.refused(["rates", "set", "--month", "2026-02", "EUR=0.9", "EUR=0.8"],
                         containing: "EUR is given twice for 2026-02-01: argument 1 (EUR=0.9) and argument 2 (EUR=0.8)")
        try fund.refused(["rates", "set", "--month", "2026-02", "EUR=0.9", "eur=0.8"], containing: "EUR is given twice")
        let file = fund.base.dir + "/rates.csv"
        try "effective,currency,rate\n2026-02-01,EUR,0.9000\n2026-02-01,GBP,0.7800\n2026-02-01,EUR,0.8000\n"
            .write(toFile: file, atomically: true, encoding: .utf8)
        try fund.refused(["rates", "import", file], containing: "rates.csv line 4: EUR already has a rate for 2026-02-01 on line 2")
    }

    @Test func countryCodesAreAssignedAndUpperCase() throws {
        let fund = try FundLedger()
        defer { fund.base.remove() }
        try fund.refused(["donor", "add", "X1", "--name", "X", "--type", "member-state", "--country", "XQ", "--date", "2026-02-01"],
                         containing: "country \"XQ\" is not an assigned ISO 3166-1 alpha-2 country code")
        try fund.refused(["donor", "add", "X1", "--name", "X", "--type", "member-state", "--country", "be", "--date", "2026-02-01"],
                         containing: "country \"be\" must be written in upper case: BE")
        try fund.ok(["donor", "add", "FRA", "--name", "France", "--type", "member-state", "--country", "FR", "--date", "2026-02-01"])
    }

    /// `vtf key register` refuses a look-alike holder unless the admin says which it is; a
    /// confirmed same person still cannot certify her own request.
    @Test func lookAlikeHoldersNeedAnExplicitDecision() throws {
        let fund = try FundLedger()
        defer { fund.base.remove() }
        try fund.base.expectOK(["key", "generate", "--out", fund.base.key("maria2"), "--name", "maria2"])
        let register = ["key", "register", "--ledger", fund.base.ledger, "--key", fund.base.key("admin"), "--public-key",
                        fund.base.key("maria2") + ".pub", "--holder", "m\u{0430}ria", "--role", "certifying-officer", "--date", "2026-01-02"]
        let before = try fund.base.fileBytes()
        let refused = try CLI.vtf(register, in: fund.base.dir)
        #expect(refused.status == 2, "\(refused.stderr)")
        #expect(refused.stderr.contains("looks like the registered holder \"maria\""), "\(refused.stderr)")
        #expect(refused.stderr.contains("--same-person-confirmed"))
        #expect(try fund.base.fileBytes() == before)
        try fund.base.expectOK(register + ["--same-person-confirmed"])
        try fund.ok(["setting", "change", "psc_rate", "7", "--from", "2026-03-01", "--date", "2026-03-01", "--ref", "SET-9"])
        try fund.refused(["certify", "SET-9"], as: "maria2", containing: "made request SET-9 (as \"maria\") and may not certify it")
        try fund.ok(["verify"])
    }
}
