import ArgumentParser
import Foundation
import Testing
import VTFCommands
import VTFCLI
import TrustFundRules
import TransparencyLog

/// The help a new user reads, and what a mistyped command says (issue 12 item 12).
@Suite("Help and usage errors")
struct HelpTests {
    /// Every command and subcommand, with its path (`vtf reconcile bank`).
    static func allCommands() -> [(path: String, type: any ParsableCommand.Type)] {
        var found: [(String, any ParsableCommand.Type)] = []
        func walk(_ type: any ParsableCommand.Type, _ path: String) {
            found.append((path, type))
            for sub in type.configuration.subcommands { walk(sub, path + " " + sub._commandName) }
        }
        walk(VTF.self, "vtf")
        return found
    }

    /// A `\\` at a line's end in a Swift string is a backslash, not a continuation; only shell
    /// examples (lines starting `vtf `, and the lines continuing one) may end with one.
    @Test func noHelpShowsALiteralBackslash() {
        for (path, type) in Self.allCommands() {
            let help = VTF.helpMessage(for: type, columns: 10_000)
            var continuing = false
            for line in help.split(separator: "\n", omittingEmptySubsequences: false) {
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                defer { continuing = trimmed.hasSuffix(" \\") }
                guard line.contains("\\") else { continue }
                #expect((trimmed.hasPrefix("vtf ") || continuing) && trimmed.hasSuffix(" \\") && !trimmed.dropLast().contains("\\"),
                        "\(path) --help: \(line)")
            }
        }
        let bank = VTF.helpMessage(for: Self.allCommands().first { $0.path == "vtf reconcile bank" }!.type, columns: 10_000)
        #expect(bank.contains("Bank lines are matched to the account's postings in the statement's currency, in this order"))
    }

    /// Shell examples fit 80 columns: wider, the help wrapped them at a terminal's width without
    /// a `\\`, and an example pasted from it broke (an outside newcomer's trial).
    @Test func examplesFitEightyColumns() {
        for (path, type) in Self.allCommands() {
            var continuing = false
            for line in VTF.helpMessage(for: type, columns: 10_000).split(separator: "\n", omittingEmptySubsequences: false) {
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                // A shell line, not a sentence of prose that starts with a command's name.
                if (trimmed.hasPrefix("vtf ") || trimmed.hasPrefix("Example:  vtf ")) && !trimmed.hasSuffix(".") || continuing {
                    #expect(line.count <= 80, "\(path) --help: \(line)")
                }
                continuing = trimmed.hasSuffix(" \\")
            }
        }
    }

    /// `vtf cash --help` showed `vtf interest`'s description: no two commands of a group say the same.
    @Test func siblingsHaveTheirOwnDescriptions() {
        for (path, type) in Self.allCommands() {
            let abstracts = type.configuration.subcommands.map { $0.configuration.abstract }.filter { !$0.isEmpty }
            #expect(Set(abstracts).count == abstracts.count, "\(path): \(abstracts)")
        }
    }

    @Test func cashHelpDescribesCash() throws {
        let help = try CLI.vtf(["cash", "--help"], in: NSTemporaryDirectory()).stdout
        #expect(help.contains("convert it into the fund's currency") && !help.contains("cash pool"), "\(help)")
    }

    /// Commands that only read offer --ledger and no --key; commands that record offer both.
    @Test func readOnlyCommandsOfferNoKey() throws {
        let readers = [["balance"], ["verify"], ["pending"], ["donor", "list"], ["agreement", "list"], ["grant", "list"],
                       ["rates", "list"], ["setting", "list"], ["budget", "list"], ["key", "list"], ["account", "list"],
                       ["report"], ["journal", "export"], ["checkpoint", "show"], ["log", "vkey"],
                       ["prove", "inclusion"], ["reconcile", "ledger"], ["audit", "export"], ["funds", "available"], ["statement", "make"]]
        for words in readers {
            let args = words + ["--help"]
            let help = try CLI.vtf(args, in: NSTemporaryDirectory())
            #expect(help.status == 0 && help.stdout.contains("--ledger") && !help.stdout.contains("--key"),
                    "vtf \(args.joined(separator: " ")): \(help.stdout)\(help.stderr)")
        }
        for words in [["post"], ["donor", "add"], ["checkpoint", "cosign"], ["reconcile", "bank"], ["approve"]] {
            let help = try CLI.vtf(words + ["--help"], in: NSTemporaryDirectory()).stdout
            #expect(help.contains("--key"), "vtf \(words.joined(separator: " ")) records, so it takes --key")
        }
    }

    /// The top-level help lists the commands in groups, not one flat list of 36.
    @Test func topLevelHelpGroupsTheCommands() throws {
        let help = try CLI.vtf(["--help"], in: NSTemporaryDirectory()).stdout
        for group in ["SET UP", "RECORD ENTRIES", "DONORS AND INCOME", "GRANTS, BUDGETS AND TWO-PERSON APPROVAL", "YEAR END",
                      "READ AND REPORT", "CHECK, PROVE AND AUDIT"]
        {
            #expect(help.contains(group + " SUBCOMMANDS:"), "\(group) in \(help)")
        }
        let grouped = VTF.configuration.groupedSubcommands.flatMap(\.subcommands).count + VTF.configuration.ungroupedSubcommands.count
        #expect(grouped == VTF.configuration.subcommands.count)
    }

    @Test func aMistypedCommandSaysDidYouMean() throws {
        let dir = NSTemporaryDirectory()
        let top = try CLI.vtf(["verfy"], in: dir)
        #expect(top.status == 2 && top.stderr == "vtf: 'verfy' is not a command of vtf; did you mean 'verify'? vtf --help lists them all\n",
                "\(top.stderr)")
        let nested = try CLI.vtf(["key", "genrate", "--out", "x.pem"], in: dir)
        #expect(nested.status == 2 && nested.stderr.contains("'genrate' is not a command of vtf key; did you mean 'generate'?"),
                "\(nested.stderr)")
        let underDefault = try CLI.vtf(["statement", "verfy", "x.json"], in: dir)
        #expect(underDefault.status == 2 && underDefault.stderr.contains("did you mean 'verify'?"), "\(underDefault.stderr)")
        let far = try CLI.vtf(["donor", "zzzzzz"], in: dir)
        #expect(far.status == 2 && far.stderr.contains("'zzzzzz' is not a command of vtf donor; vtf donor --help lists them (add, "),
                "\(far.stderr)")
        // `vtf help TOPIC` printed the top-level help and exited 0 for a topic that is no command.
        let help = try CLI.vtf(["help", "verfy"], in: dir)
        #expect(help.status == 2 && help.stdout.isEmpty && help.stderr.contains("did you mean 'verify'?"), "\(help.stdout)\(help.stderr)")
        let past = try CLI.vtf(["help", "grant", "award", "foo"], in: dir)
        #expect(past.status == 2 && past.stderr.contains("'foo' is not a command of vtf grant award; vtf help grant award shows its help"), "\(past.stderr)")
        for blank in ["", "\t"] {
            let empty = try CLI.vtf(["help", blank], in: dir)
            #expect(empty.status == 2 && empty.stderr.contains("an empty word is not a command of vtf"), "\(empty.stderr)")
        }
        let good = try CLI.vtf(["help", "grant", "award"], in: dir)
        #expect(good.status == 0 && good.stdout.contains("Request a grant award"), "\(good.stderr)")
    }

    /// One prefix: `vtf: Unknown option …`, never `vtf: Error: …`.
    @Test func usageErrorsHaveOnePrefix() throws {
        let dir = NSTemporaryDirectory()
        for args in [["balance", "--bogus"], ["post", "--date"], ["verfy"], ["donor", "add"]] {
            let result = try CLI.vtf(args, in: dir)
            #expect(result.status == 2, "vtf \(args): \(result.stderr)")
            #expect(result.stderr.hasPrefix("vtf: ") && !result.stderr.contains("Error: "), "vtf \(args): \(result.stderr)")
        }
        let option = try CLI.vtf(["balance", "--ledgr", "x"], in: dir)
        #expect(option.stderr.hasPrefix("vtf: Unknown option '--ledgr'. Did you mean '--ledger'?"), "\(option.stderr)")
    }
}
