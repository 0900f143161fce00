import Foundation
import LedgerStore
import SQLiteStore
import TrustFundRules
import TransparencyLog
import LedgerCrypto
import LedgerJournal
import VTFCommands

/// The demo's steps: each runs the real command in process and prints it first.
struct DemoScript {
    let folder: String
    let ledger: String
    /// `--ledger PATH`, for every step.
    let l: [String]

    func say(_ text: String) { print("\n== \(text)") }

    func key(_ name: String) -> String { "\(folder)/\(name).pem" }

    /// `--key` of a person.
    func by(_ name: String) -> [String] { ["--key", key(name)] }

    /// Runs `vtf ARGS`; `expect` is the exit status the step should have. A quiet step prints
    /// neither the command nor its output (the demo shows the first of each kind).
    func vtf(_ arguments: [String], expect: Int32 = 0, quiet: Bool = false) async throws {
        let shown = arguments.map { $0.contains(" ") || $0.isEmpty ? "\"\($0)\"" : $0 }.joined(separator: " ")
        if !quiet { print("$ vtf \(shown)") }
        fflush(nil)
        let status = quiet ? await Self.silenced { await CommandRunner.execute(arguments: arguments) } : await CommandRunner.execute(arguments: arguments)
        fflush(nil)
        guard status == expect else {
            throw InputError("demo step `vtf \(shown)` exited \(status), expected \(expect)")
        }
        if expect == 2, !quiet { print("  → refused, as the demo expects (exit 2): nothing was written; the reason is above") }
        if expect == 1, !quiet { print("  → exit 1: the check found differences, listed above") }
    }

    /// Runs `body` with standard output and standard error (the step's notes) sent to /dev/null;
    /// a failing step still stops the demo, which names it.
    static func silenced(_ body: () async -> Int32) async -> Int32 {
        fflush(nil)
        let savedOut = dup(STDOUT_FILENO)
        let savedErr = dup(STDERR_FILENO)
        let null = open("/dev/null", O_WRONLY)
        dup2(null, STDOUT_FILENO)
        dup2(null, STDERR_FILENO)
        close(null)
        defer {
            fflush(nil)
            dup2(savedOut, STDOUT_FILENO)
            dup2(savedErr, STDERR_FILENO)
            close(savedOut)
            close(savedErr)
        }
        return await body()
    }

    /// Runs each step; shows the first, and says how many more ran quietly.
    func each<T>(_ items: [T], _ step: (T, Bool) async throws -> Void) async throws {
        for (index, item) in items.enumerated() { try await step(item, index > 0) }
        if items.count > 1 { print("  … and \(items.count - 1) more like it") }
    }

    /// The year on the store itself: the people, then the year.
    func run() async throws {
        print("Building a year of the fund in \(folder)/ …")
        try await people()
        try await year()
    }

    /// The year after the people through `service`: each person's command signs with their own
    /// key, the service records it and alone signs checkpoints with the log key.
    func year(through service: DemoService) async throws {
        say("From here on, every command goes through vtf serve at \(service.url): the service alone holds the log key, each person signs with their own.")
        try await DemoScript(folder: folder, ledger: ledger, l: ["--ledger", service.url]).year()
    }

    /// Everything after the people: the year of the fund, on `l`.
    func year() async throws {
        try await newUserEdges()
        try await rates()
        try await budget()
        try await donors()
        try await contributions()
        try await grantCycle()
        try await bankReconciliation()
        try await bankQuirks()
        try await bankFileShapes()
        try await restOfTheYear()
        try await secretariatCosts()
        try await budgetRevision()
        try await yearEnd()
        try await earmarkedNetAssets()
        try await audit()
    }

