/// The demo's budget steps (issue 11 item 7, IPSAS 24): the Board-approved budget of 2025 recorded
/// by three people early in the year, a revision later in the year, and at year end the statement
/// of comparison of budget and actual amounts.
extension DemoScript {
    func budget() async throws {
        say("4a. The Board of Trustees approved the 2025 budget by category: grants, secretariat costs, PSC. maria requests it, chen certifies it, amara approves it; nothing is posted, the budget is recorded. maria cannot approve it herself.")
        try await vtf(["budget", "set"] + l + by("maria") + ["--year", "2025", "--grants", "200000.00", "--secretariat", "5000.00", "--psc", "26000.00",
                                                      "--from", "2025-01-01", "--date", "2025-01-03", "--ref", "BUD-2025-01",
                                                      "--memo", "Board of Trustees, December 2024 session: budget 2025"])
        try await vtf(["approve", "BUD-2025-01"] + l + by("maria"), expect: 2)
        try await vtf(["certify", "BUD-2025-01"] + l + by("chen"))
        try await vtf(["approve", "BUD-2025-01"] + l + by("amara"))
    }

    func budgetRevision() async throws {
        say("19a. In September the Board revises the budget from 1 October (fewer grants this cycle); the revision takes effect from its day and the original stays on record.")
        try await vtf(["budget", "set"] + l + by("maria") + ["--year", "2025", "--grants", "150000.00", "--secretariat", "2000.00", "--psc", "19500.00",
                                                      "--from", "2025-10-01", "--date", "2025-09-15", "--ref", "BUD-2025-02",
                                                      "--memo", "Board of Trustees, September 2025 session: revised budget 2025"])
        try await vtf(["certify", "BUD-2025-02"] + l + by("chen"), quiet: true)
        try await vtf(["approve", "BUD-2025-02"] + l + by("amara"), quiet: true)
        try await vtf(["budget", "list"] + l)
    }

    func budgetReport() async throws {
        try await vtf(["report", "budget"] + l + ["--year", "2025"])
    }
}
