import Foundation
import Testing

/// The site's pages as a reader other than vtf sees them: Python's lxml parses each page
/// (strictly as XML for the pages vtf writes, so every element is closed) and lists its
/// figures (every element with `data-value`, its `data-*` attributes), its links and sources.
struct SitePages {
    /// One figure of a page: its `data-*` attributes (without the prefix); `value` is the exact decimal.
    typealias Figure = [String: String]

    /// Each page's `lang`, `data-as-of`, figures, href and src values, by file name.
    let pages: [String: [String: Any]]

    static let reader = #"""
        import json, sys
        from lxml import etree, html
        out = {}
        for path in sys.argv[2:]:
            name = path.rsplit("/", 1)[-1]
            data = open(path, "rb").read()
            if sys.argv[1] == "strict" and name != "verify.html":
                etree.fromstring(data)  # raises on any page that is not well-formed XML
            root = html.fromstring(data)
            figures = [{k[5:]: v for k, v in e.attrib.items() if k.startswith("data-")} for e in root.iter() if "data-value" in e.attrib]
            links = [e.get("href") for e in root.iter() if e.get("href") is not None]
            sources = [e.get("src") for e in root.iter() if e.get("src") is not None]
            asof = [e.get("data-as-of") for e in root.iter() if e.get("data-as-of")]
            out[name] = {"lang": root.get("lang"), "as_of": asof[0] if asof else None, "figures": figures, "links": links,
                         "sources": sources, "text": root.text_content()}
        print(json.dumps(out))
        """#

    /// Reads the pages of the site in `folder` (strictly: the pages must be well-formed XML).
    init(_ folder: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let files = ["index.html", "grants.html", "checkpoint.html", "verify.html"].map { folder + "/" + $0 }
        // Debian's python3 (python3-lxml), not a python3 earlier on PATH without lxml.
        let result = try CLI.run("/usr/bin/python3", ["-c", Self.reader, "strict"] + files, in: folder)
        #expect(result.status == 0, "the pages do not parse: \(result.stderr)", sourceLocation: sourceLocation)
        pages = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: [String: Any]])
    }

    func figures(_ page: String) -> [Figure] { pages[page]?["figures"] as? [Figure] ?? [] }

    /// The exact value of the figure of `page` whose attributes besides `value` are `match`
    /// (the same wherever the page shows it).
    func value(_ page: String, _ match: Figure, sourceLocation: SourceLocation = #_sourceLocation) -> String? {
        let found = Set(figures(page).filter { $0.filter { $0.key != "value" } == match }.compactMap { $0["value"] })
        #expect(found.count == 1, "\(page) \(match): \(found.sorted())", sourceLocation: sourceLocation)
        return found.first
    }
}
