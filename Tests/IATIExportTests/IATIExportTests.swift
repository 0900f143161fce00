import Testing
@testable import IATIExport

/// The pieces of the IATI export that need no ledger: how a grantee is named, which identifiers
/// IATI accepts, and XML text that is always well-formed.
@Suite struct IATIExportTests {
    @Test func aGranteeIsNamedOnlyByItsPublicNameElseAsAPartnerInItsCountry() {
        #expect(IATIGrant.displayName(publicName: "La Strada", country: "MD") == "La Strada")
        #expect(IATIGrant.displayName(publicName: nil, country: "NG") == "a partner in NG")
        #expect(IATIGrant.displayName(publicName: nil, country: nil) == "a partner")
    }

    @Test func identifiersAndNamesIATIRefusesAreNamedByTheirOption() throws {
        let unodc = try IATIPublisher(reportingOrgRef: IATIPublisher.unodcReference, reportingOrgName: IATIPublisher.unodcName, activityID: nil)
        #expect(unodc.activityID == "XM-DAC-41128-UNVTF")
        #expect(unodc.grantActivityID("G-2025-01") == "XM-DAC-41128-UNVTF-G-2025-01")
        for (ref, name, activity, option) in [
            ("XM DAC", "UNODC", nil, "--reporting-org-ref"), ("XM-DAC/1", "UNODC", nil, "--reporting-org-ref"), ("", "UNODC", nil, "--reporting-org-ref"),
            ("XM-DAC-1", " ", nil, "--reporting-org-name"), ("XM-DAC-1", "UN\u{7}ODC", nil, "--reporting-org-name"),
            ("XM-DAC-1", "UNODC", "A&B", "--activity-id"), ("XM-DAC-1", "UNODC", "Fonds-é", "--activity-id"),
        ] as [(String, String, String?, String)] {
            #expect(throws: IATIError.self, "\(ref) \(name) \(activity ?? "")") {
                try IATIPublisher(reportingOrgRef: ref, reportingOrgName: name, activityID: activity)
            }
            do { _ = try IATIPublisher(reportingOrgRef: ref, reportingOrgName: name, activityID: activity) } catch {
                #expect(error.description.hasPrefix(option), "\(error.description)")
            }
        }
    }

    @Test func textIsEscapedAndWhatXMLCannotCarryIsReplaced() {
        #expect(IATIXMLWriter.escape("A & B <c> \"d\" 'e'") == "A &amp; B &lt;c&gt; &quot;d&quot; &apos;e&apos;")
        #expect(IATIXMLWriter.escape("a\u{1}b\u{7F}c\td") == "a b c\td")
        var xml = IATIXMLWriter()
        xml.start("a", [("x", "1"), ("y", nil)])
        xml.narrative("b", "Ö & ü")
        xml.element("c", [("code", "2")])
        xml.end()
        #expect(xml.finished() == "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<a x=\"1\">\n  <b>\n    <narrative>Ö &amp; ü</narrative>\n  </b>\n  <c code=\"2\"/>\n</a>\n")
    }
}
