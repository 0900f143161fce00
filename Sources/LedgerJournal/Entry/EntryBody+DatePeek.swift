import CanonicalJSON
public import LedgerCore

extension EntryBody {
    /// The `date` of an entry's canonical bytes, read without reading the rest: the bytes
    /// start `{"data":{…},"date":"YYYY-MM-DD"` in canonical member order. Nil when they do not
    /// (the caller then reads the body whole, and the full reader names the problem).
    ///
    /// For queries that keep only the entries of a window of dates: the entries outside it
    /// are skipped unread, the ones inside are read and checked in full.
    public static func canonicalDate(_ bytes: [UInt8]) -> LedgerDate? {
        bytes.withUnsafeBufferPointer { buffer in
            var reader = CanonicalReader(buffer)
            guard reader.literal(#"{"data":"#), reader.objectRange() != nil, reader.literal(#","date":"#),
                let text = reader.plainString()
            else { return nil }
            return try? LedgerDate(parsing: String(decoding: buffer.extracting(text), as: UTF8.self))
        }
    }
}

extension EntryBody {
    /// The body of an entry a store holds, from its signed bytes: the verifier's one-pass
    /// reader for bytes in canonical form (every stored entry, which `vtf verify` checks), the
    /// general reader otherwise. The same body either way; the first is several times faster,
    /// which is what a report reading thousands of entries needs.
    ///
    /// - Parameters:
    ///   - bytes: the entry's canonical JSON bytes, as the journal stores them.
    ///   - fundCurrency: the fund's currency (nil only for the genesis entry).
    /// - Throws: the general reader's error when the bytes are not an entry.
    public init(storedBytes bytes: [UInt8], fundCurrency: Currency?) throws {
        if let body = Self.readCanonical(bytes, fundCurrency: fundCurrency) {
            self = body
        } else {
            self = try EntryBody(json: try JSONParser.parse(bytes), fundCurrency: fundCurrency)
        }
    }
}
