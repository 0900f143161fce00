import Testing

extension FundLedger {
    /// The grant the reversal tests start from: ACME (a foundation) signs AGR-ACME-1 for `agreed`
    /// USD on 10 January 2026 and pays 150,000.00 of it on 20 January (B-2); `beforeAward` runs
    /// (more receipts, say); grant G-1 of 100,000.00 in `tranches` is awarded with `award`'s
    /// options on 1 February, certified (chen) and approved (amara); its first tranche is paid on
    /// 15 February, 40,000.00 of spending is reported on 31 March, and its second tranche is paid
    /// on 15 April. Returns the seq of the second tranche's approval.
    @discardableResult
    func fundGrantG1(
        agreed: String = "150000.00", tranches: String, award: [String] = ["--grantee", "SHELTER", "--grantee-name", "Shelter"],
        beforeAward: () throws -> Void = {}
    ) throws -> String {
        try ok(["donor", "add", "ACME", "--name", "Acme Foundation", "--type", "foundation", "--date", "2026-01-05"])
        try ok(["agreement", "sign", "--donor", "ACME", "--amount", agreed, "--currency", "USD", "--date", "2026-01-10", "--ref", "AGR-ACME-1"])
        try ok(["receive", "--agreement", "AGR-ACME-1", "--amount", "150000.00", "--currency", "USD", "--date", "2026-01-20", "--bank-ref", "B-2"])
        try beforeAward()
        try ok(["grant", "award"] + award + ["--amount", "100000.00", "--date", "2026-02-01", "--ref", "G-1", "--tranches", tranches])
        try ok(["certify", "G-1"], as: "chen")
        try ok(["approve", "G-1"], as: "amara")
        try approvedPayment(tranche: 1, date: "2026-02-15", ref: "PAY-1")
        try ok(["grant", "report", "G-1", "--spent", "40000.00", "--date", "2026-03-31"])
        try approvedPayment(tranche: 2, date: "2026-04-15", ref: "PAY-2")
        return try lastSeq(kind: "approval.approve")
    }
}
