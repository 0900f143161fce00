extension SiteText {
    static let english = SiteText(
        language: .en,
        siteName: "Public accounts",
        navigation: "Pages of this site",
        atAGlance: "The fund at a glance",
        grantsTitle: "Grants",
        checkpointTitle: "Checkpoint and keys",
        verifyTitle: "Verify a statement",
        figuresUpTo: { "Figures up to and including \($0)." },
        amountsIn: { "Amounts in \($0), exact to the cent." },
        madeFrom:
            "Made by vtf publish from the fund's signed journal, checked against its signed checkpoint "
            + "when the site was made. Every figure can be recomputed with vtf report and vtf statement.",

        inBrief: "In brief",
        inBriefCaption: { "The main figures, up to \($0)" },
        contributionsReceived: "Contributions received",
        grantsAwarded: "Grants awarded",
        grantsPaid: "Grants paid",
        pscCharged: "Programme support costs charged",
        operatingReserve: "Operating cash reserve",
        netAssets: "Net assets",
        byDonor: "Contributions by donor",
        byDonorCaption: { "Contributions by donor, up to \($0)" },
        donor: "Donor",
        individualDonors: { $0 == 1 ? "Individual donor" : "Individual donors (\($0))" },
        pledged: "Pledged",
        agreed: "Agreed",
        received: "Received",
        contributionsNote:
            "Pledged: pledges as made; agreed: binding agreements, valued on the day they were signed; "
            + "received: money received, valued on the day it came in (UN operational rates of exchange). "
            + "Individual donors are not named.",
        receivedByDonorChart: "Contributions received by donor",
        byYear: "By year",
        contributionsByYearCaption: "Contributions by year",
        year: "Year",
        receivedByYearChart: "Contributions received by year",
        grantsByYearCaption: "Grants awarded and paid, and programme support costs, by year",
        grantsPaidByYearChart: "Grants paid by year",
        byCycle: "By grant cycle",
        grantsByCycleCaption: "Grants by grant cycle",
        cycle: "Grant cycle",
        noCycle: "No cycle given",
        grantCount: "Grants",
        awarded: "Awarded",
        paid: "Paid",
        total: "Total",
        reserveNote:
            "Net assets are what the fund holds for its purpose; the operating cash reserve is the part of them "
            + "kept back to meet shortfalls and is not available for grants.",
        valueIn: { "Value (\($0))" },

        grantsIntro:
            "Each grant the fund awarded. A grantee is named only when the fund chose to publish its name; "
            + "otherwise only the country it works in is shown, so that no shelter can be located through this site.",
        grantsCaption: { "Grants awarded up to \($0)" },
        grant: "Grant",
        grantee: "Grantee",
        country: "Country",
        sector: "Sector",
        status: "Status",
        open: "Open",
        closed: "Closed",
        noGrants: "No grant awarded yet.",
        aPartner: "A partner",
        aPartnerIn: { "A partner in \($0)" },

        latestNote: {
            "This is the log's latest checkpoint, whatever the date of the figures: it covers all \($0) entries "
                + "recorded when the site was made."
        },
        log: "Log",
        entries: "Entries",
        rootHash: "Root hash (SHA-256, hex)",
        signedNote: "The signed checkpoint",
        signedNoteIntro:
            "The checkpoint as a C2SP signed note, verbatim: the log's name, the number of entries, the Merkle root "
            + "(base64), then the log's signature and any auditor's cosignature.",
        cosignatures: "Cosignatures",
        noCosignature: "No auditor has cosigned this checkpoint yet.",
        cosignaturesCaption: "Auditors' cosignatures on the latest checkpoint",
        auditor: "Auditor",
        witnessName: "Name in the note",
        keyID: "Key id",
        cosignedOn: "Cosigned (UTC)",
        auditedCheckpoints: "Checkpoints an auditor cosigned",
        auditedCaption: "The latest checkpoints cosigned by an auditor the ledger registered",
        noAudited: "No checkpoint has been cosigned by a registered auditor yet.",
        publicKey: "The log's public key",
        publicKeyIntro: "Every checkpoint is signed with the key whose public half is:",
        checkElsewhere:
            "Do not take this key from this site alone: whoever could change the site could change the key too. "
            + "Compare it with a copy you received another way: the fund's letter to donors, its annual report, "
            + "or the audit bundle an auditor gave you.",
        checkYourself: "Check it yourself",
        verifyLink: "Verify a donor statement or a journal line in your browser, offline",
        auditGuide:
            "The auditor's guide (Audit/AUDITOR-GUIDE.md in vtf's source) shows how to check the whole journal "
            + "with this key alone, with vtf audit verify or with nothing but openssl.",
        formats: "The formats:"
    )
}
