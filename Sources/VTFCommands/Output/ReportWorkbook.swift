import Spreadsheets
import TrustFund

/// A report as a workbook (`vtf report NAME --format xlsx`): a sheet per table, each headed by the
/// report's title, the fund, the dates and the currency; amount columns as numbers holding the
/// books' exact decimals; the notes under the last table.
enum ReportWorkbook {
    static func xlsx(_ document: ReportDocument) throws(SpreadsheetError) -> [UInt8] {
        let tables = document.tables
        let sheets = tables.enumerated().map { index, table in
            sheet(table, of: document, notes: index == tables.count - 1 ? document.notes : [])
        }
        return try Workbook(sheets).xlsx()
    }

    static func sheet(_ table: ReportTable, of document: ReportDocument, notes: [String]) -> Worksheet {
        let heading = document.heading
        var sheet = Worksheet(name: table.title ?? document.title)
        sheet.add([.heading(document.title)])
        sheet.add([.text(heading.fundName)])
        sheet.add([.text("\(heading.dates), amounts in \(heading.currency.code) unless a column says otherwise")])
        sheet.add([])
        if let title = table.title { sheet.add([.heading(title)]) }
        sheet.add(table.columns.map { .heading($0.title) })
        for row in table.rows {
            sheet.add(zip(table.columns, row).map { column, cell in column.isAmount ? Cell.number(cell) : cell.isEmpty ? .empty : .text(cell) })
        }
        if !notes.isEmpty { sheet.add([]) }
        for note in notes { sheet.add([.text(note)]) }
        return sheet
    }
}
