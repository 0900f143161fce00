import Foundation
import Testing

/// Every refusal exits 2, says what was wrong, and leaves the ledger byte-identical.
@Suite("Refusals leave the ledger byte-identical")
struct RefusalTests {
    /// Runs `attempt` on a fresh ledger and checks exit 2, the message, and unchanged bytes.
    func expectRefusal(
        _ message: String, sourceLocation: SourceLocation = #_sourceLocation,
        prepare: (TestLedger) throws -> Void = { _ in }, _ attempt: (TestLedger) throws -> CLI.Result
    ) throws {
        let ledger = try TestLedger()
        defer { ledger.remove() }
        try prepare(ledger)
        let before = try ledger.fileBytes()
        let result = try attempt(ledger)
        #expect(result.status == 2, "exit status \(result.status): \(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.stderr.contains(message), "stderr: \(result.stderr)", sourceLocation: sourceLocation)
        #expect(try ledger.fileBytes() == before, "the ledger file changed", sourceLocation: sourceLocation)
        let verify = try ledger.vtf(["verify"])
        #expect(verify.status == 0, "\(verify.stdout)", sourceLocation: sourceLocation)
    }

    @Test func unbalanced() throws {
        try expectRefusal("do not balance") { try $0.post(["1100:100.00", "4100:-90.00"]) }
    }

    @Test func unbalancedValueAcrossCurrencies() throws {
        try expectRefusal("values do not balance") { try $0.post(["1100.EUR:100.00:EUR:108.70", "4100:-100.00:EUR:-108.00"]) }
    }

    @Test func unknownAccount() throws {
        try expectRefusal("account 9999 does not exist") { try $0.post(["1100:10.00", "9999:-10.00"]) }
    }

    @Test func closedAccount() throws {
        try expectRefusal("account 5400 was closed") {
            try requireOK($0.vtf(["account", "close", "5400", "--date", "2026-01-02"]))
        } _: { try $0.post(["5400:10.00", "1100:-10.00"]) }
    }

    @Test func closingAnAccountWithABalance() throws {
        try expectRefusal("still has a balance") {
            try requireOK($0.post(["5400:10.00", "1100:-10.00"]))
        } _: { try $0.vtf(["account", "close", "5400"]) }
    }

    @Test(arguments: [
        ("12.345", "has 3 decimals, USD has 2"), ("1e5", "exponent"), ("+5.00", "\"+\""), ("1 000.00", "space"),
        ("99999999999999999999", "too large"), ("12,50", "12,50"), ("", "amount"),
    ])
    func badAmount(text: String, message: String) throws {
        try expectRefusal(message) { try $0.post(["1100:\(text)", "4100:-\(text)"]) }
    }

    @Test func foreignCurrencyWithoutValue() throws {
        try expectRefusal("value is needed for a EUR posting") { try $0.post(["1100.EUR:100.00:EUR", "4100:-100.00:EUR:-108.70"]) }
    }

    @Test func jsonNumberAmount() throws {
        try expectRefusal("must be a string") { ledger in
            let file = ledger.dir + "/entry.json"
            try Data(#"{"date":"2026-02-01","memo":"m","postings":[{"account":"1100","amount":10.5,"currency":"USD"},{"account":"4100","amount":"-10.50","currency":"USD"}]}"#.utf8)
                .write(to: URL(fileURLWithPath: file))
            return try ledger.vtf(["post", "--file", file])
        }
    }

    @Test func unknownKey() throws {
        try expectRefusal("is not a registered key") { try $0.post(["1100:10.00", "4100:-10.00"], as: "outsider") }
    }

    @Test func revokedKey() throws {
        try expectRefusal("was revoked at entry") { ledger in
            let id = try #require(try ledger.vtf(["key", "list", "--format", "csv"], as: nil).stdout
                .split(separator: "\r\n").first { $0.contains(",bruno,") }?.split(separator: ",").first)
            try requireOK(ledger.vtf(["key", "revoke", String(id), "--reason", "left the fund", "--date", "2026-01-03"], as: "admin"))
        } _: { try $0.post(["1100:10.00", "4100:-10.00"], as: "bruno") }
    }

