#if canImport(Glibc)
import Glibc
#endif
import CanonicalJSON
import LedgerCore
import LedgerCrypto

extension EntryBody {
    /// The verifier's fast path: reads a body only when `bytes` are exactly its canonical
    /// encoding, laid out in canonical member order, in one pass, with the same checks as
    /// ``init(json:fundCurrency:)``. Returns nil for anything else (the general reader then names
    /// the problem, or the verifier's comparison with ``encoded()`` finds the form wrong).
    ///
    /// Canonical encoding is one-to-one, and every member is read in a form that has only one
    /// spelling: literal member names in order, integers without leading zeros, lowercase hex,
    /// amounts in their currency's exact form (``Amount/init(exactUTF8:currency:)``), dates as
    /// `YYYY-MM-DD`, strings with only the escapes canonical form writes (checked by writing back
    /// any string that holds an escape or a non-ASCII byte), and `data` written back and
    /// compared. So a body this returns encodes to `bytes`, and the caller need not write it
    /// back to compare (``CanonicalReaderTests`` checks this on mutated entries).
    static func readCanonical(_ bytes: [UInt8], fundCurrency: Currency?) -> EntryBody? {
        bytes.withUnsafeBufferPointer { buffer in
            var reader = CanonicalReader(buffer)
            return readCanonical(&reader, fundCurrency: fundCurrency)
        }
    }

