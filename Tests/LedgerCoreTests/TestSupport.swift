import LedgerCore

/// Test shorthand: the currency `code`, which must be in the table.
func currency(_ code: String) throws -> Currency {
    try Currency(code: code)
}

/// Test shorthand: `minorUnits` of currency `code`.
func amount(_ minorUnits: Int64, _ code: String) throws -> Amount {
    Amount(minorUnits: minorUnits, currency: try Currency(code: code))
}