    @Test func keyWithoutTheRole() throws {
        try expectRefusal("may not sign voucher.post") { try $0.post(["1100:10.00", "4100:-10.00"], as: "auditor") }
    }

    @Test func fundManagerCannotRegisterKeys() throws {
        try expectRefusal("may not sign key.register") { ledger in
            try ledger.vtf(["key", "register", "--public-key", ledger.key("outsider") + ".pub", "--holder", "x", "--role", "admin"])
        }
    }

    @Test func duplicateRef() throws {
        try expectRefusal("ref \"V-1\" is already used") {
            try requireOK($0.post(["1100:10.00", "4100:-10.00"], ref: "V-1"))
        } _: { try $0.post(["1100:20.00", "4100:-20.00"], ref: "V-1") }
    }

    /// A careless user gave --date twice; the parser kept the last without a word. Options that
    /// take several values (--posting) still repeat.
    @Test func anOptionGivenTwice() throws {
        try expectRefusal("--date is given twice: give it once") {
            try $0.vtf(["post", "--date", "2026-03-02", "--date", "2026-03-03", "--memo", "m", "--posting", "1100:1.00", "--posting", "4100:-1.00"])
        }
        try expectRefusal("--memo is given twice") {
            try $0.vtf(["post", "--memo=one", "--date", "2026-03-02", "--memo", "two", "--posting", "1100:1.00", "--posting", "4100:-1.00"])
        }
    }

    @Test func anImportOfNothing() throws {
        try expectRefusal("holds no vouchers") { ledger in
            try "\n  \n".write(toFile: ledger.dir + "/blank.jsonl", atomically: true, encoding: .utf8)
            return try ledger.vtf(["import", "--file", ledger.dir + "/blank.jsonl"])
        }
    }

    @Test func reversingTwice() throws {
        try expectRefusal("already reversed") { ledger in
            try requireOK(ledger.post(["1100:10.00", "4100:-10.00"]))
            try requireOK(ledger.vtf(["reverse", "10"]))
        } _: { try $0.vtf(["reverse", "10"]) }
    }

    @Test func badDate() throws {
        try expectRefusal("2026-02-30") { try $0.post(["1100:10.00", "4100:-10.00"], date: "2026-02-30") }
    }

    @Test func importWithOneBadLineRecordsNothing() throws {
        try expectRefusal("line 3") { ledger in
            let file = ledger.dir + "/batch.jsonl"
            let good = #"{"date":"2026-02-01","memo":"m","postings":[{"account":"1100","amount":"1.00","currency":"USD"},{"account":"4100","amount":"-1.00","currency":"USD"}]}"#
            let bad = #"{"date":"2026-02-01","memo":"m","postings":[{"account":"1100","amount":"1.00","currency":"USD"},{"account":"4100","amount":"-2.00","currency":"USD"}]}"#
            try Data([good, good, bad, good].joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: file))
            return try ledger.vtf(["import", "--file", file, "--batch-size", "1"])
        }
    }

    @Test func publicKeyGivenAsSigningKey() throws {
        try expectRefusal("holds a public key") { ledger in
            try ledger.vtf(["post", "--memo", "m", "--posting", "1100:1", "--posting", "4100:-1"], environment: ["VTF_KEY": ledger.key("alice") + ".pub"])
        }
    }

    @Test func missingSigningKey() throws {
        try expectRefusal("--key") { try $0.vtf(["post", "--memo", "m", "--posting", "1100:1", "--posting", "4100:-1"], as: nil) }
    }
}

/// Fails the test (by throwing) unless a preparation step succeeded.
func requireOK(_ result: CLI.Result, sourceLocation: SourceLocation = #_sourceLocation) throws {
    try #require(result.status == 0, "\(result.stderr)", sourceLocation: sourceLocation)
}
