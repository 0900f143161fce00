import Foundation
import LedgerCore
import LedgerCrypto
import LedgerJournal
import TrustFundRules
import TransparencyLog
import LedgerStore
import SQLiteStore
import Testing

/// Every way text reaches an entry from the command line refuses what the verifier would never
/// accept — a tab pasted from a spreadsheet, a newline, an empty value, a value over the limit,
/// a control or a noncharacter — with exit 2, the option named and the ledger byte-identical;
/// what it accepts, `vtf verify` accepts.
@Suite("Writer and verifier: the flag paths")
struct WriterVerifierTests {
    /// Hostile values for a text option with limit `max`.
    static func badValues(max: Int) -> [(String, String)] {
        [("a tab", "Paid\tin full"), ("a newline", "two\nlines"), ("empty", ""), ("over the limit", String(repeating: "x", count: max + 1)),
         ("a noncharacter", "x" + String(Character(Unicode.Scalar(0xFFFF as UInt32) ?? "?"))), ("a C1 control", "next\u{85}line"),
         ("a carriage return", "a\rb")]
    }

    /// A fund command with `value` put in the option `flag`.
    struct FlagPath: CustomStringConvertible, Sendable {
        let flag: String
        let max: Int
        let arguments: @Sendable (String) -> [String]
        var description: String { "\(arguments("V").prefix(2).joined(separator: " ")) \(flag)" }
    }

    static let fundPaths: [FlagPath] = [
        FlagPath(flag: "--bank-ref", max: Limits.refLengthMax) {
            ["receive", "--agreement", "AGR-BEL-1", "--amount", "10.00", "--currency", "EUR", "--date", "2026-02-01", "--bank-ref", $0]
        },
        FlagPath(flag: "--ref", max: Limits.refLengthMax) {
            ["pledge", "--donor", "BEL", "--amount", "10.00", "--currency", "EUR", "--date", "2026-02-01", "--ref", $0]
        },
        FlagPath(flag: "--ref", max: Limits.refLengthMax) { ["interest", "allocate", "--income", "5.00", "--date", "2026-02-01", "--ref", $0] },
        FlagPath(flag: "--ref", max: Limits.refLengthMax) {
            ["cash", "convert", "--amount", "10.00", "--currency", "EUR", "--date", "2026-02-01", "--ref", $0]
        },
        FlagPath(flag: "--ref", max: Limits.refLengthMax) {
            ["grant", "recommend", "--ref", $0, "--grantee", "SAFE", "--grantee-name", "Safe Haven", "--amount", "100.00", "--date", "2026-02-01"]
        },
        FlagPath(flag: "--grantee-name", max: Limits.nameLengthMax) {
            ["grant", "recommend", "--ref", "REC-1", "--grantee", "SAFE", "--grantee-name", $0, "--amount", "100.00", "--date", "2026-02-01"]
        },
        FlagPath(flag: "--cycle", max: Limits.nameLengthMax) {
            ["grant", "recommend", "--ref", "REC-2", "--grantee", "SAFE", "--grantee-name", "Safe", "--amount", "100.00", "--cycle", $0, "--date", "2026-02-01"]
        },
        FlagPath(flag: "--bank-ref", max: Limits.refLengthMax) { ["grant", "refund", "G-1", "--amount", "5.00", "--date", "2026-02-01", "--bank-ref", $0] },
        FlagPath(flag: "--memo", max: Limits.memoLengthMax) {
            ["donor", "refund", "BEL", "--amount", "10.00", "--currency", "EUR", "--date", "2026-02-01", "--memo", $0]
        },
        FlagPath(flag: "--memo", max: Limits.memoLengthMax) {
            ["receivable", "write-off", "--agreement", "AGR-BEL-1", "--amount", "10.00", "--date", "2026-02-01", "--memo", $0]
        },
        FlagPath(flag: "--name", max: Limits.nameLengthMax) { ["donor", "add", "NLD", "--name", $0, "--type", "member-state", "--date", "2026-02-01"] },
        FlagPath(flag: "--earmark", max: Limits.nameLengthMax) {
            ["agreement", "sign", "--donor", "BEL", "--amount", "10.00", "--currency", "EUR", "--date", "2026-02-01", "--ref", "AGR-2", "--earmark", $0]
        },
    ]

    @Test(arguments: fundPaths)
    func fundFlagPathsRefuseBadText(path: FlagPath) throws {
        let fund = try FundLedger()
        defer { fund.base.remove() }
        for (what, value) in Self.badValues(max: path.max) {
            let before = try fund.base.fileBytes()
            let result = try fund.run(path.arguments(value))
            #expect(result.status == 2, "\(path) with \(what): exit \(result.status) \(result.stderr)")
            #expect(result.stderr.contains(path.flag), "\(path) with \(what): \(result.stderr)")
            #expect(try fund.base.fileBytes() == before, "\(path) with \(what): the ledger changed")
        }
        // The same flag spelled --flag=value is checked too.
        var arguments = path.arguments("a\tb")
        if let index = arguments.firstIndex(of: path.flag) {
            arguments[index] = path.flag + "=a\tb"
            arguments.remove(at: index + 1)
        }
        let joined = try fund.run(arguments)
        #expect(joined.status == 2 && joined.stderr.contains(path.flag), "\(arguments): \(joined.stderr)")
        #expect(try fund.run(["verify"]).status == 0)
    }

