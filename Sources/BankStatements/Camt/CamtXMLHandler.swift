import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// The camt.053 versions read: `urn:iso:std:iso:20022:tech:xsd:camt.053.001.02` through `.08`.
enum CamtNamespace {
    static let prefix = "urn:iso:std:iso:20022:tech:xsd:camt.053.001."
    static let versions = ["02", "03", "04", "05", "06", "07", "08"]

    /// nil when `uri` is a supported camt.053 namespace, else why not.
    static func problem(_ uri: String?) -> String? {
        guard let uri, uri.hasPrefix(prefix) else {
            return "not a camt.053 document: the namespace is \(quoted(uri ?? "none")), expected \(prefix)02 … 08"
        }
        let version = String(uri.dropFirst(prefix.count))
        guard versions.contains(version) else {
            return "camt.053 version \(quoted(version)) is not supported (versions 02 through 08 are)"
        }
        return nil
    }
}

/// Feeds Foundation's SAX parser's events to a ``CamtDocumentReader``. External entities stay
/// unresolved, and the first problem stops the parse.
final class CamtXMLHandler: NSObject, XMLParserDelegate {
    private(set) var reader = CamtDocumentReader()
    private(set) var problem: (line: Int, message: String)?
    private var text = ""
    private var sawRoot = false
    private var closedRoot = false

    /// Parses `data`; returns the parser's own error (with its line) when the XML is broken.
    func run(_ data: Data) -> (line: Int, message: String)? {
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = true
        parser.shouldResolveExternalEntities = false
        parser.shouldReportNamespacePrefixes = false
        parser.delegate = self
        let succeeded = parser.parse()
        if let problem { return problem }
        guard succeeded else {
            let reason = parser.parserError.map { "\($0.localizedDescription)" } ?? "malformed XML"
            return (parser.lineNumber, "the XML is not well-formed: \(reason)")
        }
        guard sawRoot else { return (parser.lineNumber, "no XML document element") }
        return closedRoot ? nil : (parser.lineNumber, "the XML ends before its document element is closed")
    }

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName qName: String?,
        attributes attributeDict: [String: String] = [:]
    ) {
        if !sawRoot {
            sawRoot = true
            if let problem = CamtNamespace.problem(namespaceURI) { return stop(parser, problem) }
        }
        guard reader.depth < 64 else { return stop(parser, "elements nest deeper than 64") }
        text = ""
        reader.start(elementName, currency: attributeDict["Ccy"], line: parser.lineNumber)
    }

    func parser(
        _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?
    ) {
        reader.end(elementName, text: text, line: parser.lineNumber)
        text = ""
        if reader.depth == 0 { closedRoot = true }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard text.utf8.count < 1 << 16 else { return }
        text += string
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        text += String(decoding: CDATABlock, as: UTF8.self)
    }

    private func stop(_ parser: XMLParser, _ message: String) {
        guard problem == nil else { return }
        problem = (parser.lineNumber, message)
        parser.abortParsing()
    }
}