    func people() async throws {
        say("1. Each person makes their own key; the ledger has its own log key.")
        let people = [
            ("admin", "Ines Admin"), ("log", "UNVTF log key"), ("maria", "Maria Fund Manager"),
            ("chen", "Chen Certifying Officer"), ("amara", "Amara Approving Officer"),
        ]
        try await each(people) { try await vtf(["key", "generate", "--out", key($0.0), "--name", $0.1], quiet: $1) }
        say("2. The admin creates the fund's ledger from the UNVTF template: the UN trust-fund chart of accounts, PSC 13 %, an operating reserve of 15 % of planned expenditure, a write-off limit, and two-person approval.")
        try await vtf(["init"] + l + ["--origin", "example.org/unvtf-demo", "--fund-name", "UNVTF (demo)", "--template", "unvtf",
                               "--planned-expenditure", "400000.00", "--admin-key", key("admin"), "--log-key", key("log"),
                               "--date", "2025-01-01"])
        say("3. The admin registers the fund team: a fund manager, a certifying officer, an approving officer (three people).")
        let roles = [("maria", "fund-manager"), ("chen", "certifying-officer"), ("amara", "approving-officer")]
        for (person, role) in roles {
            try await vtf(["key", "register"] + l + by("admin") + ["--public-key", key(person) + ".pub", "--holder", person,
                                                            "--role", role, "--date", "2025-01-02"])
        }
    }

    func rates() async throws {
        say("4. UN Treasury's operational rates (units per USD). A currency's first rate has nothing to be compared with, so two people confirm January's: the fund manager requests it, the officers certify and approve. Then a set each month from a CSV file (one person: each within 25 % of the rates around it), and a mid-month revision.")
        let january = DemoYear.rates.map { "\($0.currency)=\($0.monthly[0])" }
        try await vtf(["rates", "set", "--month", "2025-01"] + january + ["--request", "--ref", "FX-2025-01"] + l + by("maria"))
        try await vtf(["certify", "FX-2025-01"] + l + by("chen"))
        try await vtf(["approve", "FX-2025-01"] + l + by("amara"))
        var csv = "effective,currency,rate\n"
        for month in 2...12 {
            for (currency, monthly) in DemoYear.rates {
                csv += "2025-\(month < 10 ? "0" : "")\(month)-01,\(currency),\(monthly[month - 1])\n"
            }
        }
        let file = "\(folder)/unore-2025.csv"
        try csv.write(toFile: file, atomically: true, encoding: .utf8)
        try await vtf(["rates", "import", file] + l + by("maria"))
        try await vtf(["rates", "set", "--from", "2025-06-16", "EUR=0.8850"] + l + by("maria"))
    }

    func donors() async throws {
        say("5. Donors. A donor's receivable is account 1200.ID; its contributions go to revenue by donor type.")
        try await each(DemoYear.donors) { donor, quiet in
            let country = donor.country.isEmpty ? [] : ["--country", donor.country]
            try await vtf(["donor", "add", donor.id] + l + by("maria") + ["--name", donor.name, "--type", donor.type] + country
                    + ["--date", "2025-01-06"], quiet: quiet)
        }
        say("6. Belgium pledges: a memo line (9100), never revenue.")
        try await vtf(["pledge"] + l + by("maria") + ["--donor", "BEL", "--amount", "500000.00", "--currency", "EUR", "--date", "2025-01-15",
                                               "--ref", "PL-BEL-2025"])
    }

    func contributions() async throws {
        say("7. Binding agreements (IPSAS 23): receivable and revenue at the day's rate. Sweden's has a condition: deferred revenue.")
        try await each(DemoYear.agreements) { agreement, quiet in
            var extra: [String] = []
            if let instalments = agreement.instalments { extra += ["--instalments", instalments] }
            if agreement.conditional { extra.append("--conditional") }
            if let pledge = agreement.pledge { extra += ["--pledge", pledge] }
            if let earmark = agreement.earmark { extra += ["--earmark", earmark] }
            try await vtf(["agreement", "sign"] + l + by("maria") + ["--donor", agreement.donor, "--amount", agreement.amount,
                     "--currency", agreement.currency, "--date", agreement.date, "--ref", agreement.ref] + extra, quiet: quiet)
        }
        say("8. Money arrives at other rates: the difference with the receivable's carrying value is a realised FX gain or loss. The UK pays GBP 50.00 too much (owed back, 2300.GBR); Japan pays half.")
        for (index, receipt) in DemoYear.receipts.enumerated() {
            let charges = receipt.charges.map { ["--charges", $0] } ?? []
            let show = index == 0 || receipt.currency == "GBP" || receipt.currency == "NOK"
            try await vtf(["receive"] + l + by("maria") + ["--agreement", receipt.agreement, "--amount", receipt.amount, "--currency",
                     receipt.currency, "--date", receipt.date, "--bank-ref", receipt.bankRef] + charges, quiet: !show)
        }
        say("9. USD 60,000.00 arrives that nobody can place: it waits in suspense until the foundation's agreement is found.")
        try await vtf(["receive", "--unidentified"] + l + by("maria") + ["--amount", "60000.00", "--currency", "USD", "--date", "2025-04-02",
                                                                  "--bank-ref", "CITI-250402-13"])
        try await vtf(["donor", "add", "ACME"] + l + by("maria") + ["--name", "Acme Foundation", "--type", "foundation", "--date", "2025-04-10"], quiet: true)
        try await vtf(["agreement", "sign"] + l + by("maria") + ["--donor", "ACME", "--amount", "60000.00", "--currency", "USD",
                                                          "--date", "2025-04-10", "--ref", "AGR-ACME-2025"], quiet: true)
        try await vtf(["receive", "apply", "CITI-250402-13"] + l + by("maria") + ["--agreement", "AGR-ACME-2025", "--date", "2025-04-10"])
        say("10. Sweden's condition is met (its narrative report was accepted): deferred revenue becomes revenue.")
        try await vtf(["agreement", "recognise", "AGR-SWE-2025"] + l + by("maria") + ["--amount", "2000000.00", "--date", "2025-10-15"])
    }

