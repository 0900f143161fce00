import LedgerCrypto

/// One signature line of a signed note: `— <name> base64(key ID || signature)`.
public struct NoteSignature: Sendable, Equatable {
    /// The key name.
    public let name: String
    /// The 4-byte key ID.
    public let keyID: UInt32
    /// The signature bytes after the key ID (64 for Ed25519, 72 for a cosignature).
    public let signature: [UInt8]

    /// A signature line; `name` must be a valid key name.
    public init(name: String, keyID: UInt32, signature: [UInt8]) throws(NoteError) {
        try NoteKeyID.checkName(name)
        guard !signature.isEmpty else { throw .malformedNote("a signature has no bytes") }
        self.name = name
        self.keyID = keyID
        self.signature = signature
    }

    /// The line as it appears in a note, including its final newline.
    public var line: String {
        "\(SignedNote.signaturePrefix)\(name) "
            + Base64.encode(NoteKeyID.bytes(keyID) + signature) + "\n"
    }

    /// Parses one signature line (without its newline).
    static func parse(line: Substring) throws(NoteError) -> NoteSignature {
        guard line.hasPrefix(SignedNote.signaturePrefix) else {
            throw .malformedNote("the line \"\(line.prefix(40))\" after the last blank line is not "
                + "a signature line (\"— name signature\")")
        }
        let rest = line.dropFirst(SignedNote.signaturePrefix.count)
        let name = rest.prefix { $0 != " " }
        let encoded = rest.dropFirst(name.count + 1)
        guard NoteKeyID.isValidName(name) else {
            throw .malformedNote("the signature line for \"\(name)\" has an invalid key name")
        }
        guard let bytes = Base64.decode(String(encoded)), bytes.count >= 5 else {
            throw .malformedNote("the signature by \(name) is not base64 of a key ID and signature")
        }
        let keyID = bytes.prefix(4).reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        return try NoteSignature(
            name: String(name), keyID: keyID, signature: Array(bytes.dropFirst(4)))
    }
}

/// A signed note (c2sp.org/signed-note): text, a blank line, and one or more signature lines.
public struct SignedNote: Sendable, Equatable {
    /// The most signatures a note may carry (golang.org/x/mod uses the same limit; the spec asks
    /// for at least 16).
    public static let signatureCountMax = 100
    /// The longest note accepted, in bytes.
    public static let byteCountMax = 1 << 20
    /// EM DASH (U+2014) and a space, which start every signature line.
    static let signaturePrefix = "\u{2014} "

    /// The note text, including its final "\n" (the signed message).
    public let text: String
    /// The signature lines in order, known and unknown keys alike.
    public let signatures: [NoteSignature]

    /// A note from its parts; the text must be a valid note text and there must be 1 to 100
    /// signatures.
    public init(text: String, signatures: [NoteSignature]) throws(NoteError) {
        try Self.checkText(text)
        guard !signatures.isEmpty else { throw .malformedNote("the note has no signature lines") }
        guard signatures.count <= Self.signatureCountMax else {
            throw .tooManySignatures(count: signatures.count, limit: Self.signatureCountMax)
        }
        self.text = text
        self.signatures = signatures
    }

    /// Parses a note per the C2SP rules: valid UTF-8, no control characters but "\n", the
    /// signatures after the last blank line, each line "— name base64", at most 100 signatures.
    /// Nothing is verified; call `verify(with:)`.
    public static func parse(_ note: String) throws(NoteError) -> SignedNote {
        guard note.utf8.count <= byteCountMax else {
            throw .malformedNote("the note is longer than \(byteCountMax) bytes")
        }
        try checkCharacters(note)
        let bytes = Array(note.utf8)
        guard let split = lastBlankLine(bytes) else {
            throw .malformedNote("there is no blank line before the signatures")
        }
        let text = String(decoding: bytes[...split], as: UTF8.self)
        let block = bytes[(split + 2)...]  // after the blank line
        guard let last = block.last else {
            throw .malformedNote("the note has no signature lines")
        }
        guard last == 0x0a else {
            throw .malformedNote("the last signature line does not end with a newline")
        }
        let lines = block.dropLast().split(separator: 0x0a, omittingEmptySubsequences: false)
        guard lines.count <= signatureCountMax else {
            throw .tooManySignatures(count: lines.count, limit: signatureCountMax)
        }
        var signatures: [NoteSignature] = []
        for line in lines {
            let lineText = Substring(String(decoding: line, as: UTF8.self))
            signatures.append(try NoteSignature.parse(line: lineText))
        }
        return try SignedNote(text: text, signatures: signatures)
    }

