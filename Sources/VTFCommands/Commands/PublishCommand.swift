import ArgumentParser
import Foundation
import LedgerCore
import PublicSite
import SafeIO
import Statements

/// `vtf publish`: the fund's public transparency site as plain files (issue 16 point 1).
struct PublishCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish",
        abstract: "Write the fund's public transparency site: static pages any web server can host.",
        discussion: """
            Writes four pages into the folder: index.html, the fund at a glance (contributions by \
            donor and by year, pledged, agreed and received, in the fund currency; grants awarded and \
            paid by year and by grant cycle; programme support costs; the operating reserve and net \
            assets, with bar charts); grants.html (each grant with its sector, award, payments and \
            status); checkpoint.html (the log's latest checkpoint verbatim, its auditors' \
            cosignatures and the log's public key); and verify.html, on which a donor checks a signed \
            statement in the browser, offline. Plain HTML with inline styles and charts: no script, \
            font or image is fetched, and every page prints.
            The books are read checked: the journal against its signed checkpoint, in the same run; \
            the figures are those of vtf report and vtf statement. --as-of counts entries dated up \
            to that day (default: the latest entry's date); the checkpoint shown is always the latest.
            Grantees are never shown by their id or their name: only by the public name the award \
            gave (--public-name), otherwise as "a partner in COUNTRY" (--country), so that no \
            shelter can be located through the site. Individual donors are not named.
            Files already in the folder are not replaced without --force; the folder may not be a \
            file or the ledger.
            Examples:
              vtf publish --out site
              vtf publish --out site-fr --lang fr --as-of 2025-12-31
            """)

    @OptionGroup var global: LedgerOptions

    @Option(help: ArgumentHelp("The folder to write the site into (made if missing).", valueName: "folder"))
    var out: String

    @Option(help: ArgumentHelp("The last day the site counts, YYYY-MM-DD (default: the latest entry's date).", valueName: "date"))
    var asOf: String?

    @Option(help: ArgumentHelp("The site's language: en or fr.", valueName: "language"))
    var lang: String = "en"

    @Flag(help: "Replace files of an earlier site in the folder.")
    var force = false

    func run() async throws {
        guard let language = StatementLanguage(rawValue: lang) else { throw InputError("--lang \(lang) is not en or fr") }
        let date = try asOf.map { try parseDate($0, option: "--as-of") }
        let outputGuard = global.outputGuard()
        let folder = try SiteFolder(out, guard: outputGuard)
        let store = try await global.openReading()
        let files: [SiteFile]
        do {
            files = try await PublicSite.build(store, asOf: date, language: language)
        } catch let error as SiteError {
            throw InputError(error.message)
        }
        try folder.write(files, force: force)
        Terminal.note("wrote \(files.count) files of the public site to \(out)/ (open \(out)/index.html)")
    }
}

/// The folder a site is written into: never a file, never a ledger; files already there are
/// replaced only with --force, and are all checked before the first is written.
struct SiteFolder {
    let path: String
    let outputGuard: OutputGuard

    init(_ path: String, guard outputGuard: OutputGuard) throws {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue {
            try outputGuard.checkNotLedger(path)
            throw InputError("\(path) is a file; vtf publish writes into a folder: give a folder")
        }
        self.path = path
        self.outputGuard = outputGuard
    }

    func write(_ files: [SiteFile], force: Bool) throws {
        if !force, let existing = files.first(where: { FileManager.default.fileExists(atPath: "\(path)/\($0.path)") }) {
            throw InputError("\(path)/\(existing.path) exists; give --force to replace the site's files")
        }
        // Every target is checked before the first is written: a refusal leaves the folder as it was.
        for file in files { try outputGuard.checkNotLedger("\(path)/\(file.path)") }
        for file in files {
            let target = "\(path)/\(file.path)"
            let parent = (target as NSString).deletingLastPathComponent
            do {
                try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
            } catch {
                throw InputError("cannot make the folder \(parent): \(error.localizedDescription)")
            }
            try OutputFile.write(file.bytes, to: target, guard: outputGuard, force: force)
        }
    }
}
