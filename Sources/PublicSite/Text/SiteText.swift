import Statements

/// Every heading, label and sentence of the public site, in one language. French follows the
/// donor statement's vocabulary (contributions annoncées, accords, encaissements, subventions,
/// coûts d'appui aux programmes, réserve opérationnelle, actif net) and French typography.
struct SiteText: Sendable {
    let language: StatementLanguage

    // Navigation and the frame of every page.
    let siteName: String
    let navigation: String
    let atAGlance: String
    let grantsTitle: String
    let checkpointTitle: String
    let verifyTitle: String
    let figuresUpTo: @Sendable (String) -> String
    let amountsIn: @Sendable (String) -> String
    let madeFrom: String

    // The fund at a glance.
    let inBrief: String
    let inBriefCaption: @Sendable (String) -> String
    let contributionsReceived: String
    let grantsAwarded: String
    let grantsPaid: String
    let pscCharged: String
    let operatingReserve: String
    let netAssets: String
    let byDonor: String
    let byDonorCaption: @Sendable (String) -> String
    let donor: String
    let individualDonors: @Sendable (Int) -> String
    let pledged: String
    let agreed: String
    let received: String
    let contributionsNote: String
    let receivedByDonorChart: String
    let byYear: String
    let contributionsByYearCaption: String
    let year: String
    let receivedByYearChart: String
    let grantsByYearCaption: String
    let grantsPaidByYearChart: String
    let byCycle: String
    let grantsByCycleCaption: String
    let cycle: String
    let noCycle: String
    let grantCount: String
    let awarded: String
    let paid: String
    let total: String
    let reserveNote: String
    let valueIn: @Sendable (String) -> String

    // Grants.
    let grantsIntro: String
    let grantsCaption: @Sendable (String) -> String
    let grant: String
    let grantee: String
    let country: String
    let sector: String
    let status: String
    let open: String
    let closed: String
    let noGrants: String
    let aPartner: String
    let aPartnerIn: @Sendable (String) -> String

    // The checkpoint.
    let latestNote: @Sendable (UInt64) -> String
    let log: String
    let entries: String
    let rootHash: String
    let signedNote: String
    let signedNoteIntro: String
    let cosignatures: String
    let noCosignature: String
    let cosignaturesCaption: String
    let auditor: String
    let witnessName: String
    let keyID: String
    let cosignedOn: String
    let auditedCheckpoints: String
    let auditedCaption: String
    let noAudited: String
    let publicKey: String
    let publicKeyIntro: String
    let checkElsewhere: String
    let checkYourself: String
    let verifyLink: String
    let auditGuide: String
    let formats: String

    /// The texts in `language`.
    static func of(_ language: StatementLanguage) -> SiteText {
        switch language {
        case .en: english
        case .fr: french
        }
    }
}
