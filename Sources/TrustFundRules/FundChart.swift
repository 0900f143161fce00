import LedgerJournal
public import LedgerCore

/// The chart of accounts of a UN trust fund (DOMAIN.md §5), functional currency USD. Donor,
/// agreement and grant sub-accounts go below these codes, e.g. `1200.BEL`, `1300.G-2026-01`.
public enum FundChart {
    /// Code, name and type of every account the `unvtf` template opens.
    public static let accounts: [(code: String, name: String, type: AccountType)] = [
        ("1100", "Cash – share of the main cash pool", .asset),
        ("1110", "Bank clearing / cash in transit", .asset),
        ("1190", "Currency conversion (clearing; its values net to zero)", .asset),
        ("1200", "Contributions receivable", .asset),
        ("1210", "Allowance for doubtful contributions", .asset),
        ("1300", "Advances to implementing partners", .asset),
        ("1400", "Accrued interest receivable", .asset),
        ("2100", "Payables / grant instalments due", .liability),
        ("2200", "Deferred revenue – conditional contributions", .liability),
        ("2300", "Refunds payable to donors", .liability),
        ("2400", "Unidentified receipts (suspense)", .liability),
        ("3100", "Accumulated surplus – unearmarked", .netAssets),
        ("3200", "Accumulated surplus – earmarked", .netAssets),
        ("3300", "Operating cash reserve", .netAssets),
        ("4100", "Contributions – Member States", .revenue),
        ("4110", "Contributions – private sector and foundations", .revenue),
        ("4120", "Contributions – individuals and campaigns", .revenue),
        ("4200", "Investment income", .revenue),
        ("4300", "Refunds from grantees (prior periods)", .revenue),
        ("4900", "FX gains (realized / unrealized)", .revenue),
        ("5100", "Grants to CSOs", .expense),
        ("5200", "Programme support costs", .expense),
        ("5300", "Fund management (Board, evaluation, audit)", .expense),
        ("5400", "Bank charges", .expense),
        ("5500", "Cash-pool costs allocated", .expense),
        ("5600", "Impairment / write-off of receivables", .expense),
        ("5900", "FX losses", .expense),
        ("9100", "Pledges not yet binding (memo)", .memo),
        ("9200", "Open grant commitments (memo)", .memo),
        ("9900", "Memo contra (balances the memo accounts)", .memo),
    ]

    static func code(_ text: String) -> AccountCode {
        do { return try AccountCode(text) } catch { preconditionFailure("the fund chart holds valid codes") }
    }

    /// 1100, cash: the fund's share of the main cash pool.
    public static let cash = code("1100")
    /// 1190, currency conversion: a clearing account whose values net to zero.
    public static let conversion = code("1190")
    /// 1200, contributions receivable; donor sub-accounts below it.
    public static let receivables = code("1200")
    /// 1210, allowance for doubtful contributions.
    public static let allowance = code("1210")
    /// 1300, advances to implementing partners; grant sub-accounts below it.
    public static let advances = code("1300")
    /// 2100, payables and grant instalments due.
    public static let payables = code("2100")
    /// 2200, deferred revenue: conditional contributions.
    public static let deferredRevenue = code("2200")
    /// 2300, refunds payable to donors.
    public static let refundsPayable = code("2300")
    /// 2400, unidentified receipts (suspense).
    public static let suspense = code("2400")
    /// 3100, accumulated surplus, unearmarked.
    public static let surplus = code("3100")
    /// 3200, accumulated surplus, earmarked.
    public static let earmarked = code("3200")
    /// 3300, the operating cash reserve.
    public static let reserve = code("3300")
    /// 4200, investment income.
    public static let investmentIncome = code("4200")
    /// 4300, refunds from grantees of prior periods.
    public static let granteeRefunds = code("4300")
    /// 4900, foreign exchange gains, realized and unrealized.
    public static let fxGains = code("4900")
    /// 5100, grants to civil-society organizations.
    public static let grantExpense = code("5100")
    /// 5200, programme support costs.
    public static let psc = code("5200")
    /// 5300, fund management (Board, evaluation, audit).
    public static let secretariat = code("5300")
    /// 5400, bank charges.
    public static let bankCharges = code("5400")
    /// 5500, cash-pool costs allocated to the fund.
    public static let cashPoolCosts = code("5500")
    /// 5600, impairment and write-off of receivables.
    public static let writeOffs = code("5600")
    /// 5900, foreign exchange losses.
    public static let fxLosses = code("5900")
    /// 9100, pledges not yet binding (memo).
    public static let pledges = code("9100")
    /// 9200, open grant commitments (memo).
    public static let commitments = code("9200")
    /// 9900, the memo contra: balances the memo accounts.
    public static let memoContra = code("9900")
    /// 9900.AWARDED, the memo contra of the grants awarded, on a fund that keeps grant flows
    /// apart (``FundSettings/keepsGrantFlows(_:)``): credited by every award, so its movement
    /// over a period is the grants committed in it.
    public static let awardedContra = code("9900.AWARDED")
    /// 9900.PAID, the memo contra of the tranches paid, on such a fund, with a sub-account per
    /// grant (9900.PAID.GRANT): debited by every payment, so its movement over a period is the
    /// grants paid in it, and the sub-accounts that moved are the grants paid something.
    public static let paidContra = code("9900.PAID")

    /// Monetary accounts: revalued at period end when they hold foreign currency (IPSAS 4).
    public static let monetary = ["1100", "1110", "1200", "1210", "1400", "2100", "2300", "2400"].map(code)

    /// Donor types, and the revenue account each one's contributions go to.
    public static let donorTypes: [String: String] = [
        "member-state": "4100", "intergovernmental": "4100",
        "private-sector": "4110", "foundation": "4110", "ngo": "4110",
        "individual": "4120",
    ]
}
