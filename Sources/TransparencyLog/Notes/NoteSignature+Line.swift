extension NoteSignature {
    /// Parses one signature line (`— name base64`, without its newline).
    public init(line: String) throws(NoteError) {
        self = try NoteSignature.parse(line: Substring(line))
    }
}