    /// Parses a note from bytes, refusing invalid UTF-8 (e.g. a 0xff byte).
    public static func parse(bytes: [UInt8]) throws(NoteError) -> SignedNote {
        let note = String(decoding: bytes, as: UTF8.self)
        guard note.utf8.elementsEqual(bytes) else {
            throw .malformedNote("the note is not valid UTF-8")
        }
        return try parse(note)
    }

    /// Signs `text` (ending in "\n") with each signer, in order.
    public static func sign(text: String, with signers: [NoteSigner]) throws(NoteError)
        -> SignedNote
    {
        try checkText(text)
        try checkDistinct(signers.map { ($0.name, $0.keyID) })
        var signatures: [NoteSignature] = []
        for signer in signers { signatures.append(try signer.sign(text)) }
        return try SignedNote(text: text, signatures: signatures)
    }

    /// This note with `signature` appended (e.g. a witness cosignature).
    public func adding(_ signature: NoteSignature) throws(NoteError) -> SignedNote {
        try SignedNote(text: text, signatures: signatures + [signature])
    }

    /// Verifies per the C2SP rules: ignore unknown (name, id) pairs; a known pair that fails ->
    /// reject; no known valid -> reject. Returns the verified signatures.
    public func verify(with verifiers: [NoteVerifier]) throws(NoteError) -> [NoteSignature] {
        try Self.checkDistinct(verifiers.map { ($0.name, $0.keyID) }, ambiguous: true)
        var verified: [NoteSignature] = []
        for signature in signatures {
            guard let verifier = verifiers.first(where: {
                $0.name == signature.name && $0.keyID == signature.keyID
            }) else { continue }  // unknown key: ignored
            guard !verified.contains(where: {
                $0.name == signature.name && $0.keyID == signature.keyID
            }) else { throw .duplicateSignature(name: signature.name, keyID: signature.keyID) }
            guard verifier.verifies(signature, text: text) else {
                throw .invalidSignature(name: signature.name, keyID: signature.keyID)
            }
            verified.append(signature)
        }
        guard !verified.isEmpty else { throw .noKnownSignature }
        return verified
    }

    /// The note as text: the text, a blank line, the signature lines.
    public var serialized: String {
        text + "\n" + signatures.map(\.line).joined()
    }

    /// A note text is non-empty, ends with "\n", and has no control characters but "\n".
    static func checkText(_ text: String) throws(NoteError) {
        guard text.hasSuffix("\n") else {
            throw .malformedNote("the note text does not end with a newline")
        }
        guard text.utf8.count <= byteCountMax else {
            throw .malformedNote("the note text is longer than \(byteCountMax) bytes")
        }
        try checkCharacters(text)
    }

    private static func checkCharacters(_ text: String) throws(NoteError) {
        // UTF-8 multi-byte sequences never contain bytes below 0x80, so a byte scan is exact.
        if let offset = text.utf8.firstIndex(where: { $0 < 0x20 && $0 != 0x0a }) {
            let position = text.utf8.distance(from: text.utf8.startIndex, to: offset)
            throw .malformedNote("it contains a control character at byte \(position)")
        }
    }

    /// The offset of the "\n" that ends the text: the first byte of the last "\n\n".
    private static func lastBlankLine(_ bytes: [UInt8]) -> Int? {
        guard bytes.count >= 2 else { return nil }
        for index in stride(from: bytes.count - 2, through: 0, by: -1)
        where bytes[index] == 0x0a && bytes[index + 1] == 0x0a {
            return index
        }
        return nil
    }

    private static func checkDistinct(_ keys: [(String, UInt32)], ambiguous: Bool = false)
        throws(NoteError)
    {
        var seen: Set<String> = []
        for (name, keyID) in keys where !seen.insert(NoteKeyID.label(name, keyID)).inserted {
            throw ambiguous ? .ambiguousKey(name: name, keyID: keyID)
                : .duplicateSignature(name: name, keyID: keyID)
        }
    }
}
