/// Issue 11 item 9 in the demo: the year-end entries before the close. A conditional agreement
/// whose condition will not be met is written off against its deferred revenue; Japan's overdue
/// second instalment is impaired (its ageing shown to the certifier); a partner's spending
/// reported after 31 December is accrued in 2025 and reversed on 1 January 2026.
extension DemoScript {
    func yearEndEntries() async throws {
        say("20a. Sweden adds SEK 500,000.00 in November on a condition (deferred revenue). The condition will not be met: SEK 50,000.00 of it is written off against the deferred revenue (Dr 2200 / Cr 1200), nothing in surplus or deficit.")
        try await vtf(["agreement", "sign"] + l + by("maria") + ["--donor", "SWE", "--amount", "500000.00", "--currency", "SEK",
                                                          "--date", "2025-11-20", "--ref", "AGR-SWE-2025-B", "--conditional"])
        try await vtf(["receivable", "write-off"] + l + by("maria") + ["--agreement", "AGR-SWE-2025-B", "--amount", "50000.00",
                                                                "--date", "2025-12-15", "--ref", "WO-SWE-2025", "--memo", "condition will not be met"])
        try await vtf(["certify", "WO-SWE-2025"] + l + by("chen"))
        try await vtf(["approve", "WO-SWE-2025"] + l + by("amara"))
        say("20b. Japan's second instalment (JPY 7,500,000, due 1 October) is overdue: half is impaired. The request keeps the ageing, which the certifier sees; at approval Dr 5600 / Cr 1210.JPN at the receivable's carrying value (fx revalue then restates 1210 with 1200).")
        try await vtf(["receivable", "impair", "AGR-JPN-2025"] + l + by("maria") + ["--amount", "3750000", "--date", "2025-12-31", "--ref", "IMP-JPN-2025"])
        try await vtf(["pending"] + l)
        try await vtf(["certify", "IMP-JPN-2025"] + l + by("chen"))
        try await vtf(["approve", "IMP-JPN-2025"] + l + by("amara"))
        try await vtf(["report", "receivables"] + l + ["--as-of", "2025-12-31"])
        say("20c. Bridges reports in January what it spent by 31 December: the spending is accrued in 2025 (Dr 5100 / Cr 1300 advance; PSC Dr 5200 / Cr 2100) and reversed on 1 January 2026, both written at once.")
        try await vtf(["grant", "accrue", "G-2025-06"] + l + by("maria") + ["--amount", "6450.00", "--date", "2025-12-31",
                                                                     "--basis", "partner report of 2026-01-20"])
        try await vtf(["report", "psc"] + l + ["--from", "2025-01-01", "--as-of", "2025-12-31"])
    }
}
