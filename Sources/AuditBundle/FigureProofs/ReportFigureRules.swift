public import CanonicalJSON
public import LedgerCore
import TrustFundRules

/// Which figures of the IPSAS statements (`vtf report financial-position` and
/// `financial-performance`, with `--proofs`) sealed balances prove, read from the report's own
/// JSON so that its maker and its verifier agree. A line of the statement of financial position
/// is the balances, as of the report's date, of the accounts it names (`accounts`); lines naming
/// the same accounts (receivables, current and non-current) are proven together; the surplus not
/// yet closed is every revenue and expense account's. A line of the statement of financial
/// performance is its account's movement over the period (the balance at `as_of` less the balance
/// the day before `from`), the net FX line that of 4900 and 5900 together. Section totals and the
/// surplus are the sums of their lines' terms.
public enum ReportFigureRules {
    /// The reports that carry proofs.
    public static let reports = ["financial-position", "financial-performance", "net-assets", "cash-flow"]

    /// A report's provable figures and the others, with why.
    public struct Rules: Sendable {
        /// The provable figures.
        public var definitions: [FigureDefinition] = []
        /// The figures no balance is, and why.
        public var unprovable: [(figure: String, why: String)] = []
    }

    /// The rules of `report` (the report's JSON), or `.malformed` when it is not a report that
    /// carries proofs.
    public static func rules(for report: JSONObject) throws(BalanceProofError) -> Rules {
        guard let name = report["report"]?.stringValue, reports.contains(name) else {
            throw BalanceProofError(.malformed, "only the IPSAS statements (\(reports.joined(separator: ", "))) carry proofs")
        }
        guard let code = report["currency"]?.stringValue, let currency = try? Currency(code: code),
            let asOf = report["as_of"]?.stringValue.flatMap({ try? LedgerDate(parsing: $0) })
        else { throw BalanceProofError(.malformed, "the report's currency or as_of is missing") }
        if name == "financial-position" { return position(report, asOf: asOf, currency: currency) }
        guard let from = report["from"]?.stringValue.flatMap({ try? LedgerDate(parsing: $0) }) else {
            throw BalanceProofError(.malformed, "the report's from is missing")
        }
        switch name {
        case "net-assets": return netAssets(report, from: from, asOf: asOf, currency: currency)
        case "cash-flow": return cashFlow(from: from, asOf: asOf, currency: currency)
        default: return performance(report, from: from, asOf: asOf, currency: currency)
        }
    }

    /// The chart's top accounts of `types`.
    static func chart(_ types: [AccountType]) -> [String] {
        FundChart.accounts.filter { types.contains($0.type) }.map(\.code)
    }

    static func lines(_ report: JSONObject, _ section: String) -> [JSONObject] {
        let value = report[section]
        return (value?.objectValue?["lines"]?.arrayValue ?? value?.arrayValue ?? []).compactMap(\.objectValue)
    }

    // MARK: - Financial position

    static func position(_ report: JSONObject, asOf: LedgerDate, currency: Currency) -> Rules {
        var rules = Rules()
        let balance = { (accounts: [String], sign: Int) in accounts.map { FigureDefinition.Term(sign: sign, asOf: asOf, scope: AccountScope($0)) } }
        for (section, sign) in [("assets", 1), ("liabilities", -1), ("net_assets", -1), ("memo", 1)] {
            var groups: [(keys: [String], accounts: String)] = []
            for line in lines(report, section) {
                let key = line["key"]?.stringValue ?? ""
                let accounts = line["accounts"]?.stringValue ?? ""
                if let index = groups.firstIndex(where: { $0.accounts == accounts && !accounts.isEmpty }) {
                    groups[index].keys.append(key)
                } else {
                    groups.append(([key], accounts))
                }
            }
            var all: [FigureDefinition.Term] = []
            var complete = true
            for group in groups {
                let figure = "\(section).\(group.keys.joined(separator: "+"))"
                let codes: [String]
                if group.keys == ["surplus_not_closed"] {
                    codes = chart([.revenue, .expense])
                } else {
                    codes = group.accounts.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                }
                guard !codes.isEmpty else {
                    rules.unprovable.append((figure, "the line names no accounts (accounts outside the statement's lines)"))
                    complete = false
                    continue
                }
                let terms = balance(codes, sign)
                all += terms
                rules.definitions.append(FigureDefinition(figure: figure, measure: .value(currency), terms: terms))
            }
            guard section != "memo" else { continue }
            if complete {
                rules.definitions.append(FigureDefinition(figure: "\(section).total", measure: .value(currency), terms: all))
            } else {
                rules.unprovable.append(("\(section).total", "it sums a line that names no accounts"))
            }
        }
        rules.unprovable += [
            ("assets.current_total", "receivables are split between current and non-current by the agreements' schedules, not by a balance; their sum (1200, 1210) is proven"),
            ("assets.non_current_total", "receivables are split between current and non-current by the agreements' schedules, not by a balance; their sum (1200, 1210) is proven"),
        ]
        if !(report["earmarks"]?.arrayValue ?? []).isEmpty {
            rules.unprovable.append(("earmarks", "the earmarked surplus by earmark is split by the last close, not held in balances of their own; 3200 as a whole is proven"))
        }
        return rules
    }

