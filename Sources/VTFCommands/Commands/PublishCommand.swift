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
            The site shows the fund at a glance (contributions by donor and year, grants awarded and \
            paid, PSC, the reserve, net assets), the latest checkpoint with its cosignatures and the \
            log's public key, and a verification page (verify.html) on which a donor checks a signed \
            statement in the browser, offline. The books are read checked: the journal against its \
            signed checkpoint, in the same run. Grantees are shown by their public name when the \
            award gave one (--public-name), otherwise as "a partner in COUNTRY".
            Files already in the folder are not replaced without --force.
            Example:  vtf publish --out site --lang fr
            """)

    @OptionGroup var global: LedgerOptions

    @Option(help: ArgumentHelp("The folder to write the site into (made if missing).", valueName: "folder"))
    var out: String

    @Option(help: "The last day the site counts (default: the latest entry).")
    var asOf: String?

    @Option(help: "en or fr.")
    var lang: String = "en"

    @Flag(help: "Replace files of an earlier site in the folder.")
    var force = false

    func run() async throws {
        guard let language = StatementLanguage(rawValue: lang) else { throw InputError("--lang \(lang) is not en or fr") }
        let date = try asOf.map { try parseDate($0, option: "--as-of") }
        let outputGuard = global.outputGuard()
        let folder = try SiteFolder(out, guard: outputGuard)
        let store = try await global.openReading()
        let files = try await PublicSite.build(store, asOf: date, language: language)
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
