import CanonicalJSON
import Foundation
import Testing

@Suite("The vtf command line")
struct LedgerCommandTests {
    @Test func keyGenerateWritesPrivateKeyWithMode0600() throws {
        let dir = TestLedger.newFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let result = try CLI.vtf(["key", "generate", "--out", "k.pem", "--name", "Kim"], in: dir)
        #expect(result.status == 0)
        let id = try #require(result.stdout.split(separator: "\n").first { $0.hasPrefix("key id: ") }?.dropFirst(8))
        #expect(id.count == 64 && id.allSatisfy(\.isHexDigit))
        let attributes = try FileManager.default.attributesOfItem(atPath: dir + "/k.pem")
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        #expect(FileManager.default.fileExists(atPath: dir + "/k.pem.pub"))
        // openssl, knowing nothing of vtf, derives the same key id from the private key.
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl") {
            let der = try CLI.run("/usr/bin/openssl", ["pkey", "-in", "k.pem", "-pubout", "-outform", "DER", "-out", "k.der"], in: dir)
            #expect(der.status == 0, "\(der.stderr)")
            let raw = try Data(contentsOf: URL(fileURLWithPath: dir + "/k.der")).suffix(32)
            try raw.write(to: URL(fileURLWithPath: dir + "/k.raw"))
            let digest = try CLI.run("/usr/bin/openssl", ["dgst", "-sha256", "-r", "k.raw"], in: dir)
            #expect(digest.stdout.hasPrefix(String(id)))
        }
        let again = try CLI.vtf(["key", "generate", "--out", "k.pem"], in: dir)
        #expect(again.status == 2)
        #expect(again.stderr.contains("exists"))
    }

    @Test func encryptedKeyNeedsItsPassphrase() throws {
        let ledger = try TestLedger()
        defer { ledger.remove() }
        let generate = try CLI.vtf(["key", "generate", "--out", "carol.pem", "--passphrase-env", "PW"], in: ledger.dir, environment: ["PW": "correct horse"])
        #expect(generate.status == 0)
        #expect(try String(contentsOfFile: ledger.key("carol"), encoding: .utf8).contains("ENCRYPTED PRIVATE KEY"))
        let register = try ledger.vtf(["key", "register", "--public-key", ledger.key("carol") + ".pub", "--holder", "carol", "--name", "Carol", "--role", "fund-manager"], as: "admin")
        #expect(register.status == 0, "\(register.stderr)")
        let without = try ledger.post(["1100:1.00", "4100:-1.00"], as: "carol")
        #expect(without.status == 2)
        #expect(without.stderr.contains("VTF_KEY_PASSPHRASE"))
        #expect(!without.stderr.contains("correct horse"))
        let wrong = try ledger.vtf(["post", "--memo", "m", "--posting", "1100:1", "--posting", "4100:-1"], as: "carol", environment: ["VTF_KEY_PASSPHRASE": "wrong"])
        #expect(wrong.status == 2)
        let right = try ledger.vtf(["post", "--memo", "m", "--posting", "1100:1", "--posting", "4100:-1"], as: "carol", environment: ["VTF_KEY_PASSPHRASE": "correct horse"])
        #expect(right.status == 0, "\(right.stderr)")
    }

    /// Figures worked out by hand: USD 250,000.00 and EUR 100,000.00 (= USD 108,695.65 at 0.92)
    /// received, USD 20,000.00 paid as a grant, USD 25.00 bank charge. Cash USD = 250,000.00
    /// − 20,000.00 − 25.00 = 229,975.00; debits in USD = 229,975.00 + 108,695.65 + 20,000.00 + 25.00
    /// = 358,695.65 = credits; as of 2026-03-31 the grant and the charge are not yet in.
    @Test func trialBalanceJSON() throws {
        let ledger = try TestLedger()
        defer { ledger.remove() }
        #expect(try ledger.post(["1100:250000", "4100:-250000.00"], date: "2026-02-10").status == 0)
        #expect(try ledger.post(["1100.EUR:100000.00:EUR:108695.65", "4100:-100000.00:EUR:-108695.65"], date: "2026-03-04").status == 0)
        #expect(try ledger.post(["5100:20000.00", "1100:-20000.00"], date: "2026-04-15").status == 0)
        #expect(try ledger.post(["5400:25.00", "1100:-25.00"], date: "2026-04-15").status == 0)
        let all = try ledger.vtf(["balance", "--format", "json"])
        #expect(all.stdout == #"{"as_of":null,"rows":[{"account":"1100","amount":"229975.00","currency":"USD","value":"229975.00"},{"account":"1100.EUR","amount":"100000.00","currency":"EUR","value":"108695.65"},{"account":"4100","amount":"-100000.00","currency":"EUR","value":"-108695.65"},{"account":"4100","amount":"-250000.00","currency":"USD","value":"-250000.00"},{"account":"5100","amount":"20000.00","currency":"USD","value":"20000.00"},{"account":"5400","amount":"25.00","currency":"USD","value":"25.00"}]}"# + "\n")
        let march = try ledger.vtf(["balance", "--format", "csv", "--as-of", "2026-03-31"])
        #expect(march.stdout == "account,currency,amount,value\r\n1100,USD,250000.00,250000.00\r\n1100.EUR,EUR,100000.00,108695.65\r\n4100,EUR,-100000.00,-108695.65\r\n4100,USD,-250000.00,-250000.00\r\n")
        let text = try ledger.vtf(["balance"])
        #expect(text.stdout.contains("358,695.65") && text.stdout.contains("229,975.00"))
    }

    @Test func reversalNegatesAndBalancesReturnToZero() throws {
        let ledger = try TestLedger()
        defer { ledger.remove() }
        #expect(try ledger.post(["5400:250.00", "1100:-250.00"]).status == 0)
        let reverse = try ledger.vtf(["reverse", "10", "--memo", "typo"])
        #expect(reverse.status == 0, "\(reverse.stderr)")
        #expect(try ledger.vtf(["balance", "--format", "json"]).stdout == #"{"as_of":null,"rows":[]}"# + "\n")
        #expect(try ledger.vtf(["verify"]).status == 0)
    }

    @Test func exportLinesAreCanonicalAndCheckWithOpenSSL() throws {
        let ledger = try TestLedger()
        defer { ledger.remove() }
        #expect(try ledger.post(["1100.EUR:10.00:EUR:10.87", "4100:-10.00:EUR:-10.87"], ref: "R-1").status == 0)
        let export = try ledger.vtf(["journal", "export", "--out", "journal.jsonl"])
        #expect(export.status == 0)
        let lines = try String(contentsOfFile: ledger.dir + "/journal.jsonl", encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 11)
        #expect(lines[10].contains(#""amount":"10.00","currency":"EUR","value":"10.87""#))
        #expect(lines[0].hasPrefix(#"{"data":{"currency":"USD","#))
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl") else { return }
        let script = CLI.packageRoot.appendingPathComponent("Audit/verify-journal.sh").path
        let check = try CLI.run("/bin/bash", [script, "journal.jsonl"], in: ledger.dir)
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        #expect(check.stdout.contains("11 entries"))
    }

    @Test func verifyPrintsCountAndRoot() throws {
        let ledger = try TestLedger()
        defer { ledger.remove() }
        let result = try ledger.vtf(["verify"])
        #expect(result.status == 0)
        let match = try #require(result.stdout.wholeMatch(of: /ok: 10 entries, root ([0-9a-f]{64})\n/))
        // One thread or all: the same answer.
        let single = try ledger.vtf(["verify", "--threads", "1"])
        #expect(single.stdout == result.stdout)
        #expect(match.1.count == 64)
    }

    @Test func twoProcessesAppendingAtOnceMakeOneChain() throws {
        let ledger = try TestLedger()
        defer { ledger.remove() }
        for (name, account) in [("a", "1100"), ("b", "5100")] {
            let lines = (1...500).map { index in
                #"{"date":"2026-02-01","memo":"\#(name) \#(index)","ref":"\#(name)-\#(index)","postings":[{"account":"\#(account)","amount":"1.00","currency":"USD"},{"account":"4100","amount":"-1.00","currency":"USD"}]}"#
            }
            try Data(lines.joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: ledger.dir + "/\(name).jsonl"))
        }
        let results = ParallelResults()
        let group = DispatchGroup()
        for (name, signer) in [("a", "alice"), ("b", "bruno")] {
            group.enter()
            Thread.detachNewThread {
                let result = try? ledger.vtf(["import", "--file", "\(name).jsonl", "--batch-size", "1"], as: signer)
                results.add(result)
                group.leave()
            }
        }
        group.wait()
        #expect(results.statuses == [0, 0], "\(results.errors)")
        let verify = try ledger.vtf(["verify"])
        #expect(verify.stdout.hasPrefix("ok: 1010 entries"), "\(verify.stdout)")
        let balance = try ledger.vtf(["balance", "--format", "csv"]).stdout
        #expect(balance.contains("1100,USD,500.00,500.00") && balance.contains("4100,USD,-1000.00,-1000.00"))
    }

    @Test("the demo refuses an empty --dir, an empty --ledger and a ledger file that exists, before it makes anything")
    func demoRefusesBeforeItMakesAnything() throws {
        let dir = TestLedger.newFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Data("not a ledger".utf8).write(to: URL(fileURLWithPath: dir + "/taken.ledger"))
        let emptyDir = try CLI.vtf(["demo", "--dir", ""], in: dir)
        #expect(emptyDir.status == 2 && emptyDir.stderr.contains("--dir is empty"), "\(emptyDir.stderr)")
        let emptyLedger = try CLI.vtf(["demo", "--dir", "a", "--ledger", ""], in: dir)
        #expect(emptyLedger.status == 2 && emptyLedger.stderr.contains("--ledger is empty"), "\(emptyLedger.stderr)")
        let taken = try CLI.vtf(["demo", "--dir", "b", "--ledger", "taken.ledger"], in: dir)
        #expect(taken.status == 2 && taken.stderr.contains("--ledger taken.ledger already exists"), "\(taken.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["taken.ledger"])
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/taken.ledger")) == Data("not a ledger".utf8))
    }

    @Test func demoBuildsAndVerifiesAYearOfTheFund() throws {
        let dir = TestLedger.newFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let result = try CLI.vtf(["demo", "--dir", "demo"], in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        let entries = try #require(result.stdout.firstMatch(of: #/ok: (\d+) entries, root /#)).1
        #expect(Int(entries) ?? 0 > 200, "a year of the fund: \(entries) entries")
        #expect(result.stdout.contains("Statement of financial position"))
        #expect(result.stdout.contains("Statement of financial performance"))
        // The 2025 budget (original, revised from 1 October) against the year's expenses (IPSAS 24), the
        // secretariat's Board meeting (420.00 and PSC 54.60, step 19b) included.
        #expect(result.stdout.contains("Total                                  5100 + 5300 + 5400 + 5500 + 5200       231,000.00    171,500.00                 155,690.75                  15,809.25  90.8"), "\(result.stdout)")
        // The admin registers the auditor's key (one entry) before the auditor cosigns.
        #expect(result.stderr.contains("cosigned size \((Int(entries) ?? 0) + 1) as example.org/board-of-auditors"), "talk is on stderr")
        #expect(result.stdout.contains("covered by a checkpoint cosigned by board-of-auditors (example.org/board-of-auditors); witness keys checked"))
        #expect(result.stdout.contains("ok: \(entries) entries, "))
        #expect(result.stdout.contains("Try next (from this folder; the Audit/ scripts are in the vtf repository):"))
        // The commands to try name vtf by its full path, so they work from wherever the demo ran.
        let tryStatement = result.stdout.split(separator: "\n").first { $0.contains("statement --all --to 2025-12-31") }
        #expect(tryStatement?.trimmingCharacters(in: .whitespaces).hasPrefix("/") == true, "\(tryStatement ?? "")")
        // Results saved with > are checked as they are; a mistyped command says what was meant (issue 12 items 10, 12).
        #expect(result.stdout.contains("ok: entry 1 is in example.org/unvtf-demo at tree size"), "\(result.stdout)")
        #expect(result.stderr.contains("vtf: 'verfy' is not a command of vtf; did you mean 'verify'?"), "\(result.stderr)")
        // The first quarter's bank statement: 14 lines by reference, then the approved charges.
        #expect(result.stdout.contains("(rule 1: 14, rule 2: 1, rule 3: 0, rule 4: 0)") && result.stdout.contains("ok: the bank and the books agree"))
        // The same quarter as camt.053.001.11 for all accounts, paged: one USD statement, the EUR
        // account and a pending entry listed; the intraday MT942 refused by name.
        #expect(result.stdout.contains(#"set aside: statement "CITI-2025-Q1-EUR" (line 25): account BE71096123456769 in EUR: not --bank-account US33CITI0000123456789"#), "\(result.stdout)")
        #expect(result.stdout.contains("skipped: 1 entry not booked (PDNG 1), not matched: lines 23"))
        // Belgium's statement: signed, verified offline, also in French.
        #expect(result.stdout.contains("BEL-2025.json is signed by the fund's log key; all 2 receipts and 0 refunds are in the books"), "\(result.stdout)")
        #expect(FileManager.default.fileExists(atPath: dir + "/demo/BEL-2025-fr.html"))
        #expect(FileManager.default.fileExists(atPath: dir + "/demo/annual-2025-en.html"))
        #expect(FileManager.default.fileExists(atPath: dir + "/demo/annual-2025-fr.html"))
        // The statement of cash flows reconciles with 1100 on the demo year.
        #expect(result.stdout.contains("equals the closing cash") && result.stdout.contains("1100's balance as of 2025-12-31."), "\(result.stdout)")
        // The refusals it shows: a missing role, funds not available, a payment beyond the grant, a closed year.
        for words in ["needs the role approving-officer", "exceeds the available funds", "beyond the approved grant", "2025 is closed"] {
            #expect(result.stderr.contains(words), "\(words): \(result.stderr)")
        }
        // Funds available count cash only: cash and receivables (EUR 500,000.00 from Belgium)
        // would have covered USD 250,000.00; the cash not held for others does not.
        #expect(result.stderr.contains("grant G-2025-99 of 250000.00 exceeds the available funds of 167161.61 USD as of 2025-03-11"), "\(result.stderr)")
        #expect(result.stdout.contains("Funds available in UNVTF (demo) as of 2025-03-11 (USD)"), "\(result.stdout)")
        let ledger = dir + "/demo/unvtf.ledger"
        let position = try CLI.vtf(["report", "financial-position", "--ledger", ledger, "--as-of", "2025-12-31", "--format", "json"], in: dir)
        #expect(position.status == 0, "\(position.stderr)")
        // Norway's "Legal aid" money less La Strada's spending and PSC is restricted (3200);
        // net assets hold USD only; an unknown earmark is refused (issue 11 item 8).
        #expect(result.stderr.contains("earmark \"Legal aide\" is not the earmark of any signed agreement"), "\(result.stderr)")
        let positionJSON = try JSONParser.parse(position.stdout)
        #expect(SchemaChecker.check(positionJSON, against: try SchemaChecker.load("report-financial-position.schema.json")).isEmpty)
        #expect(positionJSON.objectValue?["earmarks"] == .array([.object(["earmark": .string("Legal aid"), "account": .string("3200"), "value": .string("113023.57")])]))
        let changes = try JSONParser.parse(try CLI.vtf(["report", "net-assets", "--ledger", ledger, "--as-of", "2025-12-31", "--format", "json"], in: dir).stdout)
        #expect(SchemaChecker.check(changes, against: try SchemaChecker.load("report-net-assets.schema.json")).isEmpty)
        #expect(changes.objectValue?["earmarks"] == .array([.object(["earmark": .string("Legal aid"), "opening": .string("0.00"), "closing": .string("113023.57")])]))
        #expect(changes.objectValue?["reconciles"] == .bool(true))
        let balances = try CLI.vtf(["balance", "--ledger", ledger, "--format", "csv"], in: dir).stdout.split(separator: "\r\n")
        #expect(balances.filter { $0.hasPrefix("3100,") || $0.hasPrefix("3200,") }.allSatisfy { $0.contains(",USD,") }, "\(balances)")
        let donors = try CLI.vtf(["donor", "list", "--ledger", ledger], in: dir).stdout
        for id in ["BEL", "FRA", "SWE", "NOR", "GBR", "JPN", "USA", "BLUEHEART", "ACME"] { #expect(donors.contains(id)) }
        let grants = try CLI.vtf(["grant", "list", "--ledger", ledger], in: dir).stdout
        #expect(grants.components(separatedBy: "G-2025-").count - 1 == 12, "\(grants)")
        let second = try CLI.vtf(["demo"], in: dir)
        #expect(second.status == 0 && second.stdout.contains("vtf-demo"))
    }

    @Test func usageErrorsExitTwo() throws {
        let dir = TestLedger.newFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(try CLI.vtf(["post", "--no-such-option"], in: dir).status == 2)
        #expect(try CLI.vtf(["balance", "--ledger", "missing.ledger"], in: dir).status == 2)
        for name in ["a", "l"] { #expect(try CLI.vtf(["key", "generate", "--out", "\(name).pem"], in: dir).status == 0) }
        let missingFolder = try CLI.vtf(["init", "--ledger", "no/such/folder/x.ledger", "--origin", "a.b/c", "--fund-name", "F", "--admin-key", "a.pem", "--log-key", "l.pem"], in: dir)
        #expect(missingFolder.status == 2 && missingFolder.stderr.contains("does not exist"), "\(missingFolder.stderr)")
        let help = try CLI.vtf(["post", "--help"], in: dir)
        #expect(help.status == 0 && help.stdout.contains("ACCOUNT:AMOUNT"))
    }
}

final class ParallelResults: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [CLI.Result?] = []

    func add(_ result: CLI.Result?) { lock.withLock { results.append(result) } }
    var statuses: [Int32] { lock.withLock { results.map { $0?.status ?? -1 } } }
    var errors: String { lock.withLock { results.map { $0?.stderr ?? "no result" }.joined(separator: "\n") } }
}
