import LedgerCore
import LedgerCrypto
import LedgerJournal

/// The derived rows of one verified batch, hashed by the server and by the verifier in the same
/// text form, so that a batch whose postings, entry_index rows and Merkle nodes all agree costs
/// one query of one row instead of thousands of rows decoded on the client (most of `vtf verify`'s
/// time beyond the signatures on PostgreSQL). When a digest differs, the batch's rows of that
/// table are read and compared one by one, which names the difference as before.
///
/// Each row is one line (lines joined by "\n"); integers are decimal, texts are prefixed with
/// their length in bytes and ":", hashes are lowercase hex, so no two lists of rows give the same
/// text (a tampered text holding a separator changes a length).
struct DerivedDigests: Equatable {
    /// The journal's own columns beside the signed bytes: seq, kind, ref (or "-") and leaf_hash.
    var journal: (count: UInt64, digest: [UInt8])
    var postings: (count: UInt64, digest: [UInt8])
    var index: (count: UInt64, digest: [UInt8])
    var nodes: (count: UInt64, digest: [UInt8])

    static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.journal == rhs.journal && lhs.postings == rhs.postings && lhs.index == rhs.index && lhs.nodes == rhs.nodes
    }

    /// One query for the four digests of the entries `start..<end` and of the Merkle nodes in
    /// `ranges` (per level, the first and last index): $1 start, $2 end, $3 levels, $4 firsts,
    /// $5 lasts.
    static let query = """
        SELECT p.n, p.digest, i.n, i.digest, m.n, m.digest, j.n, j.digest FROM
          (SELECT count(*) AS n, sha256(convert_to(COALESCE(string_agg(
              seq || ' ' || octet_length(kind) || ':' || kind || ' ' || COALESCE(octet_length(ref) || ':' || ref, '-')
              || ' ' || encode(leaf_hash, 'hex'), E'\\n' ORDER BY seq), ''), 'UTF8')) AS digest
           FROM journal WHERE seq >= $1 AND seq < $2) j,
          (SELECT count(*) AS n, sha256(convert_to(COALESCE(string_agg(
              seq || ' ' || line || ' ' || octet_length(date) || ':' || date || ' ' || octet_length(account) || ':' || account
              || ' ' || octet_length(currency) || ':' || currency || ' ' || amount || ' ' || value, E'\\n' ORDER BY seq, line), ''), 'UTF8')) AS digest
           FROM postings WHERE seq >= $1 AND seq < $2) p,
          (SELECT count(*) AS n, sha256(convert_to(COALESCE(string_agg(
              seq || ' ' || octet_length(date) || ':' || date || ' ' || octet_length(kind) || ':' || kind
              || ' ' || octet_length(accounts) || ':' || accounts, E'\\n' ORDER BY seq), ''), 'UTF8')) AS digest
           FROM entry_index WHERE seq >= $1 AND seq < $2) i,
          (SELECT count(*) AS n, sha256(convert_to(COALESCE(string_agg(
              m.level || ' ' || m.idx || ' ' || encode(m.hash, 'hex'), E'\\n' ORDER BY m.level, m.idx), ''), 'UTF8')) AS digest
           FROM unnest($3::bigint[], $4::bigint[], $5::bigint[]) AS r(level, first, last)
           -- A range scan of the primary key per level (OFFSET 0 keeps the planner from a hash
           -- join over the whole table, which it chose for the flat join).
           CROSS JOIN LATERAL (SELECT level, idx, hash FROM merkle_nodes
                               WHERE level = r.level AND idx >= r.first AND idx <= r.last OFFSET 0) m) m
        """

    /// The count and digest of `rows`, each row's fields written by `write`, in order.
    static func digest<Row>(of rows: [Row], _ write: (inout Builder, Row) -> Void) -> (count: UInt64, digest: [UInt8]) {
        var text = Builder()
        for row in rows {
            text.row()
            write(&text, row)
            if text.count % 256 == 0 { text.flush() }
        }
        return text.finish()
    }

    /// Builds the text of one table's rows and hashes it as it goes.
    struct Builder {
        private let hasher = SHA256Hasher()
        private var line: [UInt8] = []
        private(set) var count: UInt64 = 0

        /// Starts a row.
        mutating func row() {
            if count > 0 { line.append(UInt8(ascii: "\n")) }
            count += 1
        }

        /// An integer field (a space before every field but the first of its row).
        mutating func integer(_ value: Int64, first: Bool = false) {
            if !first { line.append(UInt8(ascii: " ")) }
            decimal(value)
        }

        /// An optional text field: the text, or "-" for none.
        mutating func optionalText(_ value: String?) {
            if let value { text(value) } else { line.append(contentsOf: Array(" -".utf8)) }
        }

        /// A text field, its byte length first.
        mutating func text(_ value: String) {
            line.append(UInt8(ascii: " "))
            decimal(Int64(value.utf8.count))
            line.append(UInt8(ascii: ":"))
            line.append(contentsOf: value.utf8)
        }

        /// A hash field, in lowercase hex.
        mutating func hex(_ digest: SHA256Digest) {
            line.append(UInt8(ascii: " "))
            Hex.append(digest.bytes, to: &line)
        }

        /// `value` in decimal, as PostgreSQL writes an integer as text, without a String.
        private mutating func decimal(_ value: Int64) {
            if value < 0 { line.append(UInt8(ascii: "-")) }
            var magnitude = value.magnitude
            let start = line.count
            repeat {
                line.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
                magnitude /= 10
            } while magnitude > 0
            line[start...].reverse()
        }

        /// Hands what was written to the hasher (call every few rows and at the end).
        mutating func flush() {
            hasher.update(line)
            line.removeAll(keepingCapacity: true)
        }

        /// The count and the SHA-256 of the whole text.
        mutating func finish() -> (count: UInt64, digest: [UInt8]) {
            flush()
            return (count, hasher.finalize().bytes)
        }
    }
}
