import BankStatements
import LedgerCore
import Foundation
import Testing

/// Hand-made camt.053 documents.
@Suite("camt.053")
struct CamtTests {
    static func document(version: String, entries: String = Self.bookedEntry, closing: String = "20.00") -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.\(version)">
          <BkToCstmrStmt>
            <GrpHdr><MsgId>M1</MsgId></GrpHdr>
            <Stmt>
              <Id>S-1</Id>
              <LglSeqNb>4</LglSeqNb>
              <Acct><Id><IBAN>CH9300762011623852957</IBAN></Id><Ccy>CHF</Ccy></Acct>
              <Bal><Tp><CdOrPrtry><Cd>PRCD</Cd></CdOrPrtry></Tp><Amt Ccy="CHF">10</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-03-01</Dt></Dt></Bal>
              <Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="CHF">\(closing)</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><DtTm>2026-03-02T18:00:00</DtTm></Dt></Bal>
              \(entries)
            </Stmt>
          </BkToCstmrStmt>
        </Document>
        """
    }

    static let bookedEntry = """
        <Ntry><NtryRef>N-1</NtryRef><Amt Ccy="CHF">10.5</Amt><CdtDbtInd>CRDT</CdtDbtInd><RvslInd>true</RvslInd><Sts>BOOK</Sts>
          <BookgDt><Dt>2026-03-02</Dt></BookgDt><ValDt><DtTm>2026-03-03T00:00:00</DtTm></ValDt>
          <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn></BkTxCd>
          <NtryDtls><Btch><NbOfTxs>2</NbOfTxs></Btch>
            <TxDtls><Refs><InstrId>I-1</InstrId><EndToEndId>NOTPROVIDED</EndToEndId></Refs>
              <RltdPties><Dbtr><Nm>Donor A</Nm></Dbtr><DbtrAcct><Id><IBAN>DE02120300000000202051</IBAN></Id></DbtrAcct></RltdPties>
              <RmtInf><Ustrd>gift</Ustrd></RmtInf></TxDtls>
            <TxDtls><Refs><PmtInfId>P-2</PmtInfId></Refs></TxDtls>
          </NtryDtls>
          <AddtlNtryInf>two donations</AddtlNtryInf></Ntry>
        <Ntry><Amt Ccy="CHF">0.50</Amt><CdtDbtInd>DBIT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts><BookgDt><Dt>2026-03-02</Dt></BookgDt></Ntry>
        <Ntry><Amt Ccy="CHF">99.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>PDNG</Sts></Ntry>
        """

    @Test(arguments: ["02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12", "13"])
    func everySupportedVersion(version: String) throws {
        let file = try Fixtures.camt(Self.document(version: version))
        #expect(file.statements.count == 1)
        let statement = file.statements[0]
        #expect(statement.sequence == "4")
        #expect(statement.opening.amount == (try Fixtures.amount("10.00", "CHF")))
        #expect(statement.closing.date == (try Fixtures.date("2026-03-02")))
        #expect(statement.lines.count == 2)
        #expect(file.skipped == [SkippedEntry(statementID: "S-1", status: "PDNG", sourceLine: 22)])
        #expect(Continuity.check(file).isEmpty)
    }

    @Test func entryFields() throws {
        let lines = try Fixtures.camt(Self.document(version: "04")).statements[0].lines
        let batch = lines[0]
        #expect(batch.amount == (try Fixtures.amount("10.50", "CHF")))
        #expect(batch.bankID == "N-1")
        #expect(batch.isReversal)
        #expect(batch.valueDate == (try Fixtures.date("2026-03-03")))
        #expect(batch.transactionCode == "PMNT/RCDT/ESCT")
        #expect(batch.endToEndID == nil)
        #expect(batch.references == ["I-1", "P-2"])
        #expect(batch.counterparty == "Donor A")
        #expect(batch.counterpartyAccount == "DE02120300000000202051")
        #expect(batch.text == "gift two donations")
        #expect(batch.batchCount == 2)
        #expect(lines[1].amount == (try Fixtures.amount("-0.50", "CHF")))
        #expect(lines[1].valueDate == lines[1].bookingDate)
    }

    @Test(arguments: ["01", "14"])
    func otherVersionsAreRefused(version: String) {
        let message = Fixtures.message { () throws(StatementError) in try Fixtures.camt(Self.document(version: version)) }
        #expect(message?.contains("camt.053 version \"\(version)\" is not supported") == true)
    }

    @Test func otherDocumentsAreRefused() {
        let message = Fixtures.message { () throws(StatementError) in
            try Fixtures.camt(#"<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.09"/>"#)
        }
        #expect(message?.contains("not a camt.053 document") == true)
    }

    @Test func badAmountNamesTheLine() {
        let entry = #"<Ntry><Amt Ccy="CHF">1.2.3</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>2026-03-02</Dt></BookgDt></Ntry>"#
        let message = Fixtures.message { () throws(StatementError) in
            try Fixtures.camt(Self.document(version: "08", entries: entry), name: "c.xml")
        }
        #expect(message == #"c.xml line 11 (statement "S-1"): Ntry: amount "1.2.3" is not a number"#)
    }

    @Test func badDateNamesTheLine() {
        let entry = #"<Ntry><Amt Ccy="CHF">1</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>2026-02-30</Dt></BookgDt></Ntry>"#
        let message = Fixtures.message { () throws(StatementError) in
            try Fixtures.camt(Self.document(version: "08", entries: entry), name: "c.xml")
        }
        #expect(message == #"c.xml line 11 (statement "S-1"): BookgDt: date "2026-02-30" is not YYYY-MM-DD"#)
    }

    @Test func missingClosingBalanceNamesTheStatement() {
        let text = Self.document(version: "08").replacingOccurrences(of: "CLBD", with: "CLAV")
        let message = Fixtures.message { () throws(StatementError) in try Fixtures.camt(text, name: "c.xml") }
        #expect(message == #"c.xml line 5 (statement "S-1"): no closing (CLBD) balance"#)
    }

    @Test func entitiesAndBrokenXMLAreRefused() {
        let doctype = #"<?xml version="1.0"?><!DOCTYPE d [<!ENTITY e SYSTEM "file:///etc/passwd">]><Document/>"#
        let entity = Fixtures.message { () throws(StatementError) in try Fixtures.camt(doctype, name: "c.xml") }
        #expect(entity?.contains("DTDs and entity declarations are not allowed") == true)
        let broken = Fixtures.message { () throws(StatementError) in
            try Fixtures.camt(String(Self.document(version: "08").prefix(400)), name: "c.xml")
        }
        #expect(broken?.hasPrefix("c.xml line ") == true)
    }
}
