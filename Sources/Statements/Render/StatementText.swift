import LedgerCore

/// Every heading, label and note a statement shows, in one language.
///
/// French uses the UN's accounting vocabulary (engagements, décaissements, dépenses, coûts
/// d'appui aux programmes, solde du fonds, réserve opérationnelle, créance, échéance) and French
/// typography: a no-break space before `:` and inside « ».
struct StatementText: Sendable {
    let title: String
    let donor: String
    let donorID: String
    let country: String
    let period: String
    let issued: String
    let unaudited: String
    let unauditedNote: String
    let coveredBy: String
    let noActivity: String

    let agreements: String
    let reference: String
    let date: String
    let signed: String
    let amount: String
    let termsAndEarmark: String
    let conditional: String
    let unconditional: String
    let received: String
    let writtenOff: String
    let outstanding: String
    let noAgreements: String

    let pledges: String
    let status: String
    let pledgeOpen: String
    let pledgeConverted: String
    let noPledges: String

    let receipts: String
    let agreement: String
    let rate: String
    let bankRef: String
    let entry: String
    let total: String
    let noReceipts: String

    let instalments: String
    let due: String
    let overdue: String
    let notYetDue: String
    let noOutstanding: String

    let refunds: String
    let refundRef: String
    let noRefunds: String

    let fundUse: String
    let fundUseNote: String
    let grantsCommitted: String
    let grantsSpent: String
    let psc: String
    let fundBalance: String
    let reserve: String
    /// The heading of the fund-use table's column that marks the figures the sealed balances prove.
    let proven: String
    /// What that column says of a proven figure.
    let provenMark: String
    /// What the mark means, and where the proofs are.
    let provenNote: String

    let chart: String
    let noChart: String

    let verification: String
    let verifyCommand: String
    let verifyOpenSSL: String
    let rootHash: String

    /// "Value (USD)" / "Contre-valeur (USD)".
    let valueIn: @Sendable (String) -> String
    /// "from 1 March 2026" / "depuis le 1er mars 2026", for a rate.
    let rateFrom: @Sendable (String) -> String
    /// "1 January 2026 to 31 March 2026" / "du 1er janvier 2026 au 31 mars 2026".
    let periodRange: @Sendable (String, String) -> String
    /// "Grants paid (3 grants)" / "Décaissements (3 subventions)".
    let grantsPaid: @Sendable (String, Int) -> String
    /// The verification paragraph: the checkpoint's origin and size.
    let checkpointNote: @Sendable (String, String) -> String
    /// A donor type (member-state, …) in words.
    let donorType: @Sendable (String) -> String
}

extension StatementText {
    /// The text for `language`.
    static func of(_ language: StatementLanguage) -> StatementText {
        switch language {
        case .en: english
        case .fr: french
        }
    }
}
