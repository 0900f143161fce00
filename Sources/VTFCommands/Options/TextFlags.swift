import LedgerCore
import LedgerJournal
import TrustFundRules
import TransparencyLog

/// The options whose values become free text in an entry (memo, refs, names, reasons), each
/// with its limit. Their values pass ``EntryText`` — the same check the writer's rules and the
/// verifier apply — before any command runs, so a tab, a newline, an empty value or an
/// over-long one is refused with the option's name (exit 2) and nothing is written.
enum TextFlags {
    /// Option → the longest value, in Unicode scalars (the limit of the entry member it fills).
    static let limits: [String: Int] = [
        "--memo": Limits.memoLengthMax, "--reason": Limits.memoLengthMax,
        "--ref": Limits.refLengthMax, "--bank-ref": Limits.refLengthMax,
        "--name": Limits.nameLengthMax, "--holder": Limits.nameLengthMax, "--fund-name": Limits.nameLengthMax,
        "--grantee-name": Limits.nameLengthMax, "--earmark": Limits.nameLengthMax,
        "--cycle": Limits.nameLengthMax, "--session": Limits.nameLengthMax,
    ]

    /// Checks every text option in `arguments` (`--memo X` and `--memo=X`; nothing after `--`).
    static func check(_ arguments: [String]) throws(InputError) {
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if argument == "--" { return }
            if let (flag, value) = split(argument), let max = limits[flag] {
                try check(value, flag: flag, max: max)
            } else if let max = limits[argument], index + 1 < arguments.count {
                try check(arguments[index + 1], flag: argument, max: max)
                index += 1
            }
            index += 1
        }
    }

    static func check(_ value: String, flag: String, max: Int) throws(InputError) {
        guard let problem = EntryText.problem(value, max: max) else { return }
        throw InputError("\(flag) \(problem)")
    }

    /// `--flag=value` → ("--flag", "value").
    static func split(_ argument: String) -> (String, String)? {
        guard argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") else { return nil }
        return (String(argument[..<equals]), String(argument[argument.index(after: equals)...]))
    }
}
