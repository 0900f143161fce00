public import BankStatements
import Foundation
import LedgerCore
import LedgerCrypto
import Reconciliation

/// The statement files of one reconciliation (one file, or several: the pages or days of one
/// statement a bank sends apart) surveyed in one streaming pass, file after file: the bytes'
/// SHA-256, the statements without their lines (each with the tally of its lines), the period
/// its lines cover, and which bank ids may repeat. The lines themselves are read again, in a
/// second pass, by `rescan(_:)`.
public struct StatementInput: Sendable {
    /// The most statements the files may hold (their headers are kept).
    static let maxStatements = 100_000

    /// One file given with --statement.
    struct File {
        let path: String
        let fileName: String
        let format: StatementFormat
        let sha256: String
    }

    let files: [File]
    let mapping: CSVMapping?
    /// The MT940 code page `--encoding` names.
    let encoding: StatementEncoding
    let survey: StatementSurvey
    /// Continuity problems of the statements (opening + lines ≠ closing, or one not following
    /// the one before), one sentence each; empty when every statement is continuous.
    public let continuity: [String]
    /// Which statements are reconciled; the others are set aside (another account).
    let selection: StatementSelection
    /// What was read but not reconciled: statements set aside by the reader (a currency outside
    /// ISO 4217) and by the selection (another account), and entries not booked (pending or
    /// information only). Listed in the text and JSON output, never dropped without a word.
    public let setAside: [SetAsideStatement]
    /// The first entries not booked (pending, information only), with their lines.
    public let skipped: [SkippedEntry]
    /// How many entries were not booked in all.
    public let skippedCount: Int

    /// The file's name, or the files' names joined, for messages and the output.
    public var fileName: String { files.map(\.fileName).joined(separator: ", ") }
    /// The file's SHA-256; for several files, the SHA-256 of their SHA-256s (hex, one a line).
    public var sha256: String {
        guard files.count > 1 else { return files.first?.sha256 ?? "" }
        let hasher = SHA256Hasher()
        hasher.update(Array(files.map { $0.sha256 + "\n" }.joined().utf8))
        return hasher.finalize().hex
    }

    /// The statements chosen, pages of one statement merged into one.
    public var statements: [BankStatement] { StatementPages.merge(survey.statements).statements.map(\.statement) }
    /// How many bank lines the chosen statements hold.
    public var lineCount: Int { survey.statements.reduce(0) { $0 + $1.tally.count } }

    /// Surveys the files at `paths`, in this order; `choose` picks the statements to reconcile
    /// from all those read (``StatementSelection/all(_:)`` keeps them all).
    init(
        paths: [String], format: String?, mapping: String?, encoding: String? = nil,
        choose: ([BankStatement], String) throws -> StatementSelection = { statements, _ in .all(statements) }
    ) throws {
        guard !paths.isEmpty else { throw BankReconciliationError(.noStatement, "--statement: give the statement file") }
        do { self.encoding = try encoding.map { name throws(StatementError) in try StatementEncoding(named: name) } ?? .automatic } catch {
            throw BankReconciliationError(.badEncoding, error.message)
        }
        self.mapping = try mapping.map { try Self.mapping(at: $0) }
        var files: [File] = []
        var survey = StatementSurvey(fileName: "")
        for path in paths {
            let fileName = URL(fileURLWithPath: path).lastPathComponent
            let format = try Self.format(path: path, named: format, csv: mapping != nil, fileName: fileName)
            let before = survey.statements.count
            survey.fileName = fileName
            let sha256 = try Self.read(path: path, format: format, mapping: self.mapping, fileName: fileName, encoding: self.encoding, into: &survey)
            guard survey.statements.count > before else { throw BankReconciliationError(.emptyStatement, "\(fileName) holds no booked statement") }
            files.append(File(path: path, fileName: fileName, format: format, sha256: sha256))
        }
        self.files = files
        let names = files.map(\.fileName).joined(separator: ", ")
        let selection = try choose(survey.statements.map(\.statement), names)
        let everything = survey
        if selection.kept.count < survey.statements.count {
            // Surveyed again with only the chosen statements, so periods, tallies and ids are theirs.
            var chosen = SelectedStatements(StatementSurvey(fileName: ""), kept: Set(selection.kept))
            for file in files {
                chosen.inner.fileName = file.fileName
                let sha256 = try Self.read(path: file.path, format: file.format, mapping: self.mapping, fileName: file.fileName, encoding: self.encoding, into: &chosen)
                guard sha256 == file.sha256 else { throw Self.changed(file.path) }
            }
            survey = chosen.inner
        }
        self.selection = selection
        survey.putInOrder()
        self.survey = survey
        setAside = everything.setAsideStatements + selection.setAside
        skipped = survey.skippedEntries
        skippedCount = survey.skippedCount
        continuity = Continuity.check(tallied: survey.statements).map(\.description)
    }

    /// Reads the lines again into `visitor`; refuses a file that changed since the survey.
    func rescan<Visitor: StatementVisitor>(_ visitor: inout Visitor) throws {
        var chosen = SelectedStatements(visitor, kept: Set(selection.kept))
        for file in files {
            let sha256 = try Self.read(path: file.path, format: file.format, mapping: mapping, fileName: file.fileName, encoding: encoding, into: &chosen)
            guard sha256 == file.sha256 else { throw Self.changed(file.path) }
        }
        visitor = chosen.inner
    }