    private static func readCanonical(_ reader: inout CanonicalReader, fundCurrency: Currency?) -> EntryBody? {
        guard reader.literal(#"{"data":"#), let data = reader.canonicalObject(),
            reader.literal(#","date":"#), let dateText = reader.string(), let date = try? LedgerDate(parsing: dateText),
            reader.literal(#","kind":"#), let kindText = reader.string(), let kind = EntryKind(rawValue: kindText),
            reader.literal(#","ledger":"#), let ledger = reader.string()
        else { return nil }
        var memo: String?
        if reader.literal(#","memo":"#) {
            guard let text = reader.string(), (try? JSONFields.checkText(text, name: "memo", max: Limits.memoLengthMax, context: "")) != nil else { return nil }
            memo = text
        }
        var postingTexts: [(account: String, amount: Range<Int>, currency: String, value: Range<Int>)] = []
        if reader.literal(#","postings":["#) {
            repeat {
                guard reader.literal(#"{"account":"#), let account = reader.string(),
                    reader.literal(#","amount":"#), let amount = reader.plainString(),
                    reader.literal(#","currency":"#), let currency = reader.string(),
                    reader.literal(#","value":"#), let value = reader.plainString(), reader.literal("}")
                else { return nil }
                postingTexts.append((account, amount, currency, value))
            } while reader.literal(",")
            guard reader.literal("]"), !postingTexts.isEmpty, postingTexts.count <= Limits.postingsPerEntryMax else { return nil }
        }
        guard reader.literal(#","prev":"#), let prevText = reader.plainString(), let prev = reader.digest(hex: prevText) else { return nil }
        var ref: String?
        if reader.literal(#","ref":"#) {
            guard let text = reader.string(), (try? JSONFields.checkText(text, name: "ref", max: Limits.refLengthMax, context: "")) != nil else { return nil }
            ref = text
        }
        guard reader.literal(#","seq":"#), let seq = reader.integer(),
            reader.literal(#","signer":"#), let signerText = reader.plainString(), reader.digest(hex: signerText) != nil,
            reader.literal(#","time":"#), let time = reader.string(), RecordingTime.isValid(time),
            reader.literal(#","v":1}"#), reader.atEnd
        else { return nil }
        let signer = String(decoding: reader.bytes.extracting(signerText), as: UTF8.self)
        guard let currency = fundCurrency ?? (seq == 0 ? try? Self.fundCurrency(fromGenesisData: data) : nil) else { return nil }
        var postings: [Posting] = []
        postings.reserveCapacity(postingTexts.count)
        for text in postingTexts {
            guard let account = try? AccountCode(text.account), let code = try? Currency(code: text.currency),
                let amount = Amount(exactUTF8: reader.bytes.extracting(text.amount), currency: code),
                let value = Amount(exactUTF8: reader.bytes.extracting(text.value), currency: currency)
            else { return nil }
            postings.append(Posting(account: account, amount: amount, value: value))
        }
        return EntryBody(
            ledger: ledger, seq: seq, prev: prev, time: time, date: date, kind: kind, signer: signer,
            ref: ref, memo: memo, postings: postings, data: data)
    }
}

/// A cursor over canonical JSON bytes for ``EntryBody/readCanonical(_:fundCurrency:)``. It
/// lives only inside that function's access to the bytes.
struct CanonicalReader {
    let bytes: UnsafeBufferPointer<UInt8>
    var position = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    var atEnd: Bool { position == bytes.count }

    /// Consumes `text` if the bytes continue with it.
    mutating func literal(_ text: StaticString) -> Bool {
        let count = text.utf8CodeUnitCount
        guard count <= bytes.count - position, let base = bytes.baseAddress else { return false }
        guard memcmp(base + position, text.utf8Start, count) == 0 else { return false }
        position += count
        return true
    }

    /// The range of a JSON string's content made of printable ASCII only (no escape), which is
    /// its own canonical form: amounts, codes, dates, hashes.
    mutating func plainString() -> Range<Int>? {
        guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { return nil }
        let start = position + 1
        var end = start
        while end < bytes.count, Self.isPlain(bytes[end]) { end += 1 }
        guard end < bytes.count, bytes[end] == UInt8(ascii: "\"") else { return nil }
        position = end + 1
        return start..<end
    }

    /// A JSON string in canonical form, or nil (also for a valid string written otherwise, e.g.
    /// with `\u0009` for a tab or `\/` for a slash).
    mutating func string() -> String? {
        let opening = position
        if let plain = plainString() {
            return String(decoding: bytes.extracting(plain), as: UTF8.self)
        }
        position = opening
        guard let text = decodedString() else { return nil }
        // An escape or a non-ASCII byte: canonical only if writing the string gives these bytes.
        var written: [UInt8] = []
        guard (try? JSONCanonicalizer.write(.string(text), into: &written)) != nil, consumed(from: opening, equal: written) else { return nil }
        return text
    }

    /// Whether the bytes read since `start` are `written`.
    func consumed(from start: Int, equal written: [UInt8]) -> Bool {
        guard written.count == position - start else { return false }
        return written.withUnsafeBufferPointer { mine in
            guard let base = bytes.baseAddress, let own = mine.baseAddress else { return mine.isEmpty }
            return memcmp(own, base + start, mine.count) == 0
        }
    }

    /// Printable ASCII other than the quote and the backslash: bytes canonical form copies.
    static func isPlain(_ byte: UInt8) -> Bool {
        byte >= 0x20 && byte < 0x80 && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\")
    }

    /// A JSON string with only the escapes canonical form uses (\" \\ \b \t \n \f \r \u00XX),
    /// decoded and UTF-8-validated.
    private mutating func decodedString() -> String? {
        guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { return nil }
        position += 1
        var decoded: [UInt8] = []
        while position < bytes.count {
            let byte = bytes[position]
            position += 1
            switch byte {
            case UInt8(ascii: "\""):
                return String(validating: decoded, as: UTF8.self)
            case UInt8(ascii: "\\"):
                guard position < bytes.count else { return nil }
                let escape = bytes[position]
                position += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): decoded.append(escape)
                case UInt8(ascii: "b"): decoded.append(0x08)
                case UInt8(ascii: "t"): decoded.append(0x09)
                case UInt8(ascii: "n"): decoded.append(0x0A)
                case UInt8(ascii: "f"): decoded.append(0x0C)
                case UInt8(ascii: "r"): decoded.append(0x0D)
                case UInt8(ascii: "u"):
                    guard position + 4 <= bytes.count, bytes[position] == UInt8(ascii: "0"), bytes[position + 1] == UInt8(ascii: "0"),
                        let high = Self.hexValue(bytes[position + 2]), let low = Self.hexValue(bytes[position + 3]), high < 2
                    else { return nil }
                    decoded.append(high << 4 | low)
                    position += 4
                default: return nil
                }
            default:
                guard byte >= 0x20 else { return nil }
                decoded.append(byte)
            }
        }
        return nil
    }

    /// The JSON object starting here, when these bytes are its canonical form.
    mutating func canonicalObject() -> JSONObject? {
        let start = position
        guard let range = objectRange(), case .object(let object)? = try? JSONParser.parse(Array(bytes.extracting(range))) else { return nil }
        var written: [UInt8] = []
        written.reserveCapacity(range.count)
        guard (try? JSONCanonicalizer.write(.object(object), into: &written)) != nil, consumed(from: start, equal: written) else { return nil }
        return object
    }

    /// A non-negative integer without leading zeros, at most 2^53 - 1.
    mutating func integer() -> UInt64? {
        let start = position
        var value: UInt64 = 0
        while position < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position]) {
            value = value * 10 + UInt64(bytes[position] - UInt8(ascii: "0"))
            position += 1
            guard value <= (1 << 53) - 1 else { return nil }
        }
        let digits = position - start
        guard digits > 0, digits == 1 || bytes[start] != UInt8(ascii: "0") else { return nil }
        return value
    }

    /// The range of the JSON object starting here (strings skipped, so braces inside them do
    /// not count).
    mutating func objectRange() -> Range<Int>? {
        guard position < bytes.count, bytes[position] == UInt8(ascii: "{") else { return nil }
        let start = position
        var depth = 0
        var inString = false
        while position < bytes.count {
            let byte = bytes[position]
            position += 1
            if inString {
                if byte == UInt8(ascii: "\\") { position += 1 } else if byte == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                if depth == 0 { return start..<position }
            default: break
            }
        }
        return nil
    }

    /// The SHA-256 digest spelled by 64 lowercase hex digits in `range`, or nil.
    func digest(hex range: Range<Int>) -> SHA256Digest? {
        guard range.count == 2 * SHA256Digest.byteCount else { return nil }
        var digest = [UInt8](repeating: 0, count: SHA256Digest.byteCount)
        for index in digest.indices {
            guard let high = Self.hexValue(bytes[range.lowerBound + 2 * index]),
                let low = Self.hexValue(bytes[range.lowerBound + 2 * index + 1])
            else { return nil }
            digest[index] = high << 4 | low
        }
        return SHA256Digest(bytes: digest)
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        default: nil
        }
    }
}
