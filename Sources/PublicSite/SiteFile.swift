/// One file of the public site: where it goes inside the site's folder, and its bytes.
public struct SiteFile: Sendable, Equatable {
    /// The path inside the site's folder, with `/` between folders (`index.html`, `fr/index.html`).
    public let path: String
    /// What the file holds.
    public let bytes: [UInt8]

    /// The file at `path` holding `text` as UTF-8.
    public init(path: String, text: String) {
        self.path = path
        self.bytes = Array(text.utf8)
    }
}
