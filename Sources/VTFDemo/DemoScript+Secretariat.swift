/// The demo's secretariat costs (issue 13, the worked example of ARCHITECTURE.md): the Board's
/// meeting and the audit fee, each requested, certified and approved by three people, paid from
/// cash with PSC on top, and shown against the budget's secretariat line.
extension DemoScript {
    func secretariatCosts() async throws {
        say("19b. The secretariat's own costs: the Board of Trustees met in Vienna in June. maria requests the payment, chen certifies that the cost and its PSC fit in the funds and the cash on its date, amara approves: Dr 5300 and Dr 5200 (PSC), Cr 1100. maria cannot approve it herself.")
        try await vtf(["secretariat", "cost"] + l + by("maria") + ["--category", "board", "--payee", "UN Vienna conference services",
                                                          "--amount", "420.00", "--invoice", "VIC-2025-118", "--date", "2025-06-12",
                                                          "--ref", "SEC-2025-01", "--description", "Board of Trustees, June 2025 session: rooms and interpretation"])
        try await vtf(["approve", "SEC-2025-01"] + l + by("maria"), expect: 2)
        try await vtf(["certify", "SEC-2025-01"] + l + by("chen"))
        try await vtf(["approve", "SEC-2025-01"] + l + by("amara"))
    }
}
