import Foundation
import LedgerCore
import TrustFund

/// The annual report's words in English or French: the labels of the statements and notes
/// (the reports write them in English; French by this dictionary, dates kept and written as
/// dates), and every ``AnnualPhrase`` in French.
enum AnnualText {
    /// `english` in `language`: a label with its dates (YYYY-MM-DD) formatted; untranslated
    /// text (a name from the ledger) as it is.
    static func label(_ english: String, _ language: StatementLanguage, _ format: StatementFormat) -> String {
        let dates = datesIn(english)
        let key = AnnualComparative.withoutDates(english)
        var text: String
        switch language {
        case .en: text = key
        case .fr: text = french(key) ?? key
        }
        for date in dates {
            guard let range = text.range(of: "·") else { break }
            text.replaceSubrange(range, with: format.date(date))
        }
        return text
    }

    /// The French of a label (dates as `·`), or nil when the dictionary has none. A label
    /// ending in a currency code ("VALUE USD", "TOTAL USD") is translated without it.
    static func french(_ key: String) -> String? {
        let key = key.trimmingCharacters(in: .whitespaces)
        if let known = frenchLabels[key] { return known }
        // "of which earmarked: Legal aid": the earmark's name is the ledger's.
        if key.hasPrefix(earmarkPrefix) { return "dont préaffecté : " + key.dropFirst(earmarkPrefix.count) }
        // "Commitment – G-01 Shelter Org": the name of a grant's 9200 sub-account.
        if key.hasPrefix("Commitment – ") { return "Engagement – " + key.dropFirst("Commitment – ".count) }
        if let space = key.lastIndex(of: " ") {
            let code = key[key.index(after: space)...]
            if code.count == 3, code.allSatisfy({ $0.isASCII && $0.isUppercase }), let head = frenchLabels[String(key[..<space])] {
                return head + " " + code
            }
        }
        if !key.contains(where: { $0.isLetter }) || isAccountCode(key) { return key }
        // "3100 Accumulated surplus – unearmarked": the code kept, the name translated.
        if let space = key.firstIndex(of: " "), isAccountCode(String(key[..<space])),
            let name = frenchLabels[String(key[key.index(after: space)...])]
        {
            return String(key[...space]) + name
        }
        return nil
    }

    static let earmarkPrefix = "of which earmarked: "

    /// "1100", "1200.BEL", "3100 USD": codes, the same in every language.
    static func isAccountCode(_ text: String) -> Bool {
        guard let first = text.first, first.isNumber else { return false }
        return !text.contains(" ") || text.split(separator: " ").allSatisfy { $0.count == 3 || $0.first?.isNumber == true }
    }

    static func datesIn(_ text: String) -> [LedgerDate] {
        let characters = Array(text)
        var dates: [LedgerDate] = []
        var index = 0
        while index + 10 <= characters.count {
            if let date = try? LedgerDate(parsing: String(characters[index..<index + 10])) {
                dates.append(date)
                index += 10
            } else {
                index += 1
            }
        }
        return dates
    }

