/// Negative numbers given to options. The argument parser reads `--amount -5` as the option
/// `--amount` without a value followed by an unknown option `-5` ("Missing value for
/// '--amount'"). Joined as `--amount=-5`, the value reaches the command, which says what is
/// wrong with it and names the option ("--amount must be more than zero, not -5"), or accepts
/// it where a negative value is allowed.
enum NegativeValues {
    /// `arguments` with every long option directly followed by a negative number joined to it.
    static func joined(_ arguments: [String]) -> [String] {
        var result: [String] = []
        result.reserveCapacity(arguments.count)
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if argument == "--" {
                result.append(contentsOf: arguments[index...])
                break
            }
            if isLongOptionWithoutValue(argument), index + 1 < arguments.count, isNegativeNumber(arguments[index + 1]) {
                result.append(argument + "=" + arguments[index + 1])
                index += 2
                continue
            }
            result.append(argument)
            index += 1
        }
        return result
    }

    static func isLongOptionWithoutValue(_ argument: String) -> Bool {
        argument.hasPrefix("--") && argument.count > 2 && !argument.contains("=")
    }

    /// `-5`, `-0.25`, `-.5`, `-1e3`: a minus sign, then a digit or a point and a digit.
    static func isNegativeNumber(_ argument: String) -> Bool {
        let scalars = Array(argument.unicodeScalars.prefix(3))
        guard scalars.count >= 2, scalars[0] == "-" else { return false }
        if ("0"..."9").contains(scalars[1]) { return true }
        return scalars[1] == "." && scalars.count == 3 && ("0"..."9").contains(scalars[2])
    }
}
