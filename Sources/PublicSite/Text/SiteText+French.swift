extension SiteText {
    /// No-break space, before « : » and inside « ».
    private static let nbsp = "\u{00A0}"

    static let french = SiteText(
        language: .fr,
        siteName: "Comptes publics",
        navigation: "Pages du site",
        atAGlance: "Le fonds en bref",
        grantsTitle: "Subventions",
        checkpointTitle: "Point de contrôle et clés",
        verifyTitle: "Vérifier un relevé",
        figuresUpTo: { "Chiffres arrêtés au \($0) inclus." },
        amountsIn: { "Montants en \($0), exacts au centime." },
        madeFrom:
            "Établi par vtf publish à partir du journal signé du fonds, vérifié par rapport à son point de contrôle "
            + "signé lors de la création du site. Chaque chiffre peut être recalculé avec vtf report et vtf statement.",

        inBrief: "En bref",
        inBriefCaption: { "Les principaux chiffres, au \($0)" },
        contributionsReceived: "Contributions encaissées",
        grantsAwarded: "Subventions accordées",
        grantsPaid: "Subventions décaissées",
        pscCharged: "Coûts d'appui aux programmes imputés",
        operatingReserve: "Réserve opérationnelle de trésorerie",
        netAssets: "Actif net",
        byDonor: "Contributions par donateur",
        byDonorCaption: { "Contributions par donateur, au \($0)" },
        donor: "Donateur",
        individualDonors: { $0 == 1 ? "Donateur particulier" : "Donateurs particuliers (\($0))" },
        pledged: "Annoncé",
        agreed: "Convenu",
        received: "Encaissé",
        contributionsNote:
            "Annoncé\(nbsp): contributions annoncées\(nbsp); convenu\(nbsp): accords contraignants, évalués au jour de leur "
            + "signature\(nbsp); encaissé\(nbsp): fonds reçus, évalués au jour de leur réception (taux de change opérationnels "
            + "de l'ONU). Les donateurs particuliers ne sont pas nommés.",
        receivedByDonorChart: "Contributions encaissées par donateur",
        byYear: "Par année",
        contributionsByYearCaption: "Contributions par année",
        year: "Année",
        receivedByYearChart: "Contributions encaissées par année",
        grantsByYearCaption: "Subventions accordées et décaissées, et coûts d'appui aux programmes, par année",
        grantsPaidByYearChart: "Subventions décaissées par année",
        byCycle: "Par cycle de subventions",
        grantsByCycleCaption: "Subventions par cycle",
        cycle: "Cycle de subventions",
        noCycle: "Sans cycle indiqué",
        grantCount: "Subventions",
        awarded: "Accordé",
        paid: "Décaissé",
        total: "Total",
        reserveNote:
            "L'actif net est ce que le fonds détient pour son objet\(nbsp); la réserve opérationnelle de trésorerie en est la "
            + "part mise de côté pour faire face aux manques et n'est pas disponible pour des subventions.",
        valueIn: { "Contre-valeur (\($0))" },

        grantsIntro:
            "Chaque subvention accordée par le fonds. Un bénéficiaire n'est nommé que si le fonds a choisi de publier son "
            + "nom\(nbsp); sinon seul le pays où il travaille est indiqué, afin qu'aucun foyer d'accueil ne puisse être localisé "
            + "par ce site.",
        grantsCaption: { "Subventions accordées au \($0)" },
        grant: "Subvention",
        grantee: "Bénéficiaire",
        country: "Pays",
        sector: "Secteur",
        status: "État",
        open: "En cours",
        closed: "Clôturée",
        noGrants: "Aucune subvention accordée à ce jour.",
        aPartner: "Un partenaire",
        aPartnerIn: { "Un partenaire (\($0))" },

        latestNote: {
            "Voici le dernier point de contrôle du journal, quelle que soit la date des chiffres\(nbsp): il couvre les "
                + "\($0) écritures enregistrées lors de la création du site."
        },
        log: "Journal",
        entries: "Écritures",
        rootHash: "Racine (SHA-256, hexadécimal)",
        signedNote: "Le point de contrôle signé",
        signedNoteIntro:
            "Le point de contrôle sous forme de note signée C2SP, tel quel\(nbsp): le nom du journal, le nombre d'écritures, "
            + "la racine de Merkle (base64), puis la signature du journal et les éventuelles cosignatures d'auditeurs.",
        cosignatures: "Cosignatures",
        noCosignature: "Aucun auditeur n'a encore cosigné ce point de contrôle.",
        cosignaturesCaption: "Cosignatures d'auditeurs sur le dernier point de contrôle",
        auditor: "Auditeur",
        witnessName: "Nom dans la note",
        keyID: "Identifiant de clé",
        cosignedOn: "Cosigné (UTC)",
        auditedCheckpoints: "Points de contrôle cosignés par un auditeur",
        auditedCaption: "Les derniers points de contrôle cosignés par un auditeur enregistré dans le grand livre",
        noAudited: "Aucun point de contrôle n'a encore été cosigné par un auditeur enregistré.",
        publicKey: "La clé publique du journal",
        publicKeyIntro: "Chaque point de contrôle est signé avec la clé dont la partie publique est\(nbsp):",
        checkElsewhere:
            "Ne prenez pas cette clé de ce seul site\(nbsp): qui pourrait modifier le site pourrait aussi modifier la clé. "
            + "Comparez-la avec une copie reçue par une autre voie\(nbsp): la lettre du fonds aux donateurs, son rapport "
            + "annuel, ou le dossier d'audit remis par un auditeur.",
        checkYourself: "Vérifiez par vous-même",
        verifyLink: "Vérifier un relevé de donateur ou une ligne du journal dans votre navigateur, hors ligne",
        auditGuide:
            "Le guide de l'auditeur (Audit/AUDITOR-GUIDE.md dans les sources de vtf) explique comment vérifier tout le "
            + "journal avec cette seule clé, avec vtf audit verify ou avec openssl seul.",
        formats: "Les formats\(nbsp):"
    )
}