    static let frenchLabels: [String: String] = [
        // Titles
        "Annual financial report": "Rapport financier annuel",
        "Statement of financial position": "État de la situation financière",
        "Statement of financial performance": "État de la performance financière",
        "Statement of changes in net assets": "État des variations de l’actif net",
        "Statement of cash flows": "Tableau des flux de trésorerie",
        "Statement of comparison of budget and actual amounts": "État de comparaison des montants budgétés et des montants réels",
        "Notes to the financial statements": "Notes relatives aux états financiers",
        "Accounting policies": "Méthodes comptables",
        "Commitments": "Engagements",
        "Contributions receivable: ageing and impairment": "Contributions à recevoir : ancienneté et dépréciation",
        "Foreign exchange": "Change",
        "Events after the reporting date": "Événements postérieurs à la date de clôture",
        // Financial position
        "Current assets": "Actifs courants", "Liabilities": "Passifs", "Net assets": "Actif net", "Memo": "Pour mémoire",
        "Cash and cash equivalents": "Trésorerie et équivalents de trésorerie",
        "Contributions receivable": "Contributions à recevoir",
        "Less allowance for doubtful contributions": "Moins provision pour contributions douteuses",
        "Advances to implementing partners": "Avances aux partenaires d’exécution",
        "Accrued interest receivable": "Intérêts courus à recevoir",
        "Payables and grant instalments due": "Dettes et tranches de subventions dues",
        "Deferred revenue – conditional contributions": "Produits différés – contributions conditionnelles",
        "Refunds payable to donors": "Remboursements dus aux donateurs",
        "Unidentified receipts": "Encaissements non identifiés",
        "Accumulated surplus – unearmarked": "Excédent cumulé – non préaffecté",
        "Accumulated surplus – earmarked": "Excédent cumulé – préaffecté",
        "Operating cash reserve": "Réserve de trésorerie opérationnelle",
        "Surplus (deficit) of the period not yet closed": "Excédent (déficit) de l’exercice non encore clôturé",
        "Other": "Autres", "Total assets": "Total des actifs", "Total liabilities": "Total des passifs",
        "Total net assets": "Total de l’actif net", "Total liabilities and net assets": "Total des passifs et de l’actif net",
        "Pledges not yet binding": "Annonces de contributions non encore fermes", "Open grant commitments": "Engagements de subventions en cours",
        "revenue − expenses": "produits − charges",
        // Financial performance
        "Revenue": "Produits", "Expenses": "Charges", "Result": "Résultat",
        "Total revenue": "Total des produits", "Total expenses": "Total des charges",
        "Surplus for the period": "Excédent de l’exercice", "Deficit for the period": "Déficit de l’exercice",
        "Cash – share of the main cash pool": "Trésorerie – part du fonds commun de trésorerie",
        "Bank clearing / cash in transit": "Compensation bancaire / fonds en transit",
        "Currency conversion (clearing; its values net to zero)": "Conversion de devises (compte d’attente ; solde nul en valeur)",
        "Allowance for doubtful contributions": "Provision pour contributions douteuses",
        "Payables / grant instalments due": "Dettes / tranches de subventions dues",
        "Unidentified receipts (suspense)": "Encaissements non identifiés (attente)",
        "Contributions – Member States": "Contributions – États Membres",
        "Contributions – private sector and foundations": "Contributions – secteur privé et fondations",
        "Contributions – individuals and campaigns": "Contributions – particuliers et campagnes",
        "Investment income": "Produits des placements",
        "Refunds from grantees (prior periods)": "Remboursements des bénéficiaires (exercices antérieurs)",
        "FX gains (realized / unrealized)": "Gains de change (réalisés / latents)",
        "Grants to CSOs": "Subventions aux organisations de la société civile",
        "Programme support costs": "Dépenses d’appui aux programmes",
        "Fund management (Board, evaluation, audit)": "Gestion du fonds (Conseil, évaluation, audit)",
        "Bank charges": "Frais bancaires", "Cash-pool costs allocated": "Coûts du fonds commun de trésorerie imputés",
        "Impairment / write-off of receivables": "Dépréciation / passation en pertes de créances", "FX losses": "Pertes de change",
        "Pledges not yet binding (memo)": "Annonces non encore fermes (pour mémoire)",
        "Open grant commitments (memo)": "Engagements de subventions en cours (pour mémoire)",
        "Memo contra (balances the memo accounts)": "Contrepartie pour mémoire (équilibre les comptes pour mémoire)",
        // Net assets
        "TOTAL": "TOTAL",
        "Opening net assets (·)": "Actif net d’ouverture (·)", "Surplus (deficit) for the period": "Excédent (déficit) de l’exercice",
        "Transfers to (from) the operating reserve": "Virements à (de) la réserve opérationnelle",
        "Other movements": "Autres mouvements", "Closing net assets (·)": "Actif net de clôture (·)",
        // Cash flows
        "Cash": "Trésorerie",
        "Cash at the beginning of the period (·)": "Trésorerie au début de l’exercice (·)",
        "Cash at the end of the period (·)": "Trésorerie à la fin de l’exercice (·)",
        "Net increase (decrease) in cash": "Augmentation (diminution) nette de la trésorerie",
        "Cash flows from operating activities": "Flux de trésorerie liés aux activités opérationnelles",
        "Cash flows from investing activities": "Flux de trésorerie liés aux activités d’investissement",
        "Effect of exchange-rate changes on cash": "Incidence des variations des taux de change sur la trésorerie",
        "Net cash flows from operating activities": "Flux de trésorerie nets liés aux activités opérationnelles",
        "Net cash flows from investing activities": "Flux de trésorerie nets liés aux activités d’investissement",
        "Contributions received from donors (incl. unidentified receipts)": "Contributions reçues des donateurs (y compris encaissements non identifiés)",
        "Refunds paid to donors": "Remboursements versés aux donateurs",
        "Grants paid to implementing partners": "Subventions versées aux partenaires d’exécution",
        "Refunds received from implementing partners": "Remboursements reçus des partenaires d’exécution",
        "Programme support costs paid": "Dépenses d’appui aux programmes payées",
        "Bank charges paid": "Frais bancaires payés", "Fund management costs paid": "Frais de gestion du fonds payés",
        "Other operating cash flows": "Autres flux de trésorerie opérationnels",
        "Interest received from the cash pool": "Intérêts reçus du fonds commun de trésorerie",
        "Cash-pool costs paid": "Coûts du fonds commun de trésorerie payés",
        "Revaluation of cash and gains (losses) on currency conversions": "Réévaluation de la trésorerie et gains (pertes) sur conversions de devises",
        // Notes
        "Open grant commitments (9200)": "Engagements de subventions en cours (9200)",
        "Total open grant commitments": "Total des engagements de subventions en cours",
        "Contributions receivable (1200)": "Contributions à recevoir (1200)",
        "Less allowance for doubtful contributions (1210)": "Moins provision pour contributions douteuses (1210)",
        "Net contributions receivable": "Contributions à recevoir, montant net",
        "Ageing by instalment due date": "Ancienneté par date d’échéance des tranches",
        "Allowance for doubtful contributions (1210) by donor": "Provision pour contributions douteuses (1210) par donateur",
        "FX gains (4900)": "Gains de change (4900)", "FX losses (5900)": "Pertes de change (5900)", "Net": "Net",
        "Realised": "Réalisés", "Unrealised (revaluation)": "Latents (réévaluation)",
        "Total FX gains": "Total des gains de change", "Total FX losses": "Total des pertes de change",
        "Net FX gain (loss)": "Gain (perte) de change net(te)",
        // Presentation (IPSAS 1): current / non-current, FX net, earmarks
        "Assets": "Actifs", "Non-current assets": "Actifs non courants",
        "Total current assets": "Total des actifs courants", "Total non-current assets": "Total des actifs non courants",
        "Advances to implementing partners – current": "Avances aux partenaires d’exécution – part courante",
        "Advances to implementing partners – non-current": "Avances aux partenaires d’exécution – part non courante",
        "Contributions receivable, net of allowance – current": "Contributions à recevoir, nettes de la provision – part courante",
        "Contributions receivable, net of allowance – non-current": "Contributions à recevoir, nettes de la provision – part non courante",
        "Net foreign exchange gains (losses)": "Gains (pertes) de change nets",
        "Note: foreign exchange": "Note : change", "Unrealised": "Latents",
        "Note: foreign exchange gains (losses)": "Note : gains (pertes) de change",
        "Realised (receipts, conversions, refunds, write-offs)": "Réalisés (encaissements, conversions, remboursements, passations en pertes)",
        "Unrealised (period-end revaluation, fx.revalue)": "Latents (réévaluation de fin de période, fx.revalue)",
        "Transfers to (from) earmarked net assets": "Virements à (de) l’actif net préaffecté",
        "Earmarked net assets (3200) by earmark": "Actif net préaffecté (3200) par préaffectation",
        // Budget
        "Original budget": "Budget initial", "Final budget": "Budget définitif",
        "Actual amounts (comparable basis)": "Montants réels (base comparable)",
        "Difference: final budget less actual": "Écart : budget définitif moins montants réels",
        "Grants to CSOs (5100)": "Subventions aux organisations de la société civile (5100)",
        "Secretariat and fund management costs (5300, 5400, 5500)": "Frais de secrétariat et de gestion du fonds (5300, 5400, 5500)",
        "Programme support costs (5200)": "Dépenses d’appui aux programmes (5200)",
        "Total (5100, 5300, 5400, 5500, 5200)": "Total (5100, 5300, 5400, 5500, 5200)",
        // Columns
        "DONOR": "DONATEUR", "AGREEMENT": "ACCORD", "CURRENCY": "MONNAIE", "OUTSTANDING": "RESTANT DÛ", "NOT DUE": "NON ÉCHU",
        "VALUE": "VALEUR", "ACCOUNT": "COMPTE", "KIND": "TYPE", "ENTRIES": "ÉCRITURES", "CASH": "TRÉSORERIE",
        // Page
        "Line": "Poste", "Period": "Exercice", "Prior period": "Exercice précédent", "Currency": "Monnaie",
        "Made on": "Établi le", "Figures in": "Montants en",
        "Prepared from the fund's signed journal; every figure can be recomputed with vtf report.":
            "Établi à partir du journal signé du fonds ; chaque montant peut être recalculé avec vtf report.",
    ]