    @Test func acceptedTextVerifies() throws {
        let fund = try FundLedger()
        defer { fund.base.remove() }
        let limitRef = String(repeating: "R", count: Limits.refLengthMax)
        try fund.ok(["receive", "--agreement", "AGR-BEL-1", "--amount", "10.00", "--currency", "EUR", "--date", "2026-02-01", "--bank-ref", limitRef])
        try fund.ok(["pledge", "--donor", "BEL", "--amount", "10.00", "--currency", "EUR", "--date", "2026-02-01", "--ref", "Pledge — Zürich 😀"])
        try fund.ok(["interest", "allocate", "--income", "5.00", "--date", "2026-02-01", "--ref", "TRY Q1"])
        try fund.ok(["donor", "refund", "BEL", "--amount", "10.00", "--currency", "EUR", "--date", "2026-02-01",
                     "--memo", String(repeating: "é", count: Limits.memoLengthMax)])
        let verified = try fund.ok(["verify"])
        #expect(verified.stdout.hasPrefix("ok:"))
    }

    @Test func postAndReverseRefuseBadText() throws {
        let ledger = try TestLedger()
        defer { ledger.remove() }
        try #require(ledger.post(["1100:5.00", "4100:-5.00"]).status == 0)
        let seq = String(try ledger.vtf(["journal", "export"]).stdout.split(separator: "\n").count - 1)
        let paths: [(String, Int, (String) -> [String])] = [
            ("--memo", Limits.memoLengthMax, { ["post", "--date", "2026-02-01", "--memo", $0, "--posting", "1100:5.00", "--posting", "4100:-5.00"] }),
            ("--ref", Limits.refLengthMax, { ["post", "--date", "2026-02-01", "--memo", "m", "--ref", $0, "--posting", "1100:5.00", "--posting", "4100:-5.00"] }),
            ("--memo", Limits.memoLengthMax, { ["reverse", seq, "--date", "2026-02-02", "--memo", $0] }),
            ("--memo", Limits.memoLengthMax, { ["post", "--date", "2026-02-01", "--memo=\($0)", "--posting", "1100:5.00", "--posting", "4100:-5.00"] }),
        ]
        for (flag, max, arguments) in paths {
            for (what, value) in Self.badValues(max: max) {
                let before = try ledger.fileBytes()
                let result = try ledger.vtf(arguments(value))
                #expect(result.status == 2, "\(arguments("V").prefix(1)) \(flag) with \(what): exit \(result.status) \(result.stderr)")
                #expect(result.stderr.contains(flag), "\(flag) with \(what): \(result.stderr)")
                #expect(try ledger.fileBytes() == before, "\(flag) with \(what): the ledger changed")
            }
        }
        #expect(try ledger.vtf(["reverse", seq, "--date", "2026-02-02", "--memo", "Undo: wrong account"]).status == 0)
        #expect(try ledger.vtf(["verify"]).status == 0)
    }

    /// The writer itself, below the command line: a draft the verifier could not read is
    /// refused before it is signed, and nothing is written.
    @Test(arguments: ["a\tb", "", "x\n"])
    func theStoreRefusesADraftTheVerifierWouldRefuse(memo: String) throws {
        let ledger = try TestLedger()
        defer { ledger.remove() }
        let file = try LedgerFile.open(at: ledger.ledger, rules: .unvtf)
        let keys = WriteKeys(
            author: try KeyFile.readPrivateKey(at: ledger.key("alice"), passphrase: nil),
            log: try KeyFile.readPrivateKey(at: ledger.key("log"), passphrase: nil))
        let usd = Currency.usd
        let draft = EntryDraft(
            kind: .voucher, date: try LedgerDate(parsing: "2026-02-01"), memo: memo,
            postings: [
                Posting(account: try AccountCode("1100"), amount: Amount(minorUnits: 500, currency: usd), value: Amount(minorUnits: 500, currency: usd)),
                Posting(account: try AccountCode("4100"), amount: Amount(minorUnits: -500, currency: usd), value: Amount(minorUnits: -500, currency: usd)),
            ])
        let before = try file.entryCount()
        #expect(throws: RuleViolation.self) { try file.append([draft], keys: keys) }
        #expect(try file.entryCount() == before)
        #expect(try ledger.vtf(["verify"]).status == 0)
    }
}
