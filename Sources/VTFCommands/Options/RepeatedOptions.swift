import ArgumentParser
import CanonicalJSON

/// Refuses an option that takes one value given more than once (`--amount 100.00 --amount
/// 200.00`): the argument parser would keep the last silently, and what a command records in the
/// journal can only be reversed, not edited. Options that take several values (`--posting`,
/// `--witness`…) and flags may repeat.
enum RepeatedOptions {
    /// Checks `arguments` (nothing after `--`) against the options of `command`.
    /// The command's description is read only when a long option does repeat (rarely), so a
    /// command line pays nothing for the check.
    static func check(_ arguments: [String], command: any ParsableCommand.Type) throws(InputError) {
        var seen: Set<String> = []
        var repeated: [String] = []
        for argument in arguments {
            if argument == "--" { break }
            guard argument.hasPrefix("--") else { continue }
            let name = String(argument.split(separator: "=", maxSplits: 1).first ?? "")
            if !seen.insert(name).inserted { repeated.append(name) }
        }
        guard !repeated.isEmpty else { return }
        let single = singleValueOptions(of: command)
        if let name = repeated.first(where: single.contains) {
            throw InputError("\(name) is given twice: give it once (vtf would otherwise take the last without a word)")
        }
    }

    /// The long names (`--amount`) of the options of `command` that take one value, from the
    /// argument parser's own description of the command.
    static func singleValueOptions(of command: any ParsableCommand.Type) -> Set<String> {
        guard let described = try? JSONParser.parse(Array(help(command).utf8)),
            let arguments = described.objectValue?["command"]?.objectValue?["arguments"]?.arrayValue
        else { return [] }
        var names: Set<String> = []
        for case .object(let argument) in arguments
        where argument["kind"]?.stringValue == "option" && argument["isRepeating"] != .bool(true) {
            for case .object(let name) in argument["names"]?.arrayValue ?? [] where name["kind"]?.stringValue == "long" {
                if let long = name["name"]?.stringValue { names.insert("--" + long) }
            }
        }
        return names
    }

    private static func help<Command: ParsableCommand>(_ command: Command.Type) -> String { command._dumpHelp() }
}
