import BankStatements
import Foundation
import LedgerCore
import Reconciliation

/// A statement file surveyed in one streaming pass: its bytes' SHA-256, its statements without
/// their lines (each with the tally of its lines), the period its lines cover, and which bank
/// ids may repeat. The lines themselves are read again, in a second pass, by ``rescan(_:)``.
struct StatementInput {
    /// The most statements one file may hold (their headers are kept).
    static let maxStatements = 100_000

    let path: String
    let fileName: String
    let format: StatementFormat
    let mapping: CSVMapping?
    /// The MT940 code page `--encoding` names.
    let encoding: StatementEncoding
    let sha256: String
    let survey: StatementSurvey
    let continuity: [String]

    var statements: [BankStatement] { survey.statements.map(\.statement) }
    var lineCount: Int { survey.statements.reduce(0) { $0 + $1.tally.count } }

    init(path: String, format: String?, mapping: String?, encoding: String? = nil) throws {
        do { self.encoding = try encoding.map { name throws(StatementError) in try StatementEncoding(named: name) } ?? .automatic } catch {
            throw InputError(error.message)
        }
        self.path = path
        fileName = URL(fileURLWithPath: path).lastPathComponent
        self.mapping = try mapping.map { try Self.mapping(at: $0) }
        self.format = try Self.format(path: path, named: format, csv: mapping != nil, fileName: fileName)
        let source = try Self.open(path)
        var survey = StatementSurvey(fileName: fileName)
        do { try StatementReader.read(from: source, format: self.format, mapping: self.mapping, fileName: fileName, encoding: self.encoding,
                                              visitor: &survey) } catch {
            throw InputError(error.message)
        }
        sha256 = source.digest().hex
        guard !survey.statements.isEmpty else { throw InputError("\(fileName) holds no booked statement") }
        self.survey = survey
        continuity = Continuity.check(tallied: survey.statements).map(\.description)
    }

    /// Reads the lines again into `visitor`; refuses a file that changed since the survey.
    func rescan<Visitor: StatementVisitor>(_ visitor: inout Visitor) throws {
        let source = try Self.open(path)
        do { try StatementReader.read(from: source, format: format, mapping: mapping, fileName: fileName, encoding: encoding, visitor: &visitor) } catch {
            throw InputError(error.message)
        }
        guard source.digest().hex == sha256 else {
            throw InputError("--statement \(path) changed while it was read; read it again when nothing writes to it")
        }
    }

    static func open(_ path: String) throws -> StatementFileSource {
        try StatementFileSource(path: path, option: "--statement", limit: StatementFileSource.maxStatementBytes)
    }

    /// The format named, or CSV with a mapping, or told from the file's first 64 KiB.
    static func format(path: String, named: String?, csv: Bool, fileName: String) throws -> StatementFormat {
        if let named {
            guard let format = StatementFormat(rawValue: named) else {
                throw InputError("--statement-format \(named): use camt053, mt940 or csv")
            }
            return format
        }
        if csv { return .csv }
        let head: [UInt8]
        let source = try open(path)
        do { head = try source.read(upTo: 1 << 16) } catch { throw InputError(error.message) }
        guard let detected = StatementFormat.detect(head) else {
            throw InputError("\(fileName): not a camt.053 or MT940 file; for CSV give --statement-format csv --mapping FILE")
        }
        return detected
    }

    static func mapping(at path: String) throws -> CSVMapping {
        let source = try StatementFileSource(path: path, option: "--mapping", limit: StatementFileSource.maxMappingBytes)
        do { return try CSVMapping.parse(json: try source.readAll(), fileName: URL(fileURLWithPath: path).lastPathComponent) } catch {
            throw InputError(error.message)
        }
    }
}

/// The first pass over a statement file: statements without their lines, the tallies of their
/// lines, the dates the lines cover, and the bank ids that may repeat. Memory does not grow with
/// the number of lines.
struct StatementSurvey: StatementVisitor {
    let fileName: String
    private(set) var statements: [(statement: BankStatement, tally: StatementTally)] = []
    /// The earliest and latest value or booking date of the kept statements' lines.
    private(set) var earliest: LedgerDate?
    private(set) var latest: LedgerDate?
    private(set) var ids = RepeatedIDFilter()
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

    mutating func setAside(_ statement: SetAsideStatement) throws(StatementError) { forget() }

    mutating func skipped(_ entry: SkippedEntry) throws(StatementError) {}

    private mutating func forget() {
        tally = StatementTally()
        dates = nil
    }
}
