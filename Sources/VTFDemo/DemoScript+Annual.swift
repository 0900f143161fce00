extension DemoScript {
    /// The annual financial report for 2025 (statements and budget comparison with the prior year, notes), in English
    /// and in French, each one printable HTML file.
    func annualReport() async throws {
        say("27. The annual financial report for 2025: the statements (position, performance, net assets, cash flows, budget against actual) beside 2024, and the notes; in English and in French.")
        try await vtf(["report", "cash-flow"] + l + ["--from", "2025-01-01", "--as-of", "2025-12-31"])
        try await vtf(["report", "annual"] + l + ["--year", "2025", "--as-of", "2026-01-31", "--format", "html", "--out", "\(folder)/annual-2025-en.html"])
        try await vtf(["report", "annual"] + l + ["--year", "2025", "--as-of", "2026-01-31", "--format", "html", "--lang", "fr",
                                           "--out", "\(folder)/annual-2025-fr.html"])
    }
}
