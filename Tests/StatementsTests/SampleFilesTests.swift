import Foundation
import Statements
import TrustFundRules
import TransparencyLog
import Testing

/// Writes the sample statements as HTML and CSV into `$VTF_STATEMENT_SAMPLES` when it is set,
/// to look at them (`Scripts/statement-screenshot`); does nothing otherwise.
@Suite("Sample statement files")
struct SampleFilesTests {
    @Test func writeSamplesWhenAsked() throws {
        guard let folder = ProcessInfo.processInfo.environment["VTF_STATEMENT_SAMPLES"] else { return }
        let samples = [
            ("donor-statement", SampleStatement.full()),
            ("donor-statement-unaudited", SampleStatement.full(auditedBy: [])),
            ("donor-statement-empty", SampleStatement.empty()),
        ]
        for (name, statement) in samples {
            for language in StatementLanguage.allCases {
                let base = URL(fileURLWithPath: folder).appendingPathComponent("\(name)-\(language.rawValue)")
                try StatementHTML.render(statement, language: language)
                    .write(to: base.appendingPathExtension("html"), atomically: true, encoding: .utf8)
                try StatementCSV.render(statement, language: language)
                    .write(to: base.appendingPathExtension("csv"), atomically: true, encoding: .utf8)
            }
        }
    }
}