    /// A phrase of the notes in `language`.
    static func phrase(_ phrase: AnnualPhrase, _ language: StatementLanguage, _ format: StatementFormat) -> String {
        switch language {
        case .en: return englishDates(phrase.english, format)
        case .fr: return french(phrase, format)
        }
    }

    static func englishDates(_ text: String, _ format: StatementFormat) -> String {
        var result = text
        for date in datesIn(text) { result = result.replacingOccurrences(of: date.description, with: format.date(date)) }
        return result
    }

    static func french(_ phrase: AnnualPhrase, _ format: StatementFormat) -> String {
        func date(_ text: String) -> String { (try? LedgerDate(parsing: text)).map(format.date) ?? text }
        func decimal(_ text: String) -> String { format.decimal(text) ?? text }
        switch phrase {
        case .accrualBasis:
            return "Les états financiers sont établis selon la comptabilité d’exercice, conformément aux Normes comptables internationales pour le secteur public (IPSAS), à partir du journal signé du fonds ; chaque montant peut en être recalculé."
        case .functionalCurrency(let currency):
            return "La monnaie fonctionnelle et de présentation est le \(currency). Les opérations en d’autres monnaies sont comptabilisées au taux de change opérationnel de l’Organisation des Nations Unies (UNORE) de leur date ; les soldes monétaires sont réévalués au taux UNORE de fin d’exercice, l’écart constituant un gain ou une perte de change latent(e)."
        case .revenueRecognition:
            return "Les contributions volontaires sont des produits sans contrepartie directe (IPSAS 23) : comptabilisées à la signature d’un accord ferme, en contributions à recevoir. Les contributions au titre d’accords conditionnels sont portées en produits différés (un passif) jusqu’à ce que la condition soit remplie ; les annonces de contributions non encore fermes ne figurent que pour mémoire."
        case .pscRate(let percent):
            return "Les dépenses d’appui aux programmes sont imputées au taux de \(decimal(percent)) % des dépenses déclarées par les partenaires d’exécution."
        case .operatingReserve(let percent):
            return "Une réserve de trésorerie opérationnelle de \(decimal(percent)) % des dépenses prévues est maintenue dans l’actif net (3300) et ajustée en fin d’exercice."
        case .writeOffs(let limit, let currency):
            return "Les contributions à recevoir qui ne seront pas recouvrées sont dépréciées par la provision pour contributions douteuses (1210) ou passées en pertes ; une passation en pertes exige l’approbation de deux personnes et ne peut dépasser \(decimal(limit)) \(currency) par accord et par exercice."
        case .grantsExpensed:
            return "Les tranches de subventions versées aux partenaires d’exécution sont des avances (1300) jusqu’à ce que les partenaires rendent compte de leur emploi ; les dépenses déclarées sont alors passées en charges (5100). Les engagements de subventions en cours sont indiqués, non comptabilisés."
        case .commitmentsIntro(let when):
            return "Subventions accordées et non encore versées au \(date(when)) (compte pour mémoire 9200), par subvention."
        case .receivablesIntro(let when):
            return "Contributions à recevoir au \(date(when)) par donateur et par accord (1200), leur ancienneté par date d’échéance des tranches dans la monnaie de l’accord, et la provision pour contributions douteuses (1210)."
        case .fxIntro:
            return "Gains (4900) et pertes (5900) de change de l’exercice. Ceux des réévaluations de fin de période (fx.revalue) sont latents ; tous les autres (encaissements, conversions, remboursements, passations en pertes) sont réalisés."
        case .eventsIntro(let from, let to, let count):
            return "\(count == 1 ? "1 écriture est datée" : "\(format.count(count)) écritures sont datées") après la date de clôture, du \(date(from)) au \(date(to)) (date d’établissement du présent rapport), résumées par type."
        case .eventsNone(let from, let to):
            return "Aucune écriture n’est datée après la date de clôture, du \(date(from)) au \(date(to)) (date d’établissement du présent rapport)."
        case .eventsNonAdjusting:
            return "Ces événements n’entraînent pas d’ajustement (IPSAS 14) : ils sont survenus après la date de clôture et ne sont pas pris en compte dans les montants de l’exercice."
        case .noPriorYear(let start):
            return "Le journal du fonds commence le \(date(start)) : il n’y a pas de montants pour l’exercice précédent."
        case .check(let statement, let holds):
            switch (statement, holds) {
            case ("financial_position", true): return "Les actifs sont égaux aux passifs plus l’actif net."
            case ("financial_position", false): return "Les actifs NE SONT PAS égaux aux passifs plus l’actif net : exécutez vtf verify."
            case ("net_assets", true): return "Le solde d’ouverture plus les mouvements est égal au solde de clôture dans chaque composante."
            case ("net_assets", false): return "Le solde d’ouverture plus les mouvements N’EST PAS égal au solde de clôture : exécutez vtf verify."
            case ("cash_flow", true): return "La trésorerie d’ouverture plus la variation nette est égale à la trésorerie de clôture, solde du compte 1100."
            case ("cash_flow", false): return "La trésorerie d’ouverture plus la variation nette N’EST PAS égale au solde du compte 1100 : exécutez vtf verify."
            case (_, true): return "Le contrôle de l’état est vérifié."
            case (_, false): return "Le contrôle de l’état N’EST PAS vérifié : exécutez vtf verify."
            }
        case .budgetNotApproved(let year):
            return "Aucun budget pour \(year) n’a été approuvé à la date de clôture : les lignes budgétaires sont vides et seuls les montants réels figurent."
        case .budgetBasis:
            return "Le budget et les états financiers sont tous deux établis selon la comptabilité d’exercice, par les mêmes catégories et pour la même année civile ; les montants réels sont les charges de l’exercice, sur une base comparable (IPSAS 24)."
        case .budgetNotAvailable:
            return "L’état de comparaison des montants budgétés et des montants réels (IPSAS 24) ne fait pas partie du présent rapport : aucun rapport budgétaire n’est disponible dans cette version."
        }
    }
}
