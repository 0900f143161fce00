import ArgumentParser
import Foundation
import IATIExport
import SafeIO

/// `vtf export iati`: the fund as IATI 2.03 XML (issue 16 point 2).
extension ExportCommand {
    struct Iati: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "iati",
            abstract: "Publish the fund as IATI 2.03 XML: organisation.xml and activities.xml.",
            discussion: """
                Read after the journal is checked against its signed checkpoints. activities.xml holds \
                the fund's activity (contribution agreements signed, type 11; contributions received, \
                gross, type 1, a refund to a donor negative; the fund's own spending, type 4: PSC, fund \
                management, bank charges, cash-pool costs) and one activity per grant (its award, type \
                2; its tranches, type 3, money the partner returned negative), with the grant's country \
                and sector on every transaction. Values in the fund currency, exact. An entry that a \
                reversal undid counts nowhere. A grantee is named only by its public name \
                (vtf grant award --public-name), else as "a partner in COUNTRY"; individual donors are \
                never named. Files that exist are replaced only with --force.
                Example:  vtf export iati --ledger unvtf.ledger --out iati
                """)

        @OptionGroup var global: LedgerOptions

        @Option(help: ArgumentHelp("The folder to write organisation.xml and activities.xml into (made if missing).", valueName: "dir"))
        var out: String

        @Option(help: "The reporting organisation's IATI identifier (default: UNODC's, XM-DAC-41128).")
        var reportingOrgRef: String = IATIPublisher.unodcReference

        @Option(help: "The reporting organisation's name.")
        var reportingOrgName: String = IATIPublisher.unodcName

        @Option(help: "The fund's IATI activity identifier (default: REPORTING-ORG-REF-UNVTF); each grant's is it, -, the grant's id.")
        var activityId: String?

        @Flag(help: "Replace organisation.xml and activities.xml if they exist.")
        var force = false

        func run() async throws {
            let publisher: IATIPublisher
            do {
                publisher = try IATIPublisher(reportingOrgRef: reportingOrgRef, reportingOrgName: reportingOrgName, activityID: activityId)
            } catch { throw InputError(error.description) }
            let outputGuard = global.outputGuard()
            try Self.checkFolder(out, guard: outputGuard)
            let store = try await global.openReading()
            let books = try await store.read { try IATIBooks.read($0, publisher: publisher) }
            let files = books.render()
            try Self.makeFolder(out)
            let folder = out.hasSuffix("/") ? out : out + "/"
            // Both files are checked (and their temporary files made) before either is placed.
            let organisation = try OutputFile(path: folder + "organisation.xml", guard: outputGuard, force: force)
            let activities = try OutputFile(path: folder + "activities.xml", guard: outputGuard, force: force)
            try organisation.write(files.organisation)
            try activities.write(files.activities)
            try organisation.commit()
            try activities.commit()
            let count = books.fundTransactions.count + books.grants.reduce(0) { $0 + $1.transactions.count }
            Terminal.note("wrote \(folder)organisation.xml and \(folder)activities.xml: \(1 + books.grants.count) activities, \(count) transactions, in \(books.currency.code)")
        }

        /// Refuses a `dir` that exists and is not a folder (never a ledger).
        static func checkFolder(_ dir: String, guard outputGuard: OutputGuard) throws {
            try outputGuard.checkName(dir)
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: dir, isDirectory: &isFolder) else { return }
            guard isFolder.boolValue else {
                try outputGuard.check(dir, force: true)
                throw InputError("--out \(dir) is a file; vtf export iati writes organisation.xml and activities.xml into a folder")
            }
        }

        /// Makes `dir` (its parent must exist) unless it is there.
        static func makeFolder(_ dir: String) throws {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: dir, isDirectory: &isFolder), isFolder.boolValue { return }
            do { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: false) } catch {
                throw InputError("--out \(dir) cannot be made: \(error.localizedDescription); check that its parent folder exists")
            }
        }
    }
}
