extension StatementText {
    static let english = StatementText(
        title: "Contribution statement",
        donor: "Donor",
        donorID: "Donor id",
        country: "Country",
        period: "Period",
        issued: "Issued",
        unaudited: "UNAUDITED",
        unauditedNote:
            "No auditor has yet cosigned a checkpoint covering this period. The figures come from "
            + "the fund's signed ledger but have not been audited.",
        coveredBy: "Covered by a checkpoint cosigned by: ",
        noActivity: "No agreement, pledge, receipt or refund is recorded for this donor in the period.",

        agreements: "Contribution agreements",
        reference: "Reference",
        date: "Date",
        signed: "Signed",
        amount: "Amount",
        termsAndEarmark: "Terms · earmark",
        conditional: "Conditional",
        unconditional: "Unconditional",
        received: "Received",
        writtenOff: "Written off",
        outstanding: "Outstanding",
        noAgreements: "No contribution agreement.",

        pledges: "Pledges",
        status: "Status",
        pledgeOpen: "Open",
        pledgeConverted: "Converted into an agreement",
        noPledges: "No pledge.",

        receipts: "Receipts",
        agreement: "Agreement",
        rate: "UN operational rate",
        bankRef: "Bank reference",
        entry: "Journal entry",
        total: "Total",
        noReceipts: "No receipt in the period.",

        instalments: "Outstanding receivable by instalment",
        due: "Due",
        overdue: "Overdue",
        notYetDue: "Not yet due",
        noOutstanding: "Nothing is outstanding.",

        refunds: "Refunds",
        refundRef: "Refund request",
        noRefunds: "No refund in the period.",

        fundUse: "How the fund used its money",
        fundUseNote:
            "Figures for the whole fund in the period, not for this donor's contributions alone.",
        grantsCommitted: "Grants committed (obligations)",
        grantsSpent: "Spending by partners, accepted from their reports",
        psc: "Programme support costs (PSC)",
        fundBalance: "Fund balance at the end of the period",
        reserve: "of which operating cash reserve",
        proven: "Proven",
        provenMark: "✓ by the books",
        provenNote:
            "Figures marked ✓ are proven too: the signed JSON version carries the sealed balances of "
            + "the fund's accounts they are made of, and vtf statement verify checks them. The others "
            + "are the fund's own figures.",

        chart: "Receipts over time",
        noChart: "No receipt in the period: nothing to chart.",

        verification: "How to verify this statement",
        verifyCommand: "With the vtf tool and the fund's published verifier key:",
        verifyOpenSSL: "Or with OpenSSL alone: see Audit/DONOR-STATEMENT.md.",
        rootHash: "Checkpoint root hash: ",

        valueIn: { "Value (\($0))" },
        rateFrom: { "from \($0)" },
        periodRange: { "\($0) to \($1)" },
        grantsPaid: { count, number in "Grants paid (\(count) \(number == 1 ? "grant" : "grants"))" },
        checkpointNote: { origin, size in
            "The signed JSON version of this statement proves every receipt and refund listed "
                + "here to be in the fund's append-only journal: each comes with its signed journal "
                + "line and a Merkle inclusion proof to the checkpoint of \(origin) at tree size "
                + "\(size), signed by the fund's log key."
        },
        donorType: { type in
            switch type {
            case "member-state": "Member State"
            case "private-sector": "Private sector"
            case "foundation": "Foundation"
            case "individual": "Individual"
            case "intergovernmental": "Intergovernmental organization"
            case "ngo": "Non-governmental organization"
            default: type
            }
        }
    )
}
