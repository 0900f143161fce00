/// Every limit of the ledger core in one place (TigerBeetle style: "put a limit on everything").
///
/// Limits are checked on entry, where the value first crosses into the program. Lengths of text
/// are counted in Unicode scalars (code points), not in `Character`s: grapheme clustering depends
/// on the Unicode version of the platform, and a verifier must reach the same verdict everywhere.
public enum Limits {
    /// The most postings one journal entry may carry.
    public static let postingsPerEntryMax = 1000
    /// The longest `memo` of an entry, in Unicode scalars.
    public static let memoLengthMax = 2000
    /// The longest `ref` (external reference / idempotency key) of an entry, in Unicode scalars.
    public static let refLengthMax = 200
    /// The longest name (of a donor, a fund, a key holder, …), in Unicode scalars.
    public static let nameLengthMax = 200
    /// The longest account code, in characters (account codes are ASCII).
    public static let accountCodeLengthMax = 64
    /// The largest ISO 4217 minor-unit exponent this ledger accepts (CLF and UYW have 4).
    public static let currencyExponentMax = 4
    /// The most digits after the point a ``Decimal64`` may carry.
    public static let decimalScaleMax = 18
    /// The earliest year of a ``LedgerDate``.
    public static let dateYearMin = 1900
    /// The latest year of a ``LedgerDate``.
    public static let dateYearMax = 9999
    /// How many Unicode scalars of a rejected input an error message repeats before it cuts the
    /// text short with "…" (so that a megabyte of garbage does not become a megabyte of message).
    public static let echoedTextLengthMax = 64
}
