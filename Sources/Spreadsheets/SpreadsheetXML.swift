/// The XML parts of a workbook (ECMA-376 SpreadsheetML, transitional), as text.
enum SpreadsheetXML {
    static let declaration = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
    static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let packageRelationships = "http://schemas.openxmlformats.org/package/2006/relationships"
    /// The most decimal places a number format is made for; numbers with more show this many
    /// (the cell still holds every digit).
    static let maxPlaces = 9

    static func contentTypes(sheets: Int) -> String {
        let office = "application/vnd.openxmlformats-officedocument.spreadsheetml"
        var xml = declaration + #"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#
        xml += #"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#
        xml += #"<Default Extension="xml" ContentType="application/xml"/>"#
        xml += #"<Override PartName="/xl/workbook.xml" ContentType="\#(office).sheet.main+xml"/>"#
        xml += #"<Override PartName="/xl/styles.xml" ContentType="\#(office).styles+xml"/>"#
        for index in 1...max(sheets, 1) {
            xml += #"<Override PartName="/xl/worksheets/sheet\#(index).xml" ContentType="\#(office).worksheet+xml"/>"#
        }
        return xml + "</Types>"
    }

    static let packageRels = declaration + #"<Relationships xmlns="\#(packageRelationships)">"#
        + #"<Relationship Id="rId1" Type="\#(relationships)/officeDocument" Target="xl/workbook.xml"/></Relationships>"#

    static func workbook(names: [String]) -> String {
        var xml = declaration + #"<workbook xmlns="\#(main)" xmlns:r="\#(relationships)"><sheets>"#
        for (index, name) in names.enumerated() {
            xml += #"<sheet name="\#(escape(name))" sheetId="\#(index + 1)" r:id="rId\#(index + 1)"/>"#
        }
        return xml + "</sheets></workbook>"
    }

    static func workbookRels(sheets: Int) -> String {
        var xml = declaration + #"<Relationships xmlns="\#(packageRelationships)">"#
        for index in 1...max(sheets, 1) {
            xml += #"<Relationship Id="rId\#(index)" Type="\#(relationships)/worksheet" Target="worksheets/sheet\#(index).xml"/>"#
        }
        xml += #"<Relationship Id="rId\#(max(sheets, 1) + 1)" Type="\#(relationships)/styles" Target="styles.xml"/>"#
        return xml + "</Relationships>"
    }

    /// Styles: 0 plain, 1 bold, 2 + d a number with d decimal places and thousands grouped.
    static var styles: String {
        let places = 0...maxPlaces
        var xml = declaration + #"<styleSheet xmlns="\#(main)"><numFmts count="\#(places.count)">"#
        for place in places {
            let code = place == 0 ? "#,##0" : "#,##0." + String(repeating: "0", count: place)
            xml += #"<numFmt numFmtId="\#(164 + place)" formatCode="\#(code)"/>"#
        }
        xml += #"</numFmts><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>"#
        xml += #"<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>"#
        xml += #"<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"#
        xml += #"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#
        xml += #"<cellXfs count="\#(places.count + 2)"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>"#
        xml += #"<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>"#
        for place in places {
            xml += #"<xf numFmtId="\#(164 + place)" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#
        }
        return xml + #"</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>"#
    }

    static func worksheet(_ sheet: Worksheet) -> String {
        var xml = declaration + #"<worksheet xmlns="\#(main)">"#
        let widths = sheet.columnWidths
        if !widths.isEmpty {
            xml += "<cols>" + widths.enumerated().map { #"<col min="\#($0 + 1)" max="\#($0 + 1)" width="\#($1)" customWidth="1"/>"# }.joined() + "</cols>"
        }
        xml += "<sheetData>"
        for (rowIndex, row) in sheet.rows.enumerated() {
            xml += #"<row r="\#(rowIndex + 1)">"#
            for (column, cell) in row.enumerated() where cell != .empty {
                xml += self.cell(cell, at: columnName(column) + String(rowIndex + 1))
            }
            xml += "</row>"
        }
        return xml + "</sheetData></worksheet>"
    }

    static func cell(_ cell: Cell, at reference: String) -> String {
        switch cell {
        case .text(let text): #"<c r="\#(reference)" t="inlineStr"><is><t xml:space="preserve">\#(escape(text))</t></is></c>"#
        case .heading(let text): #"<c r="\#(reference)" s="1" t="inlineStr"><is><t xml:space="preserve">\#(escape(text))</t></is></c>"#
        case .decimal(let text): #"<c r="\#(reference)" s="\#(2 + min(DecimalText.places(text), maxPlaces))"><v>\#(text)</v></c>"#
        case .empty: ""
        }
    }

    /// A, B, …, Z, AA, AB, … for the column at zero-based `index`.
    static func columnName(_ index: Int) -> String {
        var name = ""
        var rest = index + 1
        while rest > 0 {
            let digit = (rest - 1) % 26
            name = String(UnicodeScalar(UInt8(65 + digit))) + name
            rest = (rest - 1) / 26
        }
        return name
    }

    /// `text` for XML character data and attributes. Characters XML 1.0 cannot hold (most C0
    /// controls) are written as SpreadsheetML's `_xHHHH_` escapes, and a literal `_xHHHH_` in
    /// the text has its underscore escaped, so the spreadsheet reads back exactly `text`.
    static func escape(_ text: String) -> String {
        var out = ""
        let scalars = Array(text.unicodeScalars)
        for (index, scalar) in scalars.enumerated() {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "_" where looksLikeEscape(scalars, at: index): out += "_x005F_"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF:
                out += "_x" + hex4(scalar.value) + "_"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    private static func looksLikeEscape(_ scalars: [Unicode.Scalar], at index: Int) -> Bool {
        guard index + 6 < scalars.count, scalars[index + 1] == "x", scalars[index + 6] == "_" else { return false }
        return scalars[(index + 2)...(index + 5)].allSatisfy { $0.properties.isASCIIHexDigit }
    }

    private static func hex4(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
