import LedgerCore
import LedgerJournal
import Statements

/// `checkpoint.html`: the log's latest checkpoint (origin, size, root, the signed note
/// verbatim), the auditors' cosignatures on it and the latest checkpoints an auditor cosigned,
/// the log's public key with the advice to check it against a copy got elsewhere, and where to
/// go to check the books.
struct CheckpointPage {
    let page: SitePage

    var text: SiteText { page.text }
    var checkpoint: SiteCheckpoint { page.figures.checkpoint }

    var html: String {
        page.document(file: "checkpoint.html", title: text.checkpointTitle, main: [latest, cosignatures, key, links].joined())
    }

    var latest: String {
        let facts = [(text.log, checkpoint.origin, "origin"), (text.entries, String(checkpoint.size), "size"), (text.rootHash, checkpoint.rootHex, "root")]
        let list = facts.map { "<dt>\(HTMLMarkup.escape($0.0))</dt><dd><code data-\($0.2)=\"\(HTMLMarkup.escape($0.1))\">\(HTMLMarkup.escape($0.1))</code></dd>" }.joined()
        let note = "<pre class=\"note-text\"><code>\(HTMLMarkup.escape(checkpoint.note))</code></pre>"
        return page.section(text.signedNote, HTMLMarkup.paragraph(text.latestNote(checkpoint.size)) + "<dl class=\"facts\">\(list)</dl>"
            + HTMLMarkup.paragraph(text.signedNoteIntro) + note, id: "checkpoint")
    }

    var cosignatures: String {
        let onLatest = checkpoint.audits.isEmpty
            ? HTMLMarkup.paragraph(text.noCosignature, class: "empty")
            : HTMLTable(columns: [.text(text.auditor), .text(text.witnessName), .fixed(text.keyID), .fixed(text.cosignedOn)],
                        rows: checkpoint.audits.map { [$0.holder, Self.name(ofLine: $0.witness), String($0.keyID.prefix(16)), Self.time($0.timestamp)] },
                        caption: text.cosignaturesCaption).html
        let audited = checkpoint.audited.isEmpty
            ? HTMLMarkup.paragraph(text.noAudited, class: "empty")
            : HTMLTable(columns: [.number(text.entries), .text(text.auditor), .fixed(text.cosignedOn)],
                        rows: checkpoint.audited.map { item in
                            [String(item.size), item.audits.map(\.holder).joined(separator: ", "),
                             item.audits.map { Self.time($0.timestamp) }.joined(separator: ", ")]
                        },
                        caption: text.auditedCaption).html
        return page.section(text.cosignatures, onLatest, id: "cosignatures") + page.section(text.auditedCheckpoints, audited, id: "audited")
    }

    var key: String {
        let content = HTMLMarkup.paragraph(text.publicKeyIntro)
            + "<pre><code data-vkey=\"\(HTMLMarkup.escape(checkpoint.vkey))\">\(HTMLMarkup.escape(checkpoint.vkey))</code></pre>"
            + HTMLMarkup.paragraph(text.checkElsewhere)
        return page.section(text.publicKey, content, id: "key")
    }

    var links: String {
        let specifications = [("https://c2sp.org/tlog-checkpoint", "C2SP tlog-checkpoint"), ("https://c2sp.org/signed-note", "C2SP signed-note")]
            .map { "<a href=\"\($0.0)\">\(HTMLMarkup.escape($0.1))</a>" }.joined(separator: ", ")
        let content = "<ul><li><a href=\"verify.html\">\(HTMLMarkup.escape(text.verifyLink))</a></li>"
            + "<li>\(HTMLMarkup.escape(text.auditGuide))</li>"
            + "<li>\(HTMLMarkup.escape(text.formats)) \(specifications)</li></ul>"
        return page.section(text.checkYourself, content, id: "check")
    }

    /// The signer's name in a note's signature line `— NAME BASE64`.
    static func name(ofLine line: String) -> String {
        let words = line.split(separator: " ")
        return words.count == 3 ? String(words[1]) : line
    }

    /// POSIX seconds as `2026-03-01 14:05:09`, in UTC.
    static func time(_ seconds: UInt64) -> String {
        let days = Int(seconds / 86_400)
        let rest = Int(seconds % 86_400)
        let date = (try? LedgerDate(ordinalDay: days))?.description ?? String(seconds)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
        return "\(date) \(two(rest / 3600)):\(two(rest / 60 % 60)):\(two(rest % 60))"
    }
}
