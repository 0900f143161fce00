import ArgumentParser

/// "did you mean …" for a mistyped command: swift-argument-parser suggests options but, for a
/// word that names no subcommand, only says "Unexpected argument".
enum CommandSuggestion {
    /// The message for `arguments` when a word stands where a subcommand of a command group is
    /// expected and names none of them; nil when the words name commands (the parser's own error
    /// then stands).
    static func unknownCommand(in arguments: [String], root: any ParsableCommand.Type) -> String? {
        var command = root
        var path = [root._commandName]
        for word in arguments {
            let subcommands = command.configuration.subcommands
            guard !word.hasPrefix("-"), !subcommands.isEmpty else { return nil }
            if let next = subcommands.first(where: { $0._commandName == word || $0.configuration.aliases.contains(word) }) {
                command = next
                path.append(word)
                continue
            }
            if word == "help" { return nil }
            let names = subcommands.filter { $0.configuration.shouldDisplay }.map { $0._commandName }
            // An empty or blank word is no near miss of a short name ('' is two edits from 'fx').
            if word.allSatisfy(\.isWhitespace) {
                return "an empty word is not a command of \(path.joined(separator: " ")); \(path.joined(separator: " ")) --help lists them (\(names.joined(separator: ", ")))"
            }
            let scored = names.map { (name: $0, distance: editDistance(word.lowercased(), $0)) }
            let near = scored.filter { $0.distance <= max(2, $0.name.count / 3) || $0.name.hasPrefix(word.lowercased()) }
                .sorted { ($0.distance, $0.name) < ($1.distance, $1.name) }
            let list = path.joined(separator: " ")
            // A group with a default subcommand takes the default's arguments: only a near miss
            // of a command's name is a typo there (vtf statement verfy, not vtf checkpoint 5).
            if command.configuration.defaultSubcommand != nil, near.isEmpty { return nil }
            guard let best = near.first else {
                return "'\(word)' is not a command of \(list); \(list) --help lists them (\(names.joined(separator: ", ")))"
            }
            let others = near.dropFirst().prefix(2).map { "'\($0.name)'" }
            return "'\(word)' is not a command of \(list); did you mean '\(best.name)'\(others.isEmpty ? "" : " (or \(others.joined(separator: ", ")))")? \(list) --help lists them all"
        }
        return nil
    }

    /// The message for `vtf help WORDS…` when the words do not name a command: the parser printed
    /// the top-level help and exited 0 for `vtf help verfy`, and ignored `foo` in `vtf help grant
    /// award foo` (an outside newcomer's trial). Nil when they name one, or the line is no help.
    static func unknownHelpTopic(in arguments: [String], root: any ParsableCommand.Type) -> String? {
        guard arguments.first == "help" else { return nil }
        let topic = Array(arguments.dropFirst().prefix { !$0.hasPrefix("-") })
        if let suggestion = unknownCommand(in: topic, root: root) { return suggestion }
        var command = root
        var path = [root._commandName]
        for word in topic {
            guard let next = command.configuration.subcommands.first(where: { $0._commandName == word || $0.configuration.aliases.contains(word) }) else {
                let list = path.joined(separator: " ")
                return "'\(word)' is not a command of \(list); vtf help \(path.dropFirst().joined(separator: " ")) shows its help"
            }
            command = next
            path.append(word)
        }
        return nil
    }

    /// Levenshtein distance over Characters.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
