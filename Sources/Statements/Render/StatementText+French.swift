extension StatementText {
    /// No-break space, before « : » and the like.
    private static let nbsp = "\u{00A0}"

    static let french = StatementText(
        title: "Relevé des contributions",
        donor: "Donateur",
        donorID: "Identifiant du donateur",
        country: "Pays",
        period: "Période",
        issued: "Date d'émission",
        unaudited: "NON AUDITÉ",
        unauditedNote:
            "Aucun auditeur n'a encore cosigné de point de contrôle couvrant cette période. Les "
            + "chiffres proviennent du grand livre signé du fonds mais n'ont pas été audités.",
        coveredBy: "Couvert par un point de contrôle cosigné par\(nbsp): ",
        noActivity:
            "Aucun accord, aucune annonce de contribution, aucun encaissement ni aucun "
            + "remboursement n'est enregistré pour ce donateur sur la période.",

        agreements: "Accords de contribution",
        reference: "Référence",
        date: "Date",
        signed: "Signé le",
        amount: "Montant",
        termsAndEarmark: "Modalités · affectation",
        conditional: "Conditionnel",
        unconditional: "Inconditionnel",
        received: "Encaissé",
        writtenOff: "Passé en pertes",
        outstanding: "Restant dû",
        noAgreements: "Aucun accord de contribution.",

        pledges: "Annonces de contributions",
        status: "Statut",
        pledgeOpen: "En cours",
        pledgeConverted: "Convertie en accord",
        noPledges: "Aucune annonce de contribution.",

        receipts: "Encaissements",
        agreement: "Accord",
        rate: "Taux opérationnel de l'ONU",
        bankRef: "Référence bancaire",
        entry: "Écriture n°",
        total: "Total",
        noReceipts: "Aucun encaissement sur la période.",

        instalments: "Créances restant dues, par échéance",
        due: "Échéance",
        overdue: "Échue",
        notYetDue: "À échoir",
        noOutstanding: "Aucune créance restant due.",

        refunds: "Remboursements",
        refundRef: "Demande de remboursement",
        noRefunds: "Aucun remboursement sur la période.",

        fundUse: "Utilisation des fonds",
        fundUseNote:
            "Chiffres de l'ensemble du fonds pour la période, et non des seules contributions de "
            + "ce donateur.",
        grantsCommitted: "Subventions approuvées (engagements)",
        grantsSpent: "Dépenses des partenaires, acceptées sur la base de leurs rapports",
        psc: "Coûts d'appui aux programmes (CAP)",
        fundBalance: "Solde du fonds en fin de période",
        reserve: "dont réserve opérationnelle",
        proven: "Prouvé",
        provenMark: "✓ par les livres",
        provenNote:
            "Les montants marqués ✓ sont prouvés eux aussi\(nbsp): la version JSON signée porte les "
            + "soldes scellés des comptes du fonds dont ils sont faits, et vtf statement verify les "
            + "vérifie. Les autres sont les chiffres du fonds.",

        chart: "Encaissements au fil du temps",
        noChart: "Aucun encaissement sur la période\(nbsp): aucun graphique.",

        verification: "Vérifier ce relevé",
        verifyCommand: "Avec l'outil vtf et la clé de vérification publiée par le fonds\(nbsp):",
        verifyOpenSSL: "Ou avec OpenSSL seul\(nbsp): voir Audit/DONOR-STATEMENT.md.",
        rootHash: "Empreinte racine du point de contrôle\(nbsp): ",

        valueIn: { "Contre-valeur (\($0))" },
        rateFrom: { "depuis le \($0)" },
        periodRange: { "du \($0) au \($1)" },
        grantsPaid: { count, number in
            "Décaissements au titre des subventions (\(count) \(number == 1 ? "subvention" : "subventions"))"
        },
        checkpointNote: { origin, size in
            "La version JSON signée de ce relevé prouve que chaque encaissement et chaque "
                + "remboursement indiqués ici figurent dans le journal du fonds, où rien ne peut "
                + "être modifié ni effacé\(nbsp): chacun est accompagné de sa ligne de journal "
                + "signée et d'une preuve d'inclusion de Merkle menant au point de contrôle de "
                + "\(origin) de taille \(size), signé par la clé du journal du fonds."
        },
        donorType: { type in
            switch type {
            case "member-state": "État Membre"
            case "private-sector": "Secteur privé"
            case "foundation": "Fondation"
            case "individual": "Particulier"
            case "intergovernmental": "Organisation intergouvernementale"
            case "ngo": "Organisation non gouvernementale"
            default: type
            }
        }
    )
}
