import Foundation
import LedgerCore
import Statements
import TrustFundRules
import TransparencyLog
import Testing

@Suite("Donor statement as CSV")
struct StatementCSVTests {
    @Test func amountsReadBackExactly() throws {
        let statement = SampleStatement.full()
        for language in StatementLanguage.allCases {
            let table = try CSVReader.rows(StatementCSV.render(statement, language: language))
            let rows = table.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(StatementCSV.columnKeys, $0)) }
            let receipts = try rows.filter { $0["section"] == "receipt" }.map { try amount($0, "amount", "currency") }
            #expect(receipts == statement.receiptsByDate.map(\.amount))
            let values = try rows.filter { $0["section"] == "receipt" }.map { try amount($0, "value", "value_currency") }
            #expect(values == statement.receiptsByDate.map(\.value))
            let refund = try rows.filter { $0["section"] == "refund" }.map { try amount($0, "amount", "currency") }
            #expect(refund == statement.refunds.map(\.amount))
            let fundUse = try rows.filter { $0["section"] == "fund_use" }.map { try amount($0, "amount", "currency") }
            #expect(fundUse.contains(statement.fundUse.fundBalance) && fundUse.count == 6)
            let outstanding = rows.filter { $0["section"] == "instalment" }.map { $0["outstanding"] }
            #expect(outstanding == ["0.00", "400000.00", "0.00"])
            #expect(rows.first { $0["section"] == "agreement" }?["earmark"] == "Sahel, \"West Africa\"")
            #expect(Set(rows.compactMap { $0["section"] }) == ["agreement", "pledge", "receipt", "instalment", "refund", "fund_use"])
        }
    }

    @Test func onlyTheHeaderAndLabelsAreTranslated() throws {
        let english = try CSVReader.rows(StatementCSV.render(SampleStatement.full(), language: .en))
        let french = try CSVReader.rows(StatementCSV.render(SampleStatement.full(), language: .fr))
        #expect(english[0] == StatementCSV.columnKeys)
        #expect(french[0].contains("montant") && french[0].contains("échéance"))
        let label = StatementCSV.columnKeys.firstIndex(of: "label")!
        for (en, fr) in zip(english.dropFirst(), french.dropFirst()) {
            var (en, fr) = (en, fr)
            (en[label], fr[label]) = ("", "")
            #expect(en == fr)
        }
        #expect(french.contains { $0.contains("Coûts d'appui aux programmes (CAP)") })
    }

    @Test func rfc4180() {
        let csv = StatementCSV.render(SampleStatement.full(), language: .en)
        #expect(csv.hasSuffix("\r\n"))
        #expect(csv.contains(",\"Sahel, \"\"West Africa\"\"\","))
        #expect(csv.components(separatedBy: "\r\n").allSatisfy { !$0.contains("\n") })
    }

    @Test func anEmptyDonorHasOnlyTheFundLines() throws {
        let rows = try CSVReader.rows(StatementCSV.render(SampleStatement.empty(), language: .fr))
        #expect(rows.count == 1 + 6)
    }

    private func amount(_ row: [String: String], _ field: String, _ currencyField: String) throws -> Amount {
        let currency = try Currency(code: row[currencyField] ?? "")
        return try Amount(parsing: row[field] ?? "", currency: currency, mode: .exact)
    }
}

/// A strict RFC 4180 reader for the tests: CRLF records, quoted fields with doubled quotes.
enum CSVReader {
    struct Malformed: Error {}

    static func rows(_ text: String) throws -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var characters = Array(text)[...]
        while let character = characters.popFirst() {
            if quoted {
                if character == "\"" {
                    if characters.first == "\"" { field.append("\""); characters.removeFirst() } else { quoted = false }
                } else {
                    field.append(character)
                }
            } else if character == "\"" {
                guard field.isEmpty else { throw Malformed() }
                quoted = true
            } else if character == "," {
                row.append(field)
                field = ""
            } else if character == "\r\n" {
                row.append(field)
                rows.append(row)
                (row, field) = ([], "")
            } else {
                guard character != "\n", character != "\r" else { throw Malformed() }
                field.append(character)
            }
        }
        guard row.isEmpty, field.isEmpty, !quoted else { throw Malformed() }
        return rows
    }
}
