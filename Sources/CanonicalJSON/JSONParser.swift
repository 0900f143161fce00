/// A strict JSON parser: RFC 8259 plus I-JSON (RFC 7493).
///
/// It refuses duplicate member names (compared by code points), lone surrogates (raw or
/// escaped), noncharacters (U+FDD0–U+FDEF and U+xxFFFE/U+xxFFFF, which I-JSON forbids), invalid
/// UTF-8, unescaped control characters, a byte order mark, trailing garbage, `NaN`/`Infinity`,
/// leading zeros, numbers whose magnitude overflows a finite double, nesting deeper than
/// `Limits.maxDepth`, and inputs larger than `Limits.maxInputBytes`.
///
/// Numbers round to the nearest double, as RFC 8785 expects (`333333333.33333329` parses to
/// `333333333.3333333`); a literal too small for a double rounds to zero.
///
/// Every error names the position (byte offset, line, column) and what was wrong.
public enum JSONParser {
    /// Bounds that keep hostile input cheap to refuse.
    public struct Limits: Sendable, Equatable {
        /// Most arrays/objects that may be open at once; a bare scalar has depth 0. The parser
        /// recurses once per level, so keep this in the hundreds at most.
        public var maxDepth: Int
        /// Largest accepted input, in bytes.
        public var maxInputBytes: Int

        /// Limits with the given bounds (defaults: depth 64, 16 MiB).
        public init(maxDepth: Int = 64, maxInputBytes: Int = 16 << 20) {
            precondition(
                maxDepth >= 0 && maxInputBytes >= 0, "JSONParser.Limits must be non-negative")
            self.maxDepth = maxDepth
            self.maxInputBytes = maxInputBytes
        }

        /// Depth 64, 16 MiB.
        public static let `default` = Limits()
    }

    /// Parses one JSON text from UTF-8 bytes.
    public static func parse(
        _ bytes: [UInt8], limits: Limits = .default
    ) throws(JSONParseError) -> JSONValue {
        try bytes.withUnsafeBufferPointer { (buffer) throws(JSONParseError) -> JSONValue in
            try parse(buffer: buffer, limits: limits)
        }
    }

    /// Parses one JSON text from UTF-8 bytes in memory the caller owns.
    public static func parse(
        _ bytes: UnsafeRawBufferPointer, limits: Limits = .default
    ) throws(JSONParseError) -> JSONValue {
        try parse(buffer: bytes.assumingMemoryBound(to: UInt8.self), limits: limits)
    }

    /// Parses one JSON text from a string (its UTF-8 form).
    public static func parse(
        _ text: String, limits: Limits = .default
    ) throws(JSONParseError) -> JSONValue {
        var text = text
        let result = text.withUTF8 { buffer in
            Result { () throws(JSONParseError) -> JSONValue in
                try parse(buffer: buffer, limits: limits)
            }
        }
        return try result.get()
    }

    private static func parse(
        buffer: UnsafeBufferPointer<UInt8>, limits: Limits
    ) throws(JSONParseError) -> JSONValue {
        var scanner = JSONScanner(input: buffer, limits: limits)
        return try scanner.parseDocument()
    }
}
