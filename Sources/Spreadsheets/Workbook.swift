import Foundation
import ZIPFoundation

/// A workbook of worksheets, written as an Office Open XML spreadsheet (`.xlsx`, ECMA-376) that
/// Excel, LibreOffice and Google Sheets open. Text is stored as inline strings, never as
/// formulas; numbers are stored as the exact decimal text given.
public struct Workbook: Sendable {
    /// The sheets, in tab order.
    public let sheets: [Worksheet]

    /// A workbook of `sheets` (an empty list makes one empty sheet).
    public init(_ sheets: [Worksheet]) {
        self.sheets = sheets.isEmpty ? [Worksheet(name: "Sheet1")] : sheets
    }

    /// The sheet names as written: at most 31 characters, none of `[]:*?/\`, not empty, each
    /// used once (a repeated name gets " (2)", " (3)", …).
    public var sheetNames: [String] {
        var used = Set<String>()
        return sheets.map { sheet in
            let clean = String(sheet.name.map { "[]:*?/\\".contains($0) ? "-" : $0 }).trimmingCharacters(in: .whitespaces)
            let base = String((clean.isEmpty ? "Sheet" : clean).prefix(31))
            var name = base
            var number = 2
            while used.contains(name.lowercased()) {
                let suffix = " (\(number))"
                name = String(base.prefix(31 - suffix.count)) + suffix
                number += 1
            }
            used.insert(name.lowercased())
            return name
        }
    }

    /// The workbook as the bytes of an `.xlsx` file. The same workbook always gives the same
    /// bytes: every part is dated 1 January 1980 (the ZIP format's first day).
    public func xlsx() throws(SpreadsheetError) -> [UInt8] {
        var parts: [(String, String)] = [
            ("[Content_Types].xml", SpreadsheetXML.contentTypes(sheets: sheets.count)),
            ("_rels/.rels", SpreadsheetXML.packageRels),
            ("xl/workbook.xml", SpreadsheetXML.workbook(names: sheetNames)),
            ("xl/_rels/workbook.xml.rels", SpreadsheetXML.workbookRels(sheets: sheets.count)),
            ("xl/styles.xml", SpreadsheetXML.styles),
        ]
        for (index, sheet) in sheets.enumerated() {
            parts.append(("xl/worksheets/sheet\(index + 1).xml", SpreadsheetXML.worksheet(sheet)))
        }
        return try Self.zip(parts)
    }

    private static let zipEpoch = Date(timeIntervalSince1970: 315_532_800 + 43_200)

    private static func zip(_ parts: [(String, String)]) throws(SpreadsheetError) -> [UInt8] {
        do {
            let archive = try Archive(accessMode: .create)
            for (path, text) in parts {
                let data = Data(text.utf8)
                try archive.addEntry(
                    with: path, type: .file, uncompressedSize: Int64(data.count), modificationDate: zipEpoch,
                    compressionMethod: .deflate
                ) { position, size in data.subdata(in: Int(position)..<Int(position) + size) }
            }
            guard let data = archive.data else { throw SpreadsheetError("the workbook's archive kept no bytes") }
            return [UInt8](data)
        } catch let error as SpreadsheetError {
            throw error
        } catch {
            throw SpreadsheetError("cannot write the workbook's archive: \(error)")
        }
    }
}

/// A workbook that could not be written (the ZIP library refused); says why.
public struct SpreadsheetError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong.
    public let description: String

    init(_ description: String) {
        self.description = description
    }
}
