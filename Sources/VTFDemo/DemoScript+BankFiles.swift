import Foundation
import VTFCommands

/// Bank files as banks send them (issue 12 items 3, 4, 6, 8): the same first quarter as a
/// camt.053.001.11 message for all of the fund's accounts, the USD statement split over two
/// pages with an interim balance and a pending entry; and the bank's intraday MT942, refused by
/// name.
extension DemoScript {
    func bankFileShapes() async throws {
        say("17b. The bank also sends the quarter as camt.053.001.11 for all the fund's accounts: --bank-account picks the USD account, its two pages are merged into one statement, the EUR account and a pending entry are listed, not dropped. Its intraday MT942 is refused by name: it has no closing balance.")
        func entry(_ amount: Int64, _ date: String, _ bankID: String, status: String = "BOOK", text: String) -> String {
            let magnitude = "\(abs(amount) / 100).\(String(format: "%02d", abs(amount) % 100))"
            return """
                <Ntry><Amt Ccy="USD">\(magnitude)</Amt><CdtDbtInd>\(amount < 0 ? "DBIT" : "CRDT")</CdtDbtInd><Sts><Cd>\(status)</Cd></Sts>
                <BookgDt><Dt>\(date)</Dt></BookgDt><ValDt><Dt>\(date)</Dt></ValDt><AcctSvcrRef>\(bankID)</AcctSvcrRef><AddtlNtryInf>\(text)</AddtlNtryInf></Ntry>
                """
        }
        func balance(_ type: String, _ amount: Int64, _ date: String, _ currency: String = "USD") -> String {
            "<Bal><Tp><CdOrPrtry><Cd>\(type)</Cd></CdOrPrtry></Tp><Amt Ccy=\"\(currency)\">\(amount / 100).\(String(format: "%02d", amount % 100))</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>\(date)</Dt></Dt></Bal>"
        }
        func statement(_ page: Int, last: Bool, account: String, currency: String, _ body: String) -> String {
            """
            <Stmt><Id>CITI-2025-Q1-\(currency)</Id><StmtPgntn><PgNb>\(page)</PgNb><LastPgInd>\(last)</LastPgInd></StmtPgntn>
            <Acct><Id><IBAN>\(account)</IBAN></Id><Ccy>\(currency)</Ccy></Acct>
            \(body)</Stmt>
            """
        }
        let receipts: Int64 = 25_000_000 + 4_496_500
        var page2 = ""
        var total = receipts
        for (index, grant) in DemoYear.grants.enumerated() {
            let parts = grant.tranches.0.split(separator: ".")
            let minor = (Int64(parts[0]) ?? 0) * 100 + (Int64(parts.count > 1 ? parts[1] : "0") ?? 0)
            page2 += entry(-minor, "2025-03-25", "CITI-250325-\(index + 1)", text: grant.name)
            total -= minor
        }
        page2 += entry(-4_500, "2025-03-31", "CITI-250331-99", text: "Bank charges Q1")
        page2 += entry(1_000_000, "2025-03-31", "CITI-250331-PD", status: "PDNG", text: "Incoming, not yet booked")
        total -= 4_500
        let usd = "US33CITI0000123456789"
        let document = """
            <?xml version="1.0" encoding="UTF-8"?>
            <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.11"><BkToCstmrStmt><GrpHdr><MsgId>CITI-Q1</MsgId></GrpHdr>
            \(statement(1, last: false, account: usd, currency: "USD", balance("OPBD", 0, "2025-01-01") + balance("ITBD", receipts, "2025-02-11")
                + entry(25_000_000, "2025-02-05", "CITI-250205-01", text: "United States of America contribution")
                + entry(4_496_500, "2025-02-11", "CITI-250211-04", text: "Blue Heart Campaign, less charges")))
            \(statement(2, last: true, account: usd, currency: "USD", balance("ITBD", receipts, "2025-02-11") + balance("CLBD", total, "2025-03-31") + page2))
            \(statement(1, last: true, account: "BE71096123456769", currency: "EUR", balance("OPBD", 0, "2025-01-01", "EUR") + balance("CLBD", 0, "2025-03-31", "EUR")))
            </BkToCstmrStmt></Document>
            """
        let file = "\(folder)/citi-2025-q1-all-accounts.xml"
        try document.write(toFile: file, atomically: true, encoding: .utf8)
        try await vtf(["reconcile", "bank"] + l + ["--statement", file, "--account", "1100", "--bank-account", usd])
        let intraday = "\(folder)/citi-2025-03-31-intraday.sta"
        try ":20:CITI-MT942\n:25:\(usd)\n:28C:90/1\n:34F:USDC0,\n:13D:2503311200+0000\n:61:2503310331C10000,00NTRFNONREF//CITI-250331-PD\n-\n"
            .write(toFile: intraday, atomically: true, encoding: .utf8)
        try await vtf(["reconcile", "bank"] + l + ["--statement", intraday, "--account", "1100"], expect: 2)
    }
}