    /// Reads the file at `path` into `visitor`; returns the SHA-256 of its bytes.
    private static func read<Visitor: StatementVisitor>(
        path: String, format: StatementFormat, mapping: CSVMapping?, fileName: String, encoding: StatementEncoding,
        into visitor: inout Visitor
    ) throws -> String {
        let source = try open(path)
        do { try StatementReader.read(from: source, format: format, mapping: mapping, fileName: fileName, encoding: encoding, visitor: &visitor) } catch {
            throw BankReconciliationError(.malformedStatement, error.message)
        }
        return source.digest().hex
    }

    private static func changed(_ path: String) -> BankReconciliationError {
        BankReconciliationError(.statementChanged, "--statement \(path) changed while it was read; read it again when nothing writes to it")
    }

    static func open(_ path: String) throws -> StatementFileSource {
        try StatementFileSource(path: path, option: "--statement", limit: StatementFileSource.maxStatementBytes)
    }

    /// The format named, or CSV with a mapping, or told from the file's first 64 KiB.
    static func format(path: String, named: String?, csv: Bool, fileName: String) throws -> StatementFormat {
        if let named {
            guard let format = StatementFormat(rawValue: named) else {
                throw BankReconciliationError(.unknownFormat, "--statement-format \(named): use camt053, mt940 or csv")
            }
            return format
        }
        if csv { return .csv }
        let head: [UInt8]
        let source = try open(path)
        do { head = try source.read(upTo: 1 << 16) } catch { throw BankReconciliationError(.malformedStatement, error.message) }
        guard let detected = StatementFormat.detect(head) else {
            throw BankReconciliationError(.unknownFormat, "\(fileName): not a camt.053 or MT940 file; for CSV give --statement-format csv --mapping FILE")
        }
        return detected
    }

    static func mapping(at path: String) throws -> CSVMapping {
        let source = try StatementFileSource(path: path, option: "--mapping", limit: StatementFileSource.maxMappingBytes)
        do { return try CSVMapping.parse(json: try source.readAll(), fileName: URL(fileURLWithPath: path).lastPathComponent) } catch {
            throw BankReconciliationError(.badMapping, error.message)
        }
    }
}

/// The first pass over a statement file: statements without their lines, the tallies of their
/// lines, the dates the lines cover, and the bank ids that may repeat. Memory does not grow with
/// the number of lines.
struct StatementSurvey: StatementVisitor, Sendable {
    /// The file being read, for messages.
    var fileName: String
    private(set) var statements: [(statement: BankStatement, tally: StatementTally)] = []
    /// The earliest and latest value or booking date of the kept statements' lines.
    private(set) var earliest: LedgerDate?
    private(set) var latest: LedgerDate?
    private(set) var ids = RepeatedIDFilter()
    /// Statements the reader set aside, and entries it skipped (the first ``listLimit``; all counted).
    private(set) var setAsideStatements: [SetAsideStatement] = []
    private(set) var skippedEntries: [SkippedEntry] = []
    private(set) var skippedCount = 0
    static let listLimit = 1_000
    private var tally = StatementTally()
    private var dates: (LedgerDate, LedgerDate)?

    init(fileName: String) { self.fileName = fileName }

    mutating func visit(line: BankLine) throws(StatementError) {
        tally.add(line)
        let low = min(line.valueDate, line.bookingDate)
        let high = max(line.valueDate, line.bookingDate)
        dates = dates.map { (min($0.0, low), max($0.1, high)) } ?? (low, high)
        if let id = line.bankID { ids.insert(id) }
    }

    mutating func end(statement: BankStatement) throws(StatementError) {
        guard statements.count < StatementInput.maxStatements else {
            throw StatementError("\(fileName) holds more than \(StatementInput.maxStatements) statements; split the file")
        }
        statements.append((statement, tally))
        if let (low, high) = dates {
            earliest = min(earliest ?? low, low)
            latest = max(latest ?? high, high)
        }
        forget()
    }

    mutating func setAside(_ statement: SetAsideStatement) throws(StatementError) {
        if setAsideStatements.count < Self.listLimit { setAsideStatements.append(statement) }
        forget()
    }

    mutating func skipped(_ entry: SkippedEntry) throws(StatementError) {
        skippedCount += 1
        if skippedEntries.count < Self.listLimit { skippedEntries.append(entry) }
    }

    /// Puts the statements of each account in time order (opening date, closing date, page),
    /// accounts in the order they first appear: a bank's export may list its statements newest
    /// first, and files may be given in any order (an outside trial's July–September MT940 file,
    /// newest first, was read as closing on 31 July, with four false breaks in the chain).
    /// Statements of one time and page keep their file order.
    mutating func putInOrder() {
        var firstSeen: [String: Int] = [:]
        for (index, item) in statements.enumerated() where firstSeen[item.statement.account] == nil {
            firstSeen[item.statement.account] = index
        }
        func key(_ item: (offset: Int, element: (statement: BankStatement, tally: StatementTally))) -> (Int, LedgerDate, LedgerDate, Int, Int) {
            let statement = item.element.statement
            return (firstSeen[statement.account] ?? 0, statement.opening.date, statement.closing.date, statement.page?.number ?? 0, item.offset)
        }
        statements = statements.enumerated().sorted { key($0) < key($1) }.map(\.element)
    }

    private mutating func forget() {
        tally = StatementTally()
        dates = nil
    }
}
