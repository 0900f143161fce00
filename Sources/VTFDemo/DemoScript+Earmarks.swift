/// Earmarked contributions tracked to spending (issue 11 item 8): Norway's agreement is
/// earmarked "Legal aid" and grant G-2025-02 spends it, so the close of 2025 leaves the unspent
/// part restricted in 3200; the statements show it apart from 3100 and the reserve.
extension DemoScript {
    func earmarkedNetAssets() async throws {
        say("22a. Norway earmarked its contribution for legal aid, and La Strada's grant spends it: the close moved what is left (revenue less spending and PSC, never below zero) to earmarked net assets (3200), and only USD reached net assets (other currencies closed through 1190). An award naming an earmark no agreement carries is refused.")
        try await vtf(["grant", "award"] + l + by("maria") + ["--grantee", "LASTRADA", "--grantee-name", "La Strada Legal Aid", "--amount",
                 "1000.00", "--currency", "USD", "--date", "2026-01-15", "--ref", "G-2026-01", "--earmark", "Legal aide"], expect: 2)
        try await vtf(["report", "net-assets"] + l + ["--as-of", "2025-12-31"])
    }
}
