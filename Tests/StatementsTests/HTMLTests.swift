import Foundation
@testable import Statements
import TrustFundRules
import TransparencyLog
import Testing

@Suite("Donor statement as HTML")
struct StatementHTMLTests {
    @Test func aSelfContainedPrintablePage() {
        for language in StatementLanguage.allCases {
            let html = StatementHTML.render(SampleStatement.full(), language: language)
            #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"\(language.rawValue)\">"))
            #expect(html.contains("<meta charset=\"utf-8\">"))
            #expect(html.contains("@page { size: A4; margin: 18mm; }"))
            #expect(html.contains("break-inside: avoid"))
            for forbidden in ["http://", "https://", "<script", "<link", "<img", "src=", "url(", "@import", "@font-face"] {
                #expect(!html.lowercased().contains(forbidden), "\(forbidden) in \(language)")
            }
        }
    }

    @Test func theUnauditedBannerOnlyWhenUnaudited() {
        let unaudited = StatementHTML.render(SampleStatement.full(auditedBy: []), language: .en)
        let audited = StatementHTML.render(SampleStatement.full(auditedBy: ["OIOS", "Board of Auditors"]), language: .en)
        #expect(unaudited.contains("UNAUDITED"))
        #expect(!unaudited.contains("Covered by a checkpoint cosigned by"))
        #expect(!audited.contains("UNAUDITED"))
        #expect(audited.contains("Covered by a checkpoint cosigned by: OIOS, Board of Auditors"))
        let french = StatementHTML.render(SampleStatement.full(auditedBy: []), language: .fr)
        #expect(french.contains("NON AUDITÉ"))
        let frenchAudited = StatementHTML.render(SampleStatement.full(), language: .fr)
        #expect(!frenchAudited.contains("NON AUDITÉ"))
        #expect(frenchAudited.contains("Couvert par un point de contrôle cosigné par\u{00A0}: OIOS"))
    }

    @Test func oneBarPerReceipt() {
        let html = StatementHTML.render(SampleStatement.full(), language: .fr)
        #expect(html.components(separatedBy: "<svg").count == 2)
        #expect(html.components(separatedBy: "<rect class=\"bar\"").count == 1 + SampleStatement.receipts.count)
        // The earlier receipt (20 March) comes first, whatever the statement's order.
        let march = html.range(of: "20 mars 2026 · AGR-2026-001")
        let may = html.range(of: "2 mai 2026 · AGR-2026-002")
        #expect(march != nil && may != nil && march!.lowerBound < may!.lowerBound)
    }

    @Test func manyReceiptsStillOneBarEach() {
        var statement = SampleStatement.full()
        let receipt = SampleStatement.receipts[0]
        statement.receipts = (1...30).map { day in
            var copy = receipt
            copy.seq = UInt64(100 + day)
            copy.date = SampleStatement.date("2026-04-\(day < 10 ? "0" : "")\(day)")
            copy.value = SampleStatement.usd(Int64(day) * 1_000_001)
            return copy
        }
        let html = StatementHTML.render(statement, language: .en)
        #expect(html.components(separatedBy: "<rect class=\"bar\"").count == 31)
        #expect(html.components(separatedBy: "class=\"year\"").count == 1 + 10)  // every third date
    }

    @Test func escapesEveryText() {
        let html = StatementHTML.render(SampleStatement.full(name: "Ac<&>e \"Corp\""), language: .en)
        #expect(html.contains("Ac&lt;&amp;&gt;e &quot;Corp&quot;"))
        #expect(!html.contains("Ac<&>e"))
        #expect(html.contains("Sahel, &quot;West Africa&quot;"))
    }

    @Test func frenchFiguresAndTerms() {
        let html = StatementHTML.render(SampleStatement.full(), language: .fr)
        for expected in [
            "Relevé des contributions", "Utilisation des fonds", "Coûts d&#39;appui aux programmes (CAP)",
            "Solde du fonds", "réserve opérationnelle", "Créances restant dues, par échéance", "1er mars 2026",
            "1\u{202F}086\u{202F}956,52\u{00A0}$\u{00A0}US", "400\u{202F}000,00\u{00A0}€",
            "1\u{00A0}USD = 0,92\u{00A0}EUR, depuis le 1er mars 2026", "Échue", "vtf statement verify FILE.json --vkey VKEY",
            "Audit/DONOR-STATEMENT.md", "Décaissements au titre des subventions (3 subventions)",
        ] {
            #expect(html.contains(expected), "missing \(expected)")
        }
    }

    @Test func onlyOutstandingInstalmentsAreListed() {
        let outstanding = SampleStatement.full().outstandingInstalments
        #expect(outstanding.map(\.agreement) == ["AGR-2026-001"])
        #expect(outstanding.first?.instalment.due == SampleStatement.date("2026-06-30"))
    }

    @Test func aDonorWithNoActivity() {
        let english = StatementHTML.render(SampleStatement.empty(), language: .en)
        #expect(english.contains("No agreement, pledge, receipt or refund is recorded for this donor in the period."))
        #expect(english.contains("No receipt in the period: nothing to chart."))
        #expect(english.contains("UNAUDITED"))
        #expect(!english.contains("<svg"))
        let french = StatementHTML.render(SampleStatement.empty(), language: .fr)
        #expect(french.contains("Aucun encaissement sur la période"))
        #expect(french.contains("Fondation Zéro"))
    }

    @Test func chartScaleUsesRoundSteps() {
        let scale = ChartScale(maximum: 65_217_391)
        #expect(scale.step == 20_000_000)
        #expect(scale.values == [0, 20_000_000, 40_000_000, 60_000_000, 80_000_000])
        #expect(scale.tenths(40_000_000, of: 1760) == 880)
        #expect(ChartScale(maximum: 0).values == [0, 1])
        #expect(ChartScale(maximum: .max).values.count > 1)
        #expect(ChartScale(maximum: .max).tenths(.max, of: 1760) <= 1760)
    }
}
