import Foundation
import Testing

/// Input that used to stop vtf with a trap or a raw system message: each is refused with exit 2
/// and a message that names the input and what is wrong, and nothing is written.
@Suite("Bad input: no traps, messages that name the input")
struct BadInputTests {
    func write(_ bytes: [UInt8], _ name: String, in ledger: TestLedger) throws -> String {
        let path = ledger.dir + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    func expectRefused(_ result: CLI.Result, naming words: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(result.status == 2, "exit \(result.status): \(result.stderr)", sourceLocation: sourceLocation)
        for word in words {
            #expect(result.stderr.contains(word), "\(word) not in: \(result.stderr)", sourceLocation: sourceLocation)
        }
        for raw in ["NSCocoaErrorDomain", "DecodingError", "Fatal error", "Missing value for"] {
            #expect(!result.stderr.contains(raw), "raw message: \(result.stderr)", sourceLocation: sourceLocation)
        }
    }

    @Test func threadsOutsideOneTo1024AreRefused() throws {
        let ledger = try TestLedger()
        defer { ledger.remove() }
        expectRefused(try ledger.vtf(["verify", "--threads", "0"]), naming: ["--threads 0"])
        expectRefused(try ledger.vtf(["verify", "--threads", "-3"]), naming: ["--threads -3"])
        expectRefused(try ledger.vtf(["audit", "verify", ledger.dir, "--vkey", "x+1+AA", "--threads", "0"]), naming: ["--threads 0"])
        expectRefused(try ledger.vtf(["reconcile", "ledger", "--threads", "5000"]), naming: ["--threads 5000"])
        // An audit bundle is a folder: a device or a file is bad input, not a failed audit.
        expectRefused(try ledger.vtf(["audit", "verify", "/dev/null", "--vkey", "x+1+AA"]), naming: ["/dev/null is a device, not a folder"])
        expectRefused(try ledger.vtf(["audit", "verify", ledger.dir + "/nothing-here", "--vkey", "x+1+AA"]), naming: ["does not exist"])
        #expect(try ledger.vtf(["verify", "--threads", "1"]).status == 0)
    }

    @Test func aNegativeAmountIsNamedAsSuch() throws {
        let fund = try FundLedger()
        defer { fund.base.remove() }
        let before = try fund.base.fileBytes()
        let result = try fund.run(["pledge", "--donor", "BEL", "--amount", "-5", "--currency", "EUR", "--date", "2026-02-01"])
        expectRefused(result, naming: ["--amount", "more than zero", "-5"])
        let receipt = try fund.run(["receive", "--agreement", "AGR-BEL-1", "--amount", "-10.00", "--currency", "EUR", "--bank-ref", "B-9"])
        expectRefused(receipt, naming: ["--amount", "-10.00"])
        #expect(try fund.base.fileBytes() == before)
    }

    @Test func filesThatAreNotReadableFilesAreNamed() throws {
        let ledger = try TestLedger()
        defer { ledger.remove() }
        let before = try ledger.fileBytes()
        expectRefused(try ledger.vtf(["post", "--file", ledger.dir]), naming: ["--file", ledger.dir, "folder"])
        expectRefused(try ledger.vtf(["post", "--file", ledger.dir + "/none.json"]), naming: ["--file", "does not exist"])
        expectRefused(try ledger.vtf(["import", "--file", ledger.dir]), naming: ["--file", "folder"])
        let notJSON = try write(Array("{\"date\": ".utf8), "bad.json", in: ledger)
        expectRefused(try ledger.vtf(["post", "--file", notJSON]), naming: ["bad.json", "not valid JSON"])
        let notUTF8 = try write([0xFF, 0xFE, 0x0A], "bad.jsonl", in: ledger)
        expectRefused(try ledger.vtf(["import", "--file", notUTF8]), naming: ["bad.jsonl line 1"])
        expectRefused(try ledger.vtf(["post", "--date", "2026-02-01", "--memo", "m", "--posting", "1100:1", "--posting", "4100:-1"], as: nil,
                                     environment: ["VTF_KEY": ledger.dir]), naming: ["--key", "folder"])
        #expect(try ledger.fileBytes() == before)
    }

    @Test func aFolderAsTheLedgerIsBadInput() throws {
        let ledger = try TestLedger()
        defer { ledger.remove() }
        expectRefused(try CLI.vtf(["verify", "--ledger", ledger.dir], in: ledger.dir), naming: ["--ledger", ledger.dir, "folder"])
        let junk = try write(Array(repeating: 0x41, count: 4096), "junk.ledger", in: ledger)
        expectRefused(try CLI.vtf(["verify", "--ledger", junk], in: ledger.dir), naming: ["junk.ledger", "not a vtf ledger"])
    }

    @Test func aNetAssetsReportFromTheFirstDayOfTheCalendarIsRefused() throws {
        let fund = try FundLedger()
        defer { fund.base.remove() }
        let result = try fund.run(["report", "net-assets", "--from", "1900-01-01", "--as-of", "2026-12-31"])
        expectRefused(result, naming: ["1900-01-01", "--from"])
    }

    @Test func aHugeSeqIsNoEntry() throws {
        let ledger = try TestLedger()
        defer { ledger.remove() }
        expectRefused(try ledger.vtf(["reverse", "18446744073709551615", "--memo", "x"]), naming: ["18446744073709551615"])
        let checkpoint = try ledger.vtf(["checkpoint", "--size", "18446744073709551615"])
        #expect(checkpoint.status == 2 && !checkpoint.stderr.contains("Fatal error"), "\(checkpoint.status) \(checkpoint.stderr)")
    }

    @Test func aNegativeLeafIndexInAProofIsRefused() throws {
        let ledger = try TestLedger()
        defer { ledger.remove() }
        let vkey = try ledger.vtf(["log", "vkey"]).stdout.trimmingCharacters(in: .newlines)
        let checkpoint = try write(Array(try ledger.vtf(["checkpoint"]).stdout.utf8), "cp.note", in: ledger)
        let proof = try ledger.vtf(["prove", "inclusion", "1"]).stdout.replacingOccurrences(of: "\"leaf_index\":1", with: "\"leaf_index\":-1")
        let path = try write(Array(proof.utf8), "p.json", in: ledger)
        let result = try CLI.vtf(["proof", "check", "--checkpoint", checkpoint, "--vkey", vkey, "--proof", path], in: ledger.dir)
        expectRefused(result, naming: ["leaf_index -1"])
        let line = try write([0xC3, 0x28, 0x7B, 0x7D], "line.jsonl", in: ledger)
        let good = try write(Array(try ledger.vtf(["prove", "inclusion", "1"]).stdout.utf8), "good.json", in: ledger)
        let entry = try CLI.vtf(["proof", "check", "--checkpoint", checkpoint, "--vkey", vkey, "--proof", good, "--entry", "@" + line], in: ledger.dir)
        #expect(entry.status == 2 && entry.stderr.contains("not UTF-8"), "\(entry.status) \(entry.stderr)")
    }

    @Test func aMappingFileThatDoesNotDecodeIsDescribed() throws {
        let fund = try FundLedger()
        defer { fund.base.remove() }
        let csv = try write(Array("date,amount\n2026-01-02,5.00\n".utf8), "s.csv", in: fund.base)
        let mapping = try write(Array(#"{"delimiter": 5}"#.utf8), "map.json", in: fund.base)
        let result = try fund.run(["reconcile", "bank", "--statement", csv, "--mapping", mapping, "--account", "1100"])
        expectRefused(result, naming: ["map.json", "delimiter"])
        expectRefused(try fund.run(["reconcile", "bank", "--statement", csv, "--mapping", fund.base.dir, "--account", "1100"]),
                      naming: ["--mapping", "folder"])
    }

    @Test func aCurrencyTwiceInOneRatesCommandIsRefused() throws {
        let fund = try FundLedger()
        defer { fund.base.remove() }
        let before = try fund.base.fileBytes()
        let result = try fund.run(["rates", "set", "--month", "2026-03", "EUR=0.9", "EUR=0.8"])
        expectRefused(result, naming: ["EUR"])
        #expect(try fund.base.fileBytes() == before)
    }
}
