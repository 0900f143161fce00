import SafeIO
import Testing

@Suite("CSVCell: formulas made inert (OWASP), numbers kept")
struct CSVCellTests {
    @Test func formulaStartsGetAQuote() {
        #expect(CSVCell.encode(#"=HYPERLINK("http://evil.example","click")"#) == #""'=HYPERLINK(""http://evil.example"",""click"")""#)
        #expect(CSVCell.encode("+1+cmd|' /C calc'!A0") == "'+1+cmd|' /C calc'!A0")
        #expect(CSVCell.encode("-2+3") == "'-2+3")
        #expect(CSVCell.encode("@SUM(A1:A9)") == "'@SUM(A1:A9)")
        #expect(CSVCell.encode("\t=1") == "'\t=1")
        #expect(CSVCell.encode("\r=1") == "\"'\r=1\"")
    }

    @Test func exactNumbersAndPlainTextStayAsTheyAre() {
        for field in ["-1500", "-1234.56", "0", "1234.56", "AGR-BEL-1", "Belgium", "", "a=b", "2026-01-20"] {
            #expect(CSVCell.encode(field) == field, "\(field)")
        }
        #expect(CSVCell.encode("-") == "'-")
        #expect(CSVCell.encode("-1.") == "'-1.")
        #expect(CSVCell.encode("-.5") == "'-.5")
    }

    @Test func aLineIsRFC4180() {
        #expect(CSVCell.line(["a,b", "say \"hi\"", "=1"]) == "\"a,b\",\"say \"\"hi\"\"\",'=1\r\n")
    }
}
