/// Two rough edges a new user met (issue 12 items 9 and 11): an entry dated before the ledger's
/// opening is refused at once with the fix, and the list commands answer in JSON.
extension DemoScript {
    func newUserEdges() async throws {
        say("3a. The ledger opened on 2025-01-01 (vtf init --date): a donor dated in 2024 is refused at once, with the fix (vtf init --date 2024-01-01), instead of a grant failing later for want of a setting. The settings in force, as JSON for other tools (--format json; schema Schemas/json/setting-list.schema.json):")
        try await vtf(["donor", "add", "OLD"] + l + by("maria") + ["--name", "Before the books", "--type", "foundation", "--date", "2024-12-15"],
                expect: 2)
        try await vtf(["setting", "list"] + l + ["--format", "json"])
    }
}