    // MARK: - Financial performance

    static func performance(_ report: JSONObject, from: LedgerDate, asOf: LedgerDate, currency: Currency) -> Rules {
        var rules = Rules()
        let before = from.addingClamped(days: -1)  // 1900-01-01 has none: that day itself
        let flow = { (accounts: [String], sign: Int) in
            accounts.flatMap { account in
                [FigureDefinition.Term(sign: sign, asOf: asOf, scope: AccountScope(account)), .init(sign: -sign, asOf: before, scope: AccountScope(account))]
            }
        }
        let fx = [FundChart.fxGains.rawValue, FundChart.fxLosses.rawValue]
        var surplus: [FigureDefinition.Term] = []
        for (section, sign) in [("revenue", -1), ("expenses", 1)] {
            var all: [FigureDefinition.Term] = []
            for line in lines(report, section) {
                guard let account = line["account"]?.stringValue else { continue }
                let terms = flow(fx.contains(account) ? fx : [account], sign)
                all += terms
                rules.definitions.append(FigureDefinition(figure: "\(section).\(account)", measure: .value(currency), terms: terms))
                if fx.contains(account) {
                    rules.definitions.append(FigureDefinition(figure: "foreign_exchange.net", measure: .value(currency), terms: flow(fx, -1)))
                }
            }
            rules.definitions.append(FigureDefinition(figure: "\(section).total", measure: .value(currency), terms: all))
            surplus += section == "revenue" ? all : all.map { .init(sign: -$0.sign, asOf: $0.asOf, scope: $0.scope) }
        }
        rules.definitions.append(FigureDefinition(figure: "surplus", measure: .value(currency), terms: surplus))
        let split = "the net FX is split by the kind of the entries that made it (settlements, revaluations), not by a balance; the net is proven"
        rules.unprovable += [("foreign_exchange.realised", split), ("foreign_exchange.unrealised", split)]
        return rules
    }

    // MARK: - Net assets and cash flows

