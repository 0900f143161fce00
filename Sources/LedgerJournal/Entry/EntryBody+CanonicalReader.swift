import CanonicalJSON
import LedgerCore
import LedgerCrypto

extension EntryBody {
    /// The verifier's fast path: reads a body laid out in canonical member order in one pass,
    /// with the same checks as ``init(json:fundCurrency:)``. Returns nil for anything else
    /// (the general reader then names the problem). The result may be used only when its
    /// ``canonicalBytes()`` equal `bytes`: canonical encoding is one-to-one, so then the body
    /// is exactly what the bytes say.
    static func readCanonical(_ bytes: [UInt8], fundCurrency: Currency?) -> EntryBody? {
        var reader = CanonicalReader(bytes)
        guard reader.literal(#"{"data":"#), let dataBytes = reader.objectBytes(),
            case .object(let data)? = try? JSONParser.parse(Array(dataBytes)),
            reader.literal(#","date":"#), let dateText = reader.string(), let date = try? LedgerDate(parsing: dateText),
            reader.literal(#","kind":"#), let kindText = reader.string(), let kind = EntryKind(rawValue: kindText),
            reader.literal(#","ledger":"#), let ledger = reader.string()
        else { return nil }
        var memo: String?
        if reader.literal(#","memo":"#) {
            guard let text = reader.string(), (try? JSONFields.checkText(text, name: "memo", max: Limits.memoLengthMax, context: "")) != nil else { return nil }
            memo = text
        }
        var postingTexts: [(account: String, amount: String, currency: String, value: String)] = []
        if reader.literal(#","postings":["#) {
            repeat {
                guard reader.literal(#"{"account":"#), let account = reader.string(),
                    reader.literal(#","amount":"#), let amount = reader.string(),
                    reader.literal(#","currency":"#), let currency = reader.string(),
                    reader.literal(#","value":"#), let value = reader.string(), reader.literal("}")
                else { return nil }
                postingTexts.append((account, amount, currency, value))
            } while reader.literal(",")
            guard reader.literal("]"), !postingTexts.isEmpty, postingTexts.count <= Limits.postingsPerEntryMax else { return nil }
        }
        guard reader.literal(#","prev":"#), let prevText = reader.string(), isLowercaseHex64(prevText),
            let prev = SHA256Digest(hex: prevText)
        else { return nil }
        var ref: String?
        if reader.literal(#","ref":"#) {
            guard let text = reader.string(), (try? JSONFields.checkText(text, name: "ref", max: Limits.refLengthMax, context: "")) != nil else { return nil }
            ref = text
        }
        guard reader.literal(#","seq":"#), let seq = reader.integer(),
            reader.literal(#","signer":"#), let signer = reader.string(), isLowercaseHex64(signer),
            reader.literal(#","time":"#), let time = reader.string(), RecordingTime.isValid(time),
            reader.literal(#","v":1}"#), reader.atEnd
        else { return nil }
        guard let currency = fundCurrency ?? (seq == 0 ? try? Self.fundCurrency(fromGenesisData: data) : nil) else { return nil }
        var postings: [Posting] = []
        postings.reserveCapacity(postingTexts.count)
        for text in postingTexts {
            guard let account = try? AccountCode(text.account), let code = try? Currency(code: text.currency),
                let amount = try? Amount(parsing: text.amount, currency: code, mode: .exact),
                let value = try? Amount(parsing: text.value, currency: currency, mode: .exact)
            else { return nil }
            postings.append(Posting(account: account, amount: amount, value: value))
        }
        return EntryBody(
            ledger: ledger, seq: seq, prev: prev, time: time, date: date, kind: kind, signer: signer,
            ref: ref, memo: memo, postings: postings, data: data)
    }
}

/// A cursor over canonical JSON bytes for ``EntryBody/readCanonical(_:fundCurrency:)``.
struct CanonicalReader {
    let bytes: [UInt8]
    var position = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var atEnd: Bool { position == bytes.count }

    /// Consumes `text` if the bytes continue with it.
    mutating func literal(_ text: StaticString) -> Bool {
        let count = text.utf8CodeUnitCount
        guard position + count <= bytes.count else { return false }
        let matches = UnsafeBufferPointer(start: text.utf8Start, count: count).elementsEqual(bytes[position..<(position + count)])
        if matches { position += count }
        return matches
    }

    /// A JSON string with only the escapes canonical form uses (\" \\ \b \t \n \f \r \u00XX).
    mutating func string() -> String? {
        guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { return nil }
        position += 1
        // Most strings hold no escape: read them straight from the bytes.
        var end = position
        while end < bytes.count, bytes[end] != UInt8(ascii: "\""), bytes[end] != UInt8(ascii: "\\"), bytes[end] >= 0x20 { end += 1 }
        if end < bytes.count, bytes[end] == UInt8(ascii: "\"") {
            defer { position = end + 1 }
            return String(validating: bytes[position..<end], as: UTF8.self)
        }
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

    /// The bytes of the JSON object starting here (strings skipped, so braces inside them do not count).
    mutating func objectBytes() -> ArraySlice<UInt8>? {
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
                if depth == 0 { return bytes[start..<position] }
            default: break
            }
        }
        return nil
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        default: nil
        }
    }
}
