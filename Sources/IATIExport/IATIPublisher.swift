/// Who publishes the fund to IATI and under which activity identifier: the reporting
/// organisation (its IATI organisation identifier and name) and the fund's activity identifier,
/// which prefixes the identifier of every grant's activity (`ACTIVITY-GRANT`).
public struct IATIPublisher: Sendable, Equatable {
    /// UNODC's IATI organisation identifier: the OECD DAC registration agency (`XM-DAC`) and
    /// UNODC's code in the DAC list of multilateral agencies, 41128.
    public static let unodcReference = "XM-DAC-41128"
    /// UNODC's name as the reporting organisation.
    public static let unodcName = "United Nations Office on Drugs and Crime"
    /// The longest identifier or name accepted.
    public static let lengthMax = 200

    /// The reporting organisation's IATI organisation identifier, e.g. `XM-DAC-41128`.
    public let reportingOrgRef: String
    /// The reporting organisation's name.
    public let reportingOrgName: String
    /// The fund's IATI activity identifier; it should begin with `reportingOrgRef`.
    public let activityID: String

    /// A publisher; `activityID` nil is `REPORTING-ORG-REF-UNVTF`.
    /// - Throws: ``IATIError`` naming the option when an identifier holds a character IATI does
    ///   not allow in one (a blank, `/`, `&`, `|`, `?`, a non-ASCII or control character) or a
    ///   name is empty, too long or holds a control character.
    public init(reportingOrgRef: String, reportingOrgName: String, activityID: String?) throws(IATIError) {
        try Self.checkIdentifier(reportingOrgRef, option: "--reporting-org-ref")
        try Self.checkName(reportingOrgName, option: "--reporting-org-name")
        let activity = activityID ?? "\(reportingOrgRef)-UNVTF"
        try Self.checkIdentifier(activity, option: "--activity-id")
        self.reportingOrgRef = reportingOrgRef
        self.reportingOrgName = reportingOrgName
        self.activityID = activity
    }

    /// The identifier of `grant`'s activity: the fund's activity identifier, `-`, the grant's id.
    public func grantActivityID(_ grant: String) -> String { "\(activityID)-\(grant)" }

    static func checkIdentifier(_ text: String, option: String) throws(IATIError) {
        guard !text.isEmpty, text.utf8.count <= lengthMax else {
            throw IATIError("\(option) must be 1 to \(lengthMax) characters, not \(text.utf8.count)")
        }
        let allowed = text.utf8.allSatisfy { byte in byte > 0x20 && byte < 0x7F && !"/&|?".utf8.contains(byte) }
        guard allowed else {
            throw IATIError("\(option) \"\(text.unicodeScalars.map { $0.properties.generalCategory == .control ? "?" : String($0) }.joined())\" is not an IATI identifier: printable ASCII without blanks, /, &, | or ? (e.g. XM-DAC-41128)")
        }
    }

    static func checkName(_ text: String, option: String) throws(IATIError) {
        guard !text.trimmingBlanks.isEmpty, text.count <= lengthMax else {
            throw IATIError("\(option) must be 1 to \(lengthMax) characters and not blank")
        }
        guard !text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw IATIError("\(option) holds a control character")
        }
    }
}

extension String {
    var trimmingBlanks: Substring {
        let start = firstIndex { !$0.isWhitespace } ?? endIndex
        let end = lastIndex { !$0.isWhitespace }.map { index(after: $0) } ?? start
        return self[start..<max(start, end)]
    }
}