    func grantCycle() async throws {
        say("11. The Board of Trustees recommends twelve grants (advice: nothing is posted).")
        try await each(DemoYear.grants) { grant, quiet in
            try await vtf(["grant", "recommend"] + l + by("maria") + ["--ref", "REC-\(grant.ref)", "--grantee", grant.grantee,
                     "--grantee-name", grant.name, "--amount", grant.amount, "--cycle", "2025", "--date", "2025-03-03"], quiet: quiet)
        }
        say("12. Each award is requested by the fund manager, certified (funds available) by one officer and approved by another; only then is the obligation recorded.")
        try await each(DemoYear.grants) { grant, quiet in
            try await vtf(["grant", "award"] + l + by("maria") + ["--grantee", grant.grantee, "--grantee-name", grant.name, "--amount",
                     grant.amount, "--currency", "USD", "--date", "2025-03-10", "--ref", grant.ref, "--tranches",
                     "\(grant.tranches.0),\(grant.tranches.1)", "--recommendation", "REC-\(grant.ref)", "--country", grant.country,
                     "--sector", grant.sector] + (grant.earmark.map { ["--earmark", $0] } ?? []) + (grant.publicName.map { ["--public-name", $0] } ?? []),
                     quiet: quiet)
            try await vtf(["certify", grant.ref] + l + by("chen"), quiet: quiet)
            try await vtf(["approve", grant.ref] + l + by("amara"), quiet: quiet)
        }
        say("13. The rules refuse, and nothing is written (exit status 2): a fund manager cannot approve; an award beyond the available funds cannot be certified (it is then rejected); a payment beyond the grant cannot be requested. Funds available are the cash not held for others, less the reserve and the commitments: Belgium's EUR 500,000.00 still receivable does not count, so USD 250,000.00 is refused although cash and receivables would cover it.")
        try await vtf(["grant", "award"] + l + by("maria") + ["--grantee", "BIGNGO", "--grantee-name", "Too Big To Fund", "--amount",
                 "250000.00", "--currency", "USD", "--date", "2025-03-11", "--ref", "G-2025-99"])
        try await vtf(["approve", "G-2025-99"] + l + by("maria"), expect: 2)
        try await vtf(["funds", "available"] + l + ["--as-of", "2025-03-11"])
        try await vtf(["certify", "G-2025-99"] + l + by("chen"), expect: 2)
        try await vtf(["reject", "G-2025-99"] + l + by("chen") + ["--reason", "Exceeds the funds available"])
        try await vtf(["grant", "disburse", "G-2025-01"] + l + by("maria") + ["--tranche", "2", "--amount", "9000.00", "--date", "2025-03-25"], expect: 2)
        say("14. First tranches: each payment is requested, certified and approved (Dr 1300 advance, Cr 1100 cash).")
        try await each(DemoYear.grants) { grant, quiet in try await pay(grant, tranche: 1, date: "2025-03-25", quiet: quiet) }
        say("15. Partners report what they spent: expense, and 13 % programme support costs on it.")
        let reported = DemoYear.grants.filter { $0.spent.0 != "0" }
        try await each(reported) { grant, quiet in
            try await vtf(["grant", "report", grant.ref] + l + by("maria") + ["--spent", grant.spent.0, "--date", "2025-07-31"], quiet: quiet)
        }
        say("16. Second tranches after accepted reports; second reports; one partner returns what it did not spend, another costs found ineligible; five grants close.")
        for grant in DemoYear.grants where grant.secondPaid { try await pay(grant, tranche: 2, date: "2025-08-15", quiet: true) }
        for grant in DemoYear.grants {
            guard let second = grant.spent.1 else { continue }
            try await vtf(["grant", "report", grant.ref] + l + by("maria") + ["--spent", second, "--date", "2025-11-28"], quiet: true)
        }
        try await vtf(["grant", "refund", "G-2025-03"] + l + by("maria") + ["--amount", "1550.00", "--date", "2025-12-05", "--bank-ref", "CITI-251205-02"])
        try await vtf(["grant", "refund", "G-2025-04"] + l + by("maria") + ["--amount", "500.00", "--date", "2025-12-08", "--bank-ref", "CITI-251208-01"])
        try await each(Array(DemoYear.grants.prefix(5))) { grant, quiet in
            try await vtf(["grant", "close", grant.ref] + l + by("maria") + ["--date", "2025-12-10"], quiet: quiet)
        }
        try await vtf(["grant", "list"] + l)
    }

