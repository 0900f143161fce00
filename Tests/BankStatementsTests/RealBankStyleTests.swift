import BankStatements
import Foundation
import LedgerCore
import Testing

/// The real-bank-style files made for issue 12 (Tests/Fixtures/bank/README.md says whose layout
/// each imitates): what reads, and what is refused with which words.
@Suite("Real-bank-style statements")
struct RealBankStyleTests {
    /// camt.053.001.09 to .13, as banks send them after the ISO 20022 migration: each reads, its
    /// three lines add up from opening to closing.
    @Test(arguments: [
        "camt053_v09_ubs_style.xml", "camt053_v10_deutschebank_style.xml", "camt053_v11_bnpparibas_style.xml",
        "camt053_v12_creditsuisse_style.xml", "camt053_v13_commerzbank_style.xml",
    ])
    func newCamt053VersionsRead(name: String) throws {
        let file = try Fixtures.read(name)
        #expect(file.statements.count == 1)
        let statement = file.statements[0]
        #expect(statement.lines.count == 3)
        #expect(statement.closing.amount.decimalString == "19987.50")
        #expect(statement.lines[0].endToEndID == "B-1")
        #expect(statement.lines[0].counterparty == "Kingdom of Belgium")
        #expect(Continuity.check(file).isEmpty)
    }

    /// camt.052 and camt.054 are interim information: refused by name, never as "not camt.053".
    @Test(arguments: [
        ("camt052_v08_deutschebank_intraday.xml", "camt.052 account report"),
        ("camt054_v08_ubs_notification.xml", "camt.054 debit/credit notification"),
    ])
    func interimCamtIsRefusedByName(name: String, words: String) throws {
        let bytes = try Fixtures.bytes(name)
        #expect(StatementFormat.detect(bytes) == .camt053)
        let message = Fixtures.message { () throws(StatementError) in
            try StatementReader.read(bytes: bytes, format: .camt053, fileName: name)
        }
        #expect(message?.hasPrefix("\(name) line 2: this is a \(words)") == true, "\(message ?? "read")")
        #expect(message?.contains("reconcile the day's camt.053 (or MT940) statement instead") == true)
    }

    /// MT942 is refused at its floor limit `:34F:`, naming the format, not for a missing `:60F:`.
    @Test func mt942IsRefusedByNameNotForAMissingOpeningBalance() throws {
        let name = "mt942_ing_intraday.sta"
        let bytes = try Fixtures.bytes(name)
        #expect(StatementFormat.detect(bytes) == .mt940)
        let message = Fixtures.message { () throws(StatementError) in
            try StatementReader.read(bytes: bytes, format: .mt940, fileName: name)
        }
        #expect(message?.hasPrefix(#"mt942_ing_intraday.sta line 5 (statement "MT942-20260120 00020/1"): :34F: this is an MT942 interim transaction report"#) == true, "\(message ?? "read")")
        #expect(message?.contains(":60F:") == false)
    }
}

/// Statements split across pages (issue 12 item 6).
@Suite("Paginated statements")
struct PaginatedStatementTests {
    /// Deutsche Bank-style: three `Stmt` pages of one account with `ITBD` between them; merged
    /// into one statement that balances, each page checked on its own too.
    @Test func pagesWithInterimBalancesMerge() throws {
        let file = try Fixtures.read("camt053_v08_deutschebank_paginated.xml")
        #expect(file.statements.map(\.page?.number) == [1, 2, 3])
        #expect(Continuity.check(file).isEmpty, "\(Continuity.check(file))")
        let merged = StatementPages.merge(file.statements.map { ($0, StatementTally($0.lines)) })
        #expect(merged.problems.isEmpty)
        #expect(merged.statements.count == 1)
        let statement = try #require(merged.statements.first)
        #expect(statement.statement.opening.amount == (try Fixtures.amount("0.00")))
        #expect(statement.statement.closing.amount == (try Fixtures.amount("19987.50")))
        #expect(statement.tally.count == 3 && statement.statement.page == nil)
    }

    /// Credit Suisse-style: the opening on page 1 only, the closing on page 2 only. Read page by
    /// page this was refused ("no closing (CLBD) balance"); merged it balances.
    @Test func balancesOnlyOnTheFirstAndLastPage() throws {
        let file = try Fixtures.read("camt053_v12_creditsuisse_paginated.xml")
        #expect(file.statements.count == 2)
        #expect(Continuity.check(file).isEmpty, "\(Continuity.check(file))")
    }

    /// A missing middle page, or pages whose interim balances disagree, are named.
    @Test func missingPagesAndBrokenSeamsAreNamed() throws {
        let file = try Fixtures.read("camt053_v08_deutschebank_paginated.xml")
        let withoutMiddle = [file.statements[0], file.statements[2]]
        let messages = Continuity.check(withoutMiddle).map(\.message)
        #expect(messages.contains { $0.contains(#"statement "DB-2026-01": page 3 follows page 1: page 2 is missing; give every page"#) }, "\(messages)")
        var changed = file.statements
        changed[1].opening.amount = try Fixtures.amount("49000.00")
        let seams = Continuity.check(changed).map(\.message)
        #expect(seams.contains { $0.contains(#"statement "DB-2026-01": page 2 opens with"# ) && $0.contains("but page 1 closed with") }, "\(seams)")
    }
}

/// An MT940 statement the bank split over pages (`:62M:` … `:60M:`, page numbers in `:28C:`) is
/// merged into one statement before the balance checks, as camt's pages are (issue 12 item 6).
@Suite("MT940 pages")
struct MT940PageTests {
    @Test func pagesOfOneStatementMerge() throws {
        let file = try Fixtures.read("mt940_commerzbank_pages.sta")
        #expect(file.statements.map(\.page?.number) == [1, 2])
        #expect(file.statements.map(\.page?.isLast) == [false, true])
        #expect(Continuity.check(file).isEmpty, "\(Continuity.check(file))")
        let merged = StatementPages.merge(file.statements.map { ($0, StatementTally($0.lines)) })
        #expect(merged.problems.isEmpty && merged.statements.count == 1)
        let statement = try #require(merged.statements.first)
        #expect(statement.statement.opening.amount == (try Fixtures.amount("1000.00")))
        #expect(statement.statement.closing.amount == (try Fixtures.amount("1350.00")))
        #expect(statement.tally.count == 3)
    }

    @Test func aBrokenSeamBetweenPagesIsNamed() throws {
        let file = try Fixtures.read("mt940_commerzbank_pages_broken_seam.sta")
        let problems = Continuity.check(file).map(\.message)
        #expect(problems.contains { $0.contains("page 2 opens with EUR 1400.00, but page 1 closed with EUR 1300.00") }, "\(problems)")
    }
}
