public import LedgerCore

extension AccountCode {
    /// Whether this is `prefix` itself or one of its sub-accounts (`prefix.…`).
    public func isWithin(_ prefix: AccountCode) -> Bool {
        rawValue == prefix.rawValue || rawValue.hasPrefix(prefix.rawValue + ".")
    }

    /// The sub-account `self.suffix`, e.g. `1200` + `BEL` = `1200.BEL`.
    public func sub(_ suffix: String) throws(RuleViolation) -> AccountCode {
        do { return try AccountCode(rawValue + "." + suffix) } catch {
            throw RuleViolation(.badField, "\(error)")
        }
    }
}
