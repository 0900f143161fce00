/// The README.md inside every audit bundle.
enum BundleReadme {
    static func text(origin: String, fundName: String, vkey: String, entryCount: UInt64, checkpointCount: Int) -> String {
        """
        # Audit bundle of \(fundName) (\(origin))

        This folder holds the complete signed journal of the ledger `\(origin)` — \(entryCount) entries —
        with its \(checkpointCount) signed checkpoints and every public key the journal registered. Everything
        in it can be checked offline, trusting nothing but the log's verifier key, which you should
        obtain from the fund through a channel other than this folder (a letter, a signed email, an
        earlier bundle) and compare with `keys/log.vkey`:

            \(vkey)

        ## Files

        | file | content |
        |---|---|
        | `journal.jsonl` | one entry per line, each the RFC 8785 canonical JSON of the signed entry |
        | `checkpoints/<size>.note` | C2SP checkpoint notes: origin, size, Merkle root, signed by the log key; auditors' cosignatures follow |
        | `keys/log.vkey` | the log's verifier key `origin+keyid+base64` |
        | `keys/<key id>.pem` | the public key (SPKI PEM) of every key the journal registered; key id = SHA-256 of the raw key |
        | `MANIFEST` | the SHA-256 of every other file (`sha256sum -c MANIFEST`) |

        ## Checking it

        With vtf (no ledger needed):

            vtf audit verify . --vkey '\(vkey)'

        checks the manifest, every signature, the hash chain, each signer's key and role at the time of
        its entry, the balance rule, that every checkpoint is signed by the log key and signs the
        Merkle root the journal has at its size (so each checkpoint extends the one before), and that
        `keys/` holds exactly the registered keys.

        With nothing but openssl and POSIX tools (vtf's source has `Audit/verify-with-openssl.sh`):

            verify-with-openssl.sh . --vkey '\(vkey)'


        See `Audit/AUDITOR-GUIDE.md` in vtf's source for what each entry means.

        """
    }
}