    /// The statement of changes in net assets: each component's opening and closing balance (3100
    /// with the surplus not yet closed, that is every revenue and expense account's), their
    /// totals, and the period's surplus; the transfers between components are movements by the
    /// kind of entry, not balances.
    static func netAssets(_ report: JSONObject, from: LedgerDate, asOf: LedgerDate, currency: Currency) -> Rules {
        var rules = Rules()
        let before = from.addingClamped(days: -1)  // 1900-01-01 has none: that day itself
        let open = chart([.revenue, .expense])
        let components = (report["components"]?.arrayValue ?? []).compactMap { $0.objectValue?["account"]?.stringValue }
        func scopes(_ component: String) -> [String] { component == FundChart.surplus.rawValue ? [component] + open : [component] }
        for (row, date) in [("opening", before), ("closing", asOf)] {
            var all: [FigureDefinition.Term] = []
            for component in components {
                let terms = scopes(component).map { FigureDefinition.Term(sign: -1, asOf: date, scope: AccountScope($0)) }
                all += terms
                rules.definitions.append(FigureDefinition(figure: "rows.\(row).\(component)", measure: .value(currency), terms: terms))
            }
            rules.definitions.append(FigureDefinition(figure: "rows.\(row).total", measure: .value(currency), terms: all))
        }
        let surplus = open.flatMap { [FigureDefinition.Term(sign: -1, asOf: asOf, scope: AccountScope($0)), .init(sign: 1, asOf: before, scope: AccountScope($0))] }
        rules.definitions.append(FigureDefinition(figure: "rows.surplus.total", measure: .value(currency), terms: surplus))
        let kind = "a movement between components, by the kind of the entries that made it, not a balance; the opening and closing balances around it are proven"
        rules.unprovable += ["reserve_transfers", "earmark_transfers", "other_movements"].map { ("rows.\($0).total", kind) }
        if !(report["earmarks"]?.arrayValue ?? []).isEmpty {
            rules.unprovable.append(("earmarks", "the earmarked surplus by earmark is split by the last close, not held in balances of their own; 3200 as a whole is proven"))
        }
        return rules
    }

    /// The statement of cash flows: the opening and closing cash (1100 and its sub-accounts) and
    /// the net change; its lines sort the cash postings by the kind of entry that made them.
    static func cashFlow(from: LedgerDate, asOf: LedgerDate, currency: Currency) -> Rules {
        let cash = AccountScope(FundChart.cash.rawValue)
        let before = from.addingClamped(days: -1)  // 1900-01-01 has none: that day itself
        var rules = Rules()
        rules.definitions = [
            FigureDefinition(figure: "opening", measure: .value(currency), terms: [.init(sign: 1, asOf: before, scope: cash)]),
            FigureDefinition(figure: "closing", measure: .value(currency), terms: [.init(sign: 1, asOf: asOf, scope: cash)]),
            FigureDefinition(figure: "net_change", measure: .value(currency), terms: [.init(sign: 1, asOf: asOf, scope: cash), .init(sign: -1, asOf: before, scope: cash)]),
        ]
        rules.unprovable = [("sections", "the lines sort each cash posting by the kind of entry that made it (operating, investing, FX), not by a balance; the net change they add up to is proven")]
        return rules
    }

    // MARK: - Figures stated

    /// The amount `report` states for `figure` (a name of ``rules(for:)``), nil when none.
    public static func stated(_ figure: String, in report: JSONObject, currency: Currency) -> Amount? {
        if figure.hasPrefix("rows.") { return statedRow(figure, in: report, currency: currency) }
        let parts = figure.split(separator: ".", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { return amount(report[figure], currency) }
        let (section, name) = (parts[0], parts[1])
        if name == "total" || section == "foreign_exchange" { return amount(report[section]?.objectValue?[name], currency) }
        let lines = lines(report, section)
        var total = Amount.zero(currency)
        for key in name.split(separator: "+").map(String.init) {
            guard let line = lines.first(where: { $0["key"]?.stringValue == key || $0["account"]?.stringValue == key }),
                let value = amount(line["value"], currency), let sum = try? total.adding(value)
            else { return nil }
            total = sum
        }
        return total
    }

    /// `rows.KEY.total` or `rows.KEY.ACCOUNT` of the statement of changes in net assets.
    static func statedRow(_ figure: String, in report: JSONObject, currency: Currency) -> Amount? {
        let parts = figure.split(separator: ".").map(String.init)
        guard parts.count == 3, let row = (report["rows"]?.arrayValue ?? []).compactMap(\.objectValue).first(where: { $0["key"]?.stringValue == parts[1] })
        else { return nil }
        if parts[2] == "total" { return amount(row["total"], currency) }
        let value = (row["values"]?.arrayValue ?? []).compactMap(\.objectValue).first { $0["account"]?.stringValue == parts[2] }
        return amount(value?["value"], currency)
    }

    static func amount(_ value: JSONValue?, _ currency: Currency) -> Amount? {
        value?.stringValue.flatMap { try? Amount(parsing: $0, currency: currency, mode: .exact) }
    }
}
