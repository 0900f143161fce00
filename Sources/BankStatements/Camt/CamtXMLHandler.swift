import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Feeds Foundation's SAX parser's events to a ``CamtDocumentReader`` and its entries and
/// statements to `sink` as they close. External entities stay unresolved, a second root element
/// is refused, and the first problem stops the parse.
final class CamtXMLHandler: NSObject, XMLParserDelegate {
    typealias Sink = (CamtEvent) throws(StatementError) -> Void

    private let fileName: String
    private let sink: Sink
    private var reader = CamtDocumentReader()
    private var failure: StatementError?
    private var text = ""
    private var sawRoot = false
    private var closedRoot = false

    init(fileName: String, sink: @escaping Sink) {
        self.fileName = fileName
        self.sink = sink
    }

    /// Parses the document `stream` gives, piece by piece; returns the first problem: the
    /// parser's own error (with its line) when the XML is broken, or the sink's.
    func run(_ stream: InputStream) -> StatementError? {
        let parser = XMLParser(stream: stream)
        parser.shouldProcessNamespaces = true
        parser.shouldResolveExternalEntities = false
        parser.shouldReportNamespacePrefixes = false
        parser.delegate = self
        let succeeded = parser.parse()
        if let failure { return failure }
        guard succeeded else {
            if closedRoot { return at(parser.lineNumber, "content after the document element (a second root element?); a camt.053 document has one root") }
            let code = parser.parserError.map { ($0 as NSError).code }
            return at(parser.lineNumber, "the XML is not well-formed" + (code.map { " (XML parser error \($0))" } ?? ""))
        }
        guard sawRoot else { return at(parser.lineNumber, "no XML document element") }
        return closedRoot ? nil : at(parser.lineNumber, "the XML ends before its document element is closed")
    }

    private func at(_ line: Int, _ message: String) -> StatementError {
        .at(fileName, line: line, statement: nil, message)
    }

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName qName: String?,
        attributes attributeDict: [String: String] = [:]
    ) {
        guard failure == nil else { return }
        if closedRoot { return stop(parser, at(parser.lineNumber, "a second root element <\(elementName)>; a camt.053 document has one")) }
        if !sawRoot {
            sawRoot = true
            if let problem = CamtNamespace.problem(namespaceURI) { return stop(parser, at(parser.lineNumber, problem)) }
        }
        guard reader.depth < 64 else { return stop(parser, at(parser.lineNumber, "elements nest deeper than 64")) }
        text = ""
        reader.start(elementName, currency: attributeDict["Ccy"], line: parser.lineNumber)
    }

    func parser(
        _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?
    ) {
        guard failure == nil, reader.depth > 0 else { return }
        let event = reader.end(elementName, text: text, line: parser.lineNumber)
        text = ""
        if reader.depth == 0 { closedRoot = true }
        guard let event else { return }
        do throws(StatementError) { try sink(event) } catch { stop(parser, error) }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard text.utf8.count < 1 << 16 else { return }
        text += string
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        guard text.utf8.count < 1 << 16 else { return }
        text += String(decoding: CDATABlock, as: UTF8.self)
    }

    private func stop(_ parser: XMLParser, _ error: StatementError) {
        guard failure == nil else { return }
        failure = error
        parser.abortParsing()
    }
}
