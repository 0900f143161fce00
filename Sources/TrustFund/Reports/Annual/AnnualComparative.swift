import CanonicalJSON
public import LedgerCore
public import LedgerStore
import TrustFundRules
import TransparencyLog

/// One line of a statement or note in the annual report: where it sits and its figure for the
/// year and for the year before (nil: the line has no figure that year, e.g. the fund did not
/// exist yet).
public struct AnnualRow: Sendable, Equatable {
    /// The section of the statement ("Current assets", "Revenue", a net-asset component).
    public let section: String
    /// The line's label in parts (e.g. account code and name), each translated on its own.
    public let parts: [String]
    /// The figure for the year, in the fund currency; nil when the line has none that year.
    public let current: Amount?
    /// The figure for the year before, in the fund currency; nil when the line has none that year.
    public let prior: Amount?

    /// A row; empty `parts` are dropped.
    public init(section: String, parts: [String], current: Amount?, prior: Amount?) {
        self.section = section
        self.parts = parts.filter { !$0.isEmpty }
        self.current = current
        self.prior = prior
    }

    /// The parts joined: "4100 Contributions – Member States".
    public var label: String { parts.joined(separator: " ") }
}

/// Puts a report for the year beside the same report for the year before, line by line.
public enum AnnualComparative {
    /// The rows of `current` with the figures of `prior` beside them (nil: no prior year).
    /// Lines are matched by their text columns, dates in them left out ("Opening net assets
    /// (2025-12-31)" matches "(2024-12-31)"); a line only the prior year has follows the last
    /// line of its section. A report with several amount columns (net assets, one per
    /// component) gives one section per column.
    public static func rows(_ current: ReportDocument, prior: ReportDocument?) -> [AnnualRow] {
        let now = split(current)
        guard let prior else { return now.map { AnnualRow(section: $0.section, parts: $0.parts, current: $0.value, prior: nil) } }
        let before = split(prior)
        var priorByKey: [String: Amount] = [:]
        for line in before { priorByKey[key(line)] = line.value }
        var rows = now.map { line in
            AnnualRow(section: line.section, parts: line.parts, current: line.value, prior: priorByKey[key(line)] ?? .zero(line.value.currency))
        }
        let seen = Set(now.map(key))
        for line in before where !seen.contains(key(line)) {
            let row = AnnualRow(section: line.section, parts: line.parts, current: .zero(line.value.currency), prior: line.value)
            if let last = rows.lastIndex(where: { $0.section == line.section }) { rows.insert(row, at: last + 1) } else { rows.append(row) }
        }
        return rows
    }

    struct Line {
        let section: String
        let parts: [String]
        let value: Amount
    }

    /// The CSV table of `document` as lines: one per row and amount column.
    static func split(_ document: ReportDocument) -> [Line] {
        let columns = document.csv.columns
        let amounts = columns.indices.filter { columns[$0].isAmount }
        let texts = columns.indices.filter { !columns[$0].isAmount }
        let currency = document.heading.currency
        var lines: [Line] = []
        // Column by column, so each section's lines stay together.
        for index in amounts {
            for row in document.csv.rows {
                guard let value = try? Amount(parsing: row[index], currency: currency, mode: .exact) else { continue }
                if amounts.count > 1 {
                    lines.append(Line(section: sectionName(columns[index].title, document), parts: texts.map { row[$0] }, value: value))
                } else {
                    let section = texts.first.map { row[$0] } ?? ""
                    lines.append(Line(section: section, parts: texts.dropFirst().map { row[$0] }, value: value))
                }
            }
        }
        return lines
    }

    /// An amount column's title as a section: "3100 USD" named by the report's components
    /// ("3100 Accumulated surplus – unearmarked"); "TOTAL USD" as it is.
    static func sectionName(_ title: String, _ document: ReportDocument) -> String {
        guard let code = title.split(separator: " ").first.map(String.init) else { return title }
        for component in document.json.objectValue?["components"]?.arrayValue ?? [] {
            if component.objectValue?["account"]?.stringValue == code, let name = component.objectValue?["name"]?.stringValue, !name.isEmpty {
                return "\(code) \(name)"
            }
        }
        return title
    }

    static func key(_ line: Line) -> String {
        ([line.section] + line.parts.filter { !$0.isEmpty }).map(withoutDates).joined(separator: "\u{1F}")
    }

    /// `text` with every YYYY-MM-DD left out.
    public static func withoutDates(_ text: String) -> String {
        var result = ""
        var characters = Array(text)
        var index = 0
        while index < characters.count {
            if index + 10 <= characters.count, isDate(characters[index..<index + 10]) {
                result += "·"
                index += 10
            } else {
                result.append(characters[index])
                index += 1
            }
        }
        characters.removeAll()
        return result
    }

    static func isDate(_ slice: ArraySlice<Character>) -> Bool {
        for (offset, character) in slice.enumerated() {
            if offset == 4 || offset == 7 { if character != "-" { return false } } else if !character.isASCII || !character.isNumber { return false }
        }
        return true
    }
}

extension FundReports {
    /// The report `name` with the same report one year earlier beside it (`--comparative`):
    /// one table of rows matched as ``AnnualComparative/rows(_:prior:)`` matches them, an
    /// amount column per year (the prior one empty when the ledger starts after it); the JSON
    /// `{"report", "comparative": true, "current": …, "prior": … or null}`.
    public static func comparative(
        _ name: FundReportName, ledger: any StoreSnapshot, asOf: LedgerDate, from: LedgerDate? = nil
    ) throws -> ReportDocument {
        let current = try document(name, ledger: ledger, asOf: asOf, from: from)
        let heading = current.heading
        guard let priorAsOf = oneYearEarlier(heading.asOf) else { throw ReportError("--as-of \(heading.asOf) has no prior year") }
        let priorFrom = heading.from.flatMap(oneYearEarlier)
        let start = try ledger.entry(at: 0)?.body.date
        let prior = start.map { $0 <= priorAsOf } == true
            ? try document(name, ledger: ledger, asOf: priorAsOf, from: priorFrom) : nil
        let code = heading.currency.code
        let dates = heading.from.map { "\($0)..\(heading.asOf)" } ?? heading.asOf.description
        let priorDates = priorFrom.map { "\($0)..\(priorAsOf)" } ?? priorAsOf.description
        var table = ReportTable([
            ReportColumn("SECTION"), ReportColumn("LINE"), ReportColumn("\(code) \(dates)", amount: true),
            ReportColumn("\(code) \(priorDates)", amount: true),
        ])
        for row in AnnualComparative.rows(current, prior: prior) {
            table.add([row.section, row.label, row.current?.decimalString ?? "", row.prior?.decimalString ?? ""])
        }
        let json = JSONValue.object(JSONObject([
            ("report", .string(name.rawValue)), ("comparative", .bool(true)), ("current", current.json), ("prior", prior?.json ?? .null),
        ]))
        let notes = current.notes + (prior == nil ? ["The ledger starts after \(priorAsOf): the prior-year column is empty."] : [])
        return ReportDocument(title: current.title + ", with the prior year", heading: heading, tables: [table], notes: notes, csv: table, json: json)
    }

    /// The same day one year earlier (29 February: the 28th).
    static func oneYearEarlier(_ date: LedgerDate) -> LedgerDate? {
        (try? LedgerDate(year: date.year - 1, month: date.month, day: date.day)) ?? (try? LedgerDate(year: date.year - 1, month: date.month, day: 28))
    }
}
