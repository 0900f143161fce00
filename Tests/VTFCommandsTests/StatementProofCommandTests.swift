import Foundation
import Testing

/// Donor statements that prove their figures by sealed balances (issue 17 point 3), on the
/// demo's books: independent Python checks every proven figure from leaf to seal root to seal
/// entry to the statement's checkpoint, and sums it; each way of bending a figure, even in a
/// statement signed again with the fund's own log key, is refused by name; a figure no seal can
/// prove says why, and names the command that proves it.
@Suite struct StatementProofCommandTests {
    /// A copy of the demo's folder.
    static func demo() throws -> String {
        let (folder, _) = try DemoThroughServiceTests.onFile.get()
        let dir = TestLedger.newFolder()
        try FileManager.default.removeItem(atPath: dir)
        try FileManager.default.copyItem(atPath: folder, toPath: dir)
        return dir
    }

    static func statement(_ dir: String, from: String = "2025-01-01", to: String = "2025-12-31", name: String = "bel.json") throws -> [String: Any] {
        let made = try CLI.vtf(["statement", "--ledger", "unvtf.ledger", "--donor", "BEL", "--from", from, "--to", to, "--out", name, "--force"], in: dir)
        #expect(made.status == 0, "\(made.stderr)")
        let data = try Data(contentsOf: URL(fileURLWithPath: dir + "/" + name))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    static func verify(_ dir: String, _ name: String = "bel.json") throws -> CLI.Result {
        try CLI.vtf(["statement", "verify", name, "--vkey", try BalanceProofCommandTests.vkey(dir)], in: dir)
    }

    static func proofs(_ statement: [String: Any]) -> (proven: [String], notProven: [String: String]) {
        let proofs = statement["proofs"] as? [String: Any] ?? [:]
        let proven = (proofs["figures"] as? [[String: Any]] ?? []).compactMap { $0["figure"] as? String }
        let notProven = Dictionary((proofs["not_proven"] as? [[String: Any]] ?? []).compactMap { item in
            (item["figure"] as? String).map { ($0, item["why"] as? String ?? "") }
        }, uniquingKeysWith: { first, _ in first })
        return (proven, notProven)
    }

    /// Independent of vtf: every seal entry's inclusion in the document's checkpoint (whose
    /// signature by the vkey is checked), every term's run of leaves (paths to the seal's root,
    /// adjacent indices, reaching past the account's range or to the tree's ends), and each
    /// figure's sum against the member of the statement (or report) it proves. Prints "ok
    /// FIGURE AMOUNT" per figure.
    static let python = #"""
        import base64, hashlib, json, re, sys
        from decimal import Decimal
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
        statement, vkey = json.load(open(sys.argv[1])), sys.argv[2]
        h = lambda b: hashlib.sha256(b).digest()
        \#(BalanceProofCommandTests.pythonCommon)
        origin, size, checkpoint_root = signed_checkpoint(statement["checkpoint"]["note"], vkey)
        seals = {}
        for seal in statement["proofs"]["seals"]:
            body = re.sub(r',"sig":"[A-Za-z0-9+/=]*"', "", seal["entry"]).encode()
            entry = json.loads(seal["entry"])
            assert entry["kind"] == "balances.seal" and entry["seq"] == seal["seq"]
            assert root(entry["seq"], size, h(b"\x00" + body), seal["path"]) == checkpoint_root, "seal -> checkpoint"
            seals[seal["seq"]] = entry["data"]
        within = lambda account, scope: account == scope or account.startswith(scope + ".")
        for figure in statement["proofs"]["figures"]:
            total = Decimal(0)
            for term in figure["terms"]:
                data, scope, leaves = seals[term["seal"]], term["balances"]["account"], term["balances"]["leaves"]
                if not leaves:
                    assert data["leaves"] == 0, "an empty run of a seal with leaves"
                    continue
                for offset, item in enumerate(leaves):
                    assert item["index"] == leaves[0]["index"] + offset, "adjacent"
                    assert root(item["index"], data["leaves"], h(b"\x00" + canonical(item["leaf"]).encode()), item["path"]).hex() == data["root"], "leaf -> seal"
                assert leaves[0]["index"] == 0 or leaves[0]["leaf"]["account"].encode() < scope.encode(), "starts before the range"
                assert leaves[-1]["index"] == data["leaves"] - 1 or leaves[-1]["leaf"]["account"].encode() >= (scope + "/").encode(), "ends after the range"
                for item in leaves:
                    leaf = item["leaf"]
                    if not within(leaf["account"], scope): continue
                    if figure["measure"] == "amount" and leaf["currency"] != figure["currency"]: continue
                    total += term["sign"] * Decimal(leaf["value" if figure["measure"] == "value" else "amount"])
            part, _, rest = figure["figure"].partition(".")
            if "report" in statement:  # a report: a total, a member, a row's cell, or the sum of lines by key or account
                if part == "rows":
                    key, _, column = rest.partition(".")
                    row = [r for r in statement["rows"] if r["key"] == key][0]
                    stated = row["total"] if column == "total" else [v["value"] for v in row["values"] if v["account"] == column][0]
                elif not rest: stated = statement[part]
                elif rest == "total" or part == "foreign_exchange": stated = statement[part][rest]
                else:
                    lines = statement[part]["lines"] if isinstance(statement[part], dict) else statement[part]
                    stated = str(sum(Decimal(l["value"]) for l in lines for key in rest.split("+") if key in (l.get("key"), l.get("account"))))
            elif part == "fund_use":
                stated = statement["fund_use"][rest]
            else:
                stated = [o["amount"] for o in statement["totals"]["outstanding"] if o["currency"] == rest.split(".")[1]][0]
            assert total == Decimal(stated) == Decimal(figure["amount"]), (figure["figure"], total, stated)
            print("ok", figure["figure"], stated)
        """#

    /// Every amount of the demo's statement, each proven by its own terms.
    static let allProven = [
        "fund_use.fund_balance", "fund_use.reserve", "fund_use.grants_committed", "fund_use.grants_paid", "fund_use.grants_spent", "fund_use.psc",
        "totals.outstanding.EUR",
    ]

    /// A statement re-encoded with the same meaning (a space, an escaped letter) passed `vtf
    /// statement verify` and failed the openssl check, which verifies the file's bytes as they are
    /// (an outside trial). Both verifiers now accept only the form the fund issued.
    @Test func aReEncodedStatementIsRefused() throws {
        let dir = try Self.demo()
        _ = try Self.statement(dir)
        #expect(try Self.verify(dir).status == 0)
        let issued = try String(contentsOfFile: dir + "/bel.json", encoding: .utf8)
        for (name, text) in [("spaced.json", "{ " + issued.dropFirst()), ("escaped.json", issued.replacingOccurrences(of: "\"BEL\"", with: "\"B\\u0045L\""))] {
            #expect(text != issued)
            try text.write(toFile: dir + "/" + name, atomically: true, encoding: .utf8)
            let result = try Self.verify(dir, name)
            #expect(result.status != 0 && result.stderr.contains("not in the form the fund issued it"), "\(name): \(result.stdout)\(result.stderr)")
        }
    }

    @Test("the demo's statement proves its balances and flows; independent Python checks each figure to the checkpoint")
    func everyBalanceAndFlowIsProven() throws {
        let dir = try Self.demo()
        let statement = try Self.statement(dir)
        let (proven, notProven) = Self.proofs(statement)
        #expect(proven == Self.allProven)
        #expect(notProven.isEmpty, "\(notProven)")
        let verified = try Self.verify(dir)
        #expect(verified.status == 0, "\(verified.stderr)")
        // The number of grants paid is read from the grants paid's proof: every figure is proven.
        #expect(verified.stdout.contains("proven by sealed balances: \(Self.allProven.joined(separator: ", ")), fund_use.grants_paid_count"), "\(verified.stdout)")
        #expect(!verified.stdout.contains("not proven"), "\(verified.stdout)")
        let python = try CLI.run("/usr/bin/python3", ["-c", Self.python, "bel.json", try BalanceProofCommandTests.vkey(dir)], in: dir)
        #expect(python.status == 0, "\(python.stderr)")
        #expect(python.stdout.split(separator: "\n").count == Self.allProven.count, "\(python.stdout)")
        // The flows are the books': the year's PSC and grant spending as the statement of
        // financial performance shows them.
        let use = try #require(statement["fund_use"] as? [String: Any])
        let performance = try CLI.vtf(["report", "financial-performance", "--ledger", "unvtf.ledger", "--from", "2025-01-01", "--as-of", "2025-12-31", "--format", "json"], in: dir)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(performance.stdout.utf8)) as? [String: Any])
        let lines = try #require((report["expenses"] as? [String: Any])?["lines"] as? [[String: Any]])
        for (account, figure) in [("5200", "psc"), ("5100", "grants_spent")] {
            let line = lines.first { $0["account"] as? String == account }
            #expect(line?["value"] as? String == use[figure] as? String, "\(figure) is not 2025's \(account) in the performance report")
        }
        // Grants committed and paid are the grant report's, awards and tranches of the year.
        let grants = try CLI.vtf(["report", "grants", "--ledger", "unvtf.ledger", "--as-of", "2025-12-31", "--format", "json"], in: dir)
        let totals = (try JSONSerialization.jsonObject(with: Data(grants.stdout.utf8)) as? [String: Any])?["totals"] as? [String: Any]
        #expect(totals?["amount"] as? String == use["grants_committed"] as? String && totals?["paid"] as? String == use["grants_paid"] as? String,
                "\(totals ?? [:]) \(use)")
    }

    @Test("the statement for people marks the six fund figures the books prove, in English and French")
    func theHTMLMarksWhatIsProven() throws {
        let dir = try Self.statementFolder.get()
        for (lang, mark) in [("en", "✓ by the books"), ("fr", "✓ par les livres")] {
            let made = try CLI.vtf(["statement", "--ledger", "unvtf.ledger", "--donor", "BEL", "--from", "2025-01-01", "--to", "2025-12-31",
                                    "--format", "html", "--lang", lang, "--out", "bel-\(lang).html", "--force"], in: dir)
            #expect(made.status == 0, "\(made.stderr)")
            let html = try String(contentsOfFile: dir + "/bel-\(lang).html", encoding: .utf8)
            #expect(html.components(separatedBy: mark).count - 1 == 6, "\(lang): grants committed, paid and spent, PSC, fund balance and reserve")
        }
    }

    /// Changes the statement as a case says, then signs it again with the demo's log key, so
    /// that only the proofs can catch the change.
    static let tamper = #"""
        import base64, json, sys
        from decimal import Decimal
        from cryptography.hazmat.primitives import serialization
        statement, case = json.load(open(sys.argv[1])), sys.argv[2]
        pem = open("log.pem", "rb").read()
        key = serialization.load_pem_private_key(pem[pem.index(b"-----BEGIN"):], password=None)
        figures = {f["figure"]: f for f in statement["proofs"]["figures"]}
        seals = statement["proofs"]["seals"]
        def raise_cent(text):
            return str(Decimal(text) + Decimal("0.01"))
        if case == "figure":
            statement["fund_use"]["psc"] = raise_cent(statement["fund_use"]["psc"])
        elif case == "figure-and-proof":
            statement["fund_use"]["psc"] = raise_cent(statement["fund_use"]["psc"])
            figures["fund_use.psc"]["amount"] = statement["fund_use"]["psc"]
        elif case == "leaf-value":
            leaf = figures["fund_use.reserve"]["terms"][0]["balances"]["leaves"][1]["leaf"]
            leaf["value"] = raise_cent(leaf["value"])
        elif case == "leaf-dropped":
            leaves = figures["fund_use.fund_balance"]["terms"][0]["balances"]["leaves"]
            del leaves[len(leaves) // 2]
        elif case == "run-cut":
            figures["fund_use.fund_balance"]["terms"][3]["balances"]["leaves"].pop()
        elif case == "other-seal":
            terms = figures["fund_use.psc"]["terms"]
            terms[1]["seal"] = terms[0]["seal"]
        elif case == "silent":
            statement["proofs"]["figures"] = [f for f in statement["proofs"]["figures"] if f["figure"] != "fund_use.psc"]
        elif case == "claimed":
            statement["proofs"]["not_proven"] = [n for n in statement["proofs"]["not_proven"] if n["figure"] != "fund_use.grants_paid_count"]
            statement["proofs"]["figures"].append(dict(figures["fund_use.psc"], figure="fund_use.grants_paid_count"))
        elif case == "seal-path":
            path = seals[0]["path"]
            path[0] = ("1" if path[0][0] == "0" else "0") + path[0][1:]
        elif case == "count":
            statement["fund_use"]["grants_paid_count"] += 1
        elif case == "count-unread":
            statement["proofs"]["figures"] = [f for f in statement["proofs"]["figures"] if f["figure"] != "fund_use.grants_paid"]
            statement["proofs"]["not_proven"].append({"figure": "fund_use.grants_paid", "why": "hidden"})
        elif case == "outstanding":
            statement["totals"]["outstanding"][0]["amount"] = raise_cent(statement["totals"]["outstanding"][0]["amount"])
        elif case in ("other-donor", "twice"):
            extra = json.load(open("swe.json"))["receipts"][0] if case == "other-donor" else statement["receipts"][0]
            statement["receipts"].append(extra)
            statement["totals"]["received_value"] = str(sum(Decimal(r["value"]) for r in statement["receipts"]))
        elif case == "outside":
            first = statement["receipts"][0]["date"]
            statement["from"] = first[:8] + "%02d" % (int(first[8:]) + 1)
        elif case == "written-off":
            agreement = statement["agreements"][0]
            agreement["written_off"] = raise_cent(agreement["written_off"])
        elif case == "no-period":
            statement["from"] = ""
        elif case == "refunded":
            statement["totals"]["refunded_value"] = "12345.00"
        elif case in ("other-refund", "no-request"):
            statement["refunds"] = json.load(open("gbr.json"))["refunds"]
            if case == "no-request":
                del statement["refunds"][0]["request"]
            statement["totals"]["refunded_value"] = str(sum(Decimal(r["value"]) for r in statement["refunds"]))
        else:
            raise SystemExit("no case " + case)
        def canonical(value):
            if value is None or isinstance(value, bool): return json.dumps(value)
            if isinstance(value, int): return str(value)
            if isinstance(value, str): return json.dumps(value, ensure_ascii=False)
            if isinstance(value, list): return "[" + ",".join(canonical(v) for v in value) + "]"
            names = sorted(value, key=lambda n: n.encode("utf-16-be"))
            return "{" + ",".join(json.dumps(n, ensure_ascii=False) + ":" + canonical(value[n]) for n in names) + "}"
        statement.pop("signature")
        signature = key.sign(b"vtf-donor-statement/1\n" + canonical(statement).encode())
        statement["signature"] = base64.b64encode(signature).decode()
        open(sys.argv[3], "w").write(canonical(statement) + "\n")
        """#

    @Test("a statement whose figures or proofs were bent, signed again with the fund's own key, is refused by name",
          arguments: [
            ("figure", "fund_use.psc: the statement says"),
            ("figure-and-proof", "fund_use.psc is "),
            ("leaf-value", "does not lead to the root of seal"),
            ("leaf-dropped", "the leaves are not adjacent"),
            ("run-cut", "inside the account's range: a leaf after it may be left out"),
            ("other-seal", "the term is not that"),
            ("silent", "fund_use.psc: the statement neither proves this figure nor says why"),
            ("claimed", "fund_use.grants_paid_count is not a figure that sealed balances prove"),
            ("seal-path", "inclusion proof does not lead to the checkpoint's root"),
            ("outstanding", "totals.outstanding is not, currency by currency, the sum of the agreements' outstanding amounts"),
            ("written-off", "written off 0.01 and outstanding"),
            ("count", "fund_use.grants_paid_count: the statement says 13; the sealed balances of the grants paid show 12 grants paid something"),
            ("count-unread", "fund_use.grants_paid_count: the statement neither proves the grants paid, which this figure is read from"),
          ])
    func tampering(_ change: String, _ reason: String) throws {
        let dir = try Self.statementFolder.get()
        try Self.expectRefused(change, in: dir, as: "tampered-\(change).json", reason)
        // The genuine statement, signed again unchanged by the same script's signer, still verifies.
        let resigned = try CLI.run("/usr/bin/python3", ["-c", Self.tamper.replacingOccurrences(of: "raise SystemExit(\"no case \" + case)", with: "pass"), "bel.json", "none", "resigned-\(change).json"], in: dir)
        let genuine = try Self.verify(dir, "resigned-\(change).json")
        #expect(resigned.status == 0 && genuine.status == 0, "\(resigned.stderr)\(genuine.stderr)")
    }

    /// Belgium's statement changed as `change` says and signed again (`Self.tamper`), written to
    /// `name`, must fail `vtf statement verify` (exit 1) saying `reason`.
    static func expectRefused(_ change: String, in dir: String, as name: String, _ reason: String,
                              sourceLocation: SourceLocation = #_sourceLocation) throws {
        let tampered = try CLI.run("/usr/bin/python3", ["-c", Self.tamper, "bel.json", change, name], in: dir)
        try #require(tampered.status == 0, "\(tampered.stderr)", sourceLocation: sourceLocation)
        let result = try Self.verify(dir, name)
        #expect(result.status == 1, "\(change): \(result.stdout)", sourceLocation: sourceLocation)
        #expect(result.stderr.contains(reason), "\(change): \(result.stderr)", sourceLocation: sourceLocation)
    }

    /// The demo's folder with Belgium's statement for 2025, made once for the tampering cases,
    /// and Sweden's and the United Kingdom's for the same year (the same checkpoint), whose
    /// receipt and refund cases borrow.
    static let statementFolder = Result { () throws -> String in
        let dir = try demo()
        _ = try statement(dir)
        for donor in ["SWE", "GBR"] {
            let made = try CLI.vtf(["statement", "--ledger", "unvtf.ledger", "--donor", donor, "--from", "2025-01-01", "--to", "2025-12-31", "--out", donor.lowercased() + ".json"], in: dir)
            guard made.status == 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: made.stderr]) }
        }
        return dir
    }

    /// An attacker's statement from July to June had its spending and PSC "not proven … seal
    /// again", though sealing again could not help: the year's close empties 5100 and 5200.
    @Test("a flow across a year's close is not proven, and the reason says to make one statement per financial year")
    func acrossTheClose() throws {
        let dir = try Self.demo()
        for asOf in ["2025-06-30", "2026-06-30"] {
            let sealed = try CLI.vtf(["seal", "--as-of", asOf, "--key", "maria.pem", "--ledger", "unvtf.ledger"], in: dir)
            #expect(sealed.status == 0, "\(sealed.stderr)")
        }
        _ = try Self.statement(dir, from: "2025-07-01", to: "2026-06-30", name: "across.json")
        let verified = try Self.verify(dir, "across.json")
        #expect(verified.status == 0, "\(verified.stderr)")
        #expect(verified.stdout.contains("not proven: fund_use.grants_spent:") && verified.stdout.contains("the period spans 2025-12-31"),
                "\(verified.stdout)")
        #expect(verified.stdout.contains("make one statement or report per financial year"), "\(verified.stdout)")
    }

    /// What is not a statement, or not a key, is bad input (exit 2); exit 1 is for a statement
    /// whose checks fail, which a donor reads as a forgery.
    @Test("vtf statement verify gives exit 2 for what is not a statement or not a key, exit 1 for a statement that fails")
    func inputOrFailure() throws {
        let dir = try Self.statementFolder.get()
        let vkey = try BalanceProofCommandTests.vkey(dir)
        try "".write(toFile: dir + "/empty.json", atomically: true, encoding: .utf8)
        try Data([0xFF, 0xFE, 0x7B]).write(to: URL(fileURLWithPath: dir + "/bytes.json"))
        try #"{"format":"vtf-balance-proof/1"}"#.write(toFile: dir + "/other.json", atomically: true, encoding: .utf8)
        for (arguments, reason) in [
            (["empty.json", "--vkey", vkey], "not JSON"), (["bytes.json", "--vkey", vkey], "not JSON"),
            (["other.json", "--vkey", vkey], "not a vtf-donor-statement/1 statement"),
            (["bel.json", "--vkey", "garbage"], "--vkey: not the fund's verifier key"), (["bel.json", "--vkey", ""], "--vkey"),
            (["bel.json", "--vkey", vkey, "--witness", "nope"], "--witness nope: not a witness verifier key"),
        ] {
            let result = try CLI.vtf(["statement", "verify"] + arguments, in: dir)
            #expect(result.status == 2, "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains(reason), "\(arguments): \(result.stderr)")
        }
        try Self.expectRefused("refunded", in: dir, as: "failing.json", "totals.refunded_value is not the sum of the refunds")
    }

    @Test("a receipt or refund of another donor, one outside the period or listed twice, or refunds that do not add up, signed again with the fund's key, are refused by vtf statement verify and by the openssl script",
          arguments: [
            ("other-donor", "credits neither 1200.BEL nor 2300.BEL: it is not a receipt from donor BEL", "credits neither 1200.BEL nor 2300.BEL"),
            ("outside", "outside the statement's period", "outside the statement's period"),
            ("twice", "the entry is listed twice", "is listed twice"),
            ("refunded", "totals.refunded_value is not the sum of the refunds", "totals.refunded_value: is not the sum"),
            ("no-period", "the statement's from () and to (2025-12-31) are not the dates of a period", "are not the dates of a period"),
            ("other-refund", "is not the request of a refund to donor BEL that entry", "is not the request of a refund to donor BEL that entry"),
            ("no-request", "the refund's request entry is not shown, so nothing shows it is donor BEL's refund",
             "the refund's request entry is not shown"),
          ])
    func listing(_ change: String, _ reason: String, _ opensslReason: String) throws {
        let dir = try Self.statementFolder.get()
        let name = "listed-\(change).json"
        try Self.expectRefused(change, in: dir, as: name, reason)
        let openssl = try CLI.run(CLI.packageRoot.appendingPathComponent("Audit/verify-statement-with-openssl.sh").path,
                                  [name, "--vkey", try BalanceProofCommandTests.vkey(dir)], in: dir)
        #expect(openssl.status == 1 && openssl.stdout.contains(opensslReason), "\(change): \(openssl.stdout)\(openssl.stderr)")
    }

    /// A refund is listed with its request entry, which names the donor; the United Kingdom's
    /// genuine statement (one refund) verifies with vtf and with the openssl script.
    @Test("a refund shows its request entry, and the genuine statement verifies with vtf and openssl")
    func refundWithItsRequest() throws {
        let dir = try Self.statementFolder.get()
        let statement = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/gbr.json"))) as? [String: Any]
        let refunds = try #require(statement?["refunds"] as? [[String: Any]])
        #expect(refunds.count == 1)
        let request = try #require(refunds.first?["request"] as? [String: Any])
        let line = try #require(request["entry"] as? String)
        #expect(line.contains(#""action":"donor.refund""#) && line.contains(#""donor":"GBR""#), "\(line)")
        let verified = try Self.verify(dir, "gbr.json")
        #expect(verified.status == 0, "\(verified.stderr)")
        let openssl = try CLI.run(CLI.packageRoot.appendingPathComponent("Audit/verify-statement-with-openssl.sh").path,
                                  ["gbr.json", "--vkey", try BalanceProofCommandTests.vkey(dir)], in: dir)
        #expect(openssl.status == 0 && openssl.stdout.contains("1 refunds"), "\(openssl.stdout)\(openssl.stderr)")
    }

    @Test("a flow with no seal the day before the period names the seal to write; once written, the flow is proven")
    func aMissingSealIsNamed() throws {
        let dir = try Self.demo()
        let before = Self.proofs(try Self.statement(dir, from: "2025-06-01"))
        #expect(before.proven == ["fund_use.fund_balance", "fund_use.reserve", "totals.outstanding.EUR"])
        #expect(before.notProven["fund_use.psc"]?.contains("no balances seal as of 2025-05-31") == true, "\(before.notProven)")
        #expect(before.notProven["fund_use.psc"]?.contains("vtf seal --as-of 2025-05-31") == true)
        #expect(try Self.verify(dir).stdout.contains("not proven: fund_use.grants_spent: no balances seal as of 2025-05-31"))
        let sealed = try CLI.vtf(["seal", "--ledger", "unvtf.ledger", "--key", "maria.pem", "--as-of", "2025-05-31", "--date", "2026-01-06"], in: dir)
        #expect(sealed.status == 0, "\(sealed.stderr)")
        let after = try Self.statement(dir, from: "2025-06-01")
        #expect(Self.proofs(after).proven.contains("fund_use.psc") && Self.proofs(after).proven.contains("fund_use.grants_spent"), "\(Self.proofs(after))")
        #expect(try Self.verify(dir).status == 0)
    }

    @Test("an entry dated before a seal but recorded after it leaves the figures it moves unproven until the date is sealed again")
    func aLateEntryIsNotHiddenBehindAnOldSeal() throws {
        let dir = try Self.demo()
        let seal = { (date: String) throws in
            let sealed = try CLI.vtf(["seal", "--ledger", "unvtf.ledger", "--key", "maria.pem", "--as-of", date, "--date", "2026-02-02"], in: dir)
            #expect(sealed.status == 0, "\(sealed.stderr)")
        }
        try seal("2026-01-31")
        // 2025's close sealed its balances again after its postings: 2026's flows start from it.
        let first = Self.proofs(try Self.statement(dir, from: "2026-01-01", to: "2026-01-31"))
        #expect(first.proven.contains("fund_use.psc") && first.proven.contains("fund_use.fund_balance"), "\(first.notProven)")
        // A USD agreement dated in January, recorded after January's seal, moves the fund balance.
        let signed = try CLI.vtf(["agreement", "sign", "--ledger", "unvtf.ledger", "--key", "maria.pem", "--donor", "USA", "--amount", "1000.00",
                                  "--currency", "USD", "--date", "2026-01-20", "--ref", "AGR-USA-LATE"], in: dir)
        #expect(signed.status == 0, "\(signed.stderr)")
        let late = Self.proofs(try Self.statement(dir, from: "2026-01-01", to: "2026-01-31"))
        #expect(!late.proven.contains("fund_use.fund_balance"))
        #expect(late.notProven["fund_use.fund_balance"]?.contains("were recorded after it; seal again") == true, "\(late.notProven)")
        try seal("2026-01-31")
        let resealed = Self.proofs(try Self.statement(dir, from: "2026-01-01", to: "2026-01-31"))
        #expect(resealed.proven.contains("fund_use.fund_balance"), "\(resealed.notProven)")
        #expect(try Self.verify(dir).status == 0)
    }
}