    func pay(_ grant: DemoYear.Grant, tranche: Int, date: String, quiet: Bool) async throws {
        let ref = "PAY-\(grant.ref.dropFirst(2))-\(tranche)"
        try await vtf(["grant", "disburse", grant.ref] + l + by("maria") + ["--tranche", "\(tranche)", "--date", date, "--ref", ref], quiet: quiet)
        try await vtf(["certify", ref] + l + by("chen"), quiet: quiet)
        try await vtf(["approve", ref] + l + by("amara"), quiet: quiet)
    }

    /// The bank's statement of the USD cash account for the first quarter, as MT940: the two USD
    /// receipts, the twelve first tranches (each with its payment ref) and USD 45.00 of charges.
    func bankReconciliation() async throws {
        say("17. The bank's first-quarter statement (MT940) is reconciled against cash: receipts by their bank reference, payments by their payment ref. The bank charged USD 45.00 the books do not have yet: committing the reconciliation requests them, two officers approve, and the books agree.")
        var lines = [":20:CITI-2025-Q1", ":25:US33CITI0000123456789", ":28C:1/1", ":60F:C250101USD0,"]
        var total: Int64 = 0
        func line(_ date: String, _ sign: String, _ minor: Int64, _ reference: String, _ bankID: String, _ text: String) {
            let day = date.replacingOccurrences(of: "-", with: "").dropFirst(2)
            lines.append(":61:\(day)\(day.suffix(4))\(sign)\(minor / 100),\(String(format: "%02d", minor % 100))NTRF\(reference)//\(bankID)")
            lines.append(":86:\(text)")
            total += sign == "C" ? minor : -minor
        }
        line("2025-02-05", "C", 25_000_000, "NONREF", "CITI-250205-01", "United States of America contribution")
        line("2025-02-11", "C", 4_496_500, "NONREF", "CITI-250211-04", "Blue Heart Campaign, less charges")
        for (index, grant) in DemoYear.grants.enumerated() {
            let parts = grant.tranches.0.split(separator: ".")
            let minor = (Int64(parts[0]) ?? 0) * 100 + (Int64(parts.count > 1 ? parts[1] : "0") ?? 0)
            line("2025-03-25", "D", minor, "PAY-\(grant.ref.dropFirst(2))-1", "CITI-250325-\(index + 1)", grant.name)
        }
        lines.append(":61:2503310331D45,00NCHGNONREF//CITI-250331-99")
        lines.append(":86:Bank charges Q1")
        total -= 4_500
        lines.append(":62F:C250331USD\(total / 100),\(String(format: "%02d", total % 100))")
        lines.append("-")
        let file = "\(folder)/citi-2025-q1.sta"
        try (lines.joined(separator: "\n") + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        try await vtf(["reconcile", "bank"] + l + by("maria") + ["--statement", file, "--account", "1100", "--commit", "--date", "2025-03-31"], expect: 1)
        let charges = try await StoreLocation(ledger).openReading(rules: .unvtf).read { try $0.requestRecords() }.filter { $0.action == "bank.charges" }
        for request in charges {
            try await vtf(["certify", request.ref] + l + by("chen"), quiet: true)
            try await vtf(["approve", request.ref] + l + by("amara"))
        }
        try await vtf(["reconcile", "bank"] + l + ["--statement", file, "--account", "1100"])
    }

    func restOfTheYear() async throws {
        say("18. UN Treasury allocates the main cash pool's income and costs.")
        try await vtf(["interest", "allocate"] + l + by("maria") + ["--income", "4120.55", "--costs", "310.20", "--date", "2025-06-30", "--ref", "TRY-2025-H1"])
        try await vtf(["interest", "allocate"] + l + by("maria") + ["--income", "5275.80", "--costs", "298.45", "--date", "2025-12-31", "--ref", "TRY-2025-H2"], quiet: true)
        say("19. The UK's over-payment goes back (a refund to a donor: two people again).")
        try await vtf(["donor", "refund", "GBR"] + l + by("maria") + ["--amount", "50.00", "--currency", "GBP", "--date", "2025-07-10", "--ref", "RFD-2025-GBR"])
        try await vtf(["certify", "RFD-2025-GBR"] + l + by("chen"), quiet: true)
        try await vtf(["approve", "RFD-2025-GBR"] + l + by("amara"))
    }

    func yearEnd() async throws {
        try await yearEndEntries()
        say("20. Year end: revalue foreign-currency balances at December's rates (unrealised FX), fund the reserve, check nothing waits, close 2025.")
        try await vtf(["fx", "revalue"] + l + by("maria") + ["--date", "2025-12-31"])
        try await vtf(["reserve", "adjust"] + l + by("maria") + ["--date", "2025-12-31"])
        try await vtf(["pending"] + l)
        try await vtf(["report", "financial-performance"] + l + ["--as-of", "2025-12-31"])
        try await budgetReport()
        say("21. Closing a year takes two more people than the fund manager who asks: a year that has not ended cannot be closed at all; 2025 is requested by maria, certified by chen and approved by amara, whose approval closes it.")
        try await vtf(["year", "close", "2030"] + l + by("maria"), expect: 2)
        try await vtf(["year", "close", "2025"] + l + by("maria") + ["--ref", "CLOSE-2025"])
        try await vtf(["certify", "CLOSE-2025"] + l + by("chen"))
        try await vtf(["approve", "CLOSE-2025"] + l + by("amara"))
        say("21b. The close sealed every balance as of 31 December twice: before its postings (the year's revenue and expenses) and after them (2026's opening balances). The fund manager seals the balances as of 31 December 2024 too, the day before the fund's first year (none on a new ledger): every flow of 2025 a statement shows (grants spent, PSC) is then proven as the difference of two sealed balances.")
        try await vtf(["seal"] + l + by("maria") + ["--as-of", "2024-12-31", "--date", "2026-01-05", "--memo", "Opening balances of 2025"])
        say("22. 2025 is closed: an entry dated in it is refused.")
        try await vtf(["receive"] + l + by("maria") + ["--agreement", "AGR-JPN-2025", "--amount", "7500000", "--currency", "JPY",
                                                "--date", "2025-12-30", "--bank-ref", "MUFG-251230-01"], expect: 2)
    }

    func audit() async throws {
        say("23. Anyone with the public keys verifies every signature, the chain, every rule (rates, FX, PSC, approvals) and the derived tables.")
        try await vtf(["verify"] + l)
        say("24. The statement of financial position (IPSAS 1) at 31 December 2025.")
        try await vtf(["report", "financial-position"] + l + ["--as-of", "2025-12-31"])
        say("25. An auditor cosigns the signed checkpoint, and verifies the whole history offline from a bundle.")
        try await vtf(["key", "generate", "--out", key("auditor"), "--name", "Board of Auditors (demo)"], quiet: true)
        // Only a key the ledger registered as auditor makes a cosignature an audit.
        try await vtf(["key", "register"] + l + by("admin") + ["--public-key", key("auditor") + ".pub", "--holder", "board-of-auditors",
                                                        "--role", "auditor", "--date", "2026-01-05"])
        try await vtf(["checkpoint", "cosign"] + l + by("auditor") + ["--name", "example.org/board-of-auditors"])
        try await vtf(["audit", "export", "\(folder)/audit-bundle"] + l)
        let vkey = try await StoreLocation(ledger).openReading(rules: .unvtf).logVerifierKey()
        try await vtf(["audit", "verify", "\(folder)/audit-bundle", "--vkey", vkey])
        try await resultsOnStandardOutput(vkey: vkey)
        say("26. Belgium receives its statement for 2025: signed by the fund, every receipt with its proof, and its balances and flows proven by the sealed balances (the figures that cannot be are named, with why); it checks it offline, and reads it in French.")
        try await vtf(["statement"] + l + ["--donor", "BEL", "--from", "2025-01-01", "--to", "2025-12-31", "--out", "\(folder)/BEL-2025.json"])
        let witness = Cosignature.verifierKey(
            name: "example.org/board-of-auditors", publicKey: try KeyFile.readPublicKey(at: key("auditor") + ".pub"))
        try await vtf(["statement", "verify", "\(folder)/BEL-2025.json", "--vkey", vkey, "--witness", witness])
        try await vtf(["statement"] + l + ["--donor", "BEL", "--from", "2025-01-01", "--to", "2025-12-31", "--format", "html", "--lang", "fr",
                                    "--out", "\(folder)/BEL-2025-fr.html"])
        try await annualReport()
        let vtfPath = Bundle.main.executablePath ?? "vtf"
        print("""

            Done. The ledger is \(ledger); the keys are in \(folder)/.
            Try next (from this folder; the Audit/ scripts are in the vtf repository):
              \(folder)/BEL-2025-fr.html   (Belgium's statement: open it in a browser; it prints on A4)
              \(folder)/annual-2025-en.html, \(folder)/annual-2025-fr.html   (the annual financial report for 2025, with 2024 beside it)
              \(vtfPath) statement --all --to 2025-12-31 --ledger \(ledger) --out \(folder)/statements
              \(vtfPath) reconcile receivables --ledger \(ledger) --as-of 2025-12-31
              \(vtfPath) funds available --ledger \(ledger) --as-of 2025-12-31
              \(vtfPath) report grants --ledger \(ledger) --as-of 2025-12-31
              \(vtfPath) report receivables --ledger \(ledger) --as-of 2025-12-31
              \(vtfPath) report psc --ledger \(ledger) --from 2025-01-01 --as-of 2025-12-31
              \(vtfPath) report financial-position --ledger \(ledger) --as-of 2025-12-31 --format json --proofs --out \(folder)/position.json   (every line proven by the year-end seal)
              \(vtfPath) proof check --proof \(folder)/position.json --vkey '\(vkey)'   (…checked offline with the log's key alone)
              \(vtfPath) prove balance 1300.G-2025-06 --ledger \(ledger) --as-of 2025-12-31   (one grant's advance, proven: Audit/BALANCE-PROOFS.md)
              \(vtfPath) publish --ledger \(ledger) --out \(folder)/site   (the public site; its verify.html checks statements and proofs in the browser)
              \(vtfPath) export hledger --ledger \(ledger) --out \(folder)/unvtf.journal   (the books for hledger; also ledger, beancount)
              \(vtfPath) export iati --ledger \(ledger) --out \(folder)/iati   (the fund for IATI 2.03: shelters only as "a partner in COUNTRY")
              \(vtfPath) serve --ledger \(ledger) --log-key \(folder)/log.pem   (one ledger for the whole team over HTTP; vtf demo --serve runs a year through it)
              \(vtfPath) grant --help
              Audit/verify-with-openssl.sh \(folder)/audit-bundle      (the same signatures and tree, with openssl alone)
              Audit/recompute/recompute.py --vtf \(vtfPath) --ledger \(ledger) --as-of 2025-12-31   (every report figure recomputed from the journal alone)
              Audit/verify-statement-with-openssl.sh \(folder)/BEL-2025.json --vkey '\(vkey)'   (a donor's check)
            and read Audit/AUDITOR-GUIDE.md.
            """)
    }
}
