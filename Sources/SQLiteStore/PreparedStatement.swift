#if canImport(Glibc)
import Glibc
#endif
import GRDB
#if canImport(GRDBSQLite)
import GRDBSQLite
#else
import SQLite3
#endif

/// A statement prepared once per connection (GRDB caches it) and run with SQLite's own binding
/// and stepping calls: the bulk path writes a journal row, a few postings rows and a Merkle node
/// per entry and looks up its ref; boxing every value into GRDB's arguments and rows cost about
/// 40 % of those inserts (callgrind, 2,000-entry import).
struct PreparedStatement {
    private static let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)

    private let handle: SQLiteStatement
    private let connection: SQLiteConnection?
    private let sql: String

    init(_ db: Database, sql: String) throws {
        handle = try db.cachedStatement(sql: sql).sqliteStatement
        connection = db.sqliteConnection
        self.sql = sql
    }

    /// Binds `value` to parameter `index` (1-based).
    func bind(_ index: Int32, _ value: Int64) {
        sqlite3_bind_int64(handle, index, value)
    }

    /// Binds `text` (UTF-8) to parameter `index`.
    func bind(_ index: Int32, _ text: String) {
        var text = text
        text.withUTF8 { utf8 in
            if let base = utf8.baseAddress, utf8.count > 0 {
                let chars = UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self)
                _ = sqlite3_bind_text(handle, index, chars, Int32(utf8.count), Self.transient)
            } else {
                // A nil pointer would bind NULL: an empty string binds "".
                _ = sqlite3_bind_text(handle, index, "", 0, Self.transient)
            }
        }
    }

    /// Binds `text`, or NULL.
    func bind(_ index: Int32, _ text: String?) {
        if let text { bind(index, text) } else { sqlite3_bind_null(handle, index) }
    }

    /// Binds `bytes` as a blob.
    func bind(_ index: Int32, blob bytes: [UInt8]) {
        bytes.withUnsafeBytes { raw in
            // A nil pointer would bind NULL: an empty blob binds a zero-length blob.
            if let base = raw.baseAddress, raw.count > 0 {
                _ = sqlite3_bind_blob(handle, index, base, Int32(raw.count), Self.transient)
            } else {
                _ = sqlite3_bind_zeroblob(handle, index, 0)
            }
        }
    }

    /// Runs the statement (an insert) with the values bound, then makes it ready for the next row.
    func run() throws {
        let code = sqlite3_step(handle)
        guard code == SQLITE_DONE else { throw failure(code) }
        sqlite3_reset(handle)
    }

    /// Runs a query with the values bound and returns the first column of its first row as an
    /// integer (e.g. `SELECT EXISTS (…)`), or nil when it gives no row.
    func firstInteger() throws -> Int64? {
        let code = sqlite3_step(handle)
        switch code {
        case SQLITE_ROW:
            let value = sqlite3_column_int64(handle, 0)
            sqlite3_reset(handle)
            return value
        case SQLITE_DONE:
            sqlite3_reset(handle)
            return nil
        default:
            throw failure(code)
        }
    }

    /// Steps a query: true when a row is ready to read with the column accessors, false (and
    /// the statement reset) when there is none left. Call ``reset()`` when stopping early.
    func nextRow() throws -> Bool {
        let code = sqlite3_step(handle)
        switch code {
        case SQLITE_ROW: return true
        case SQLITE_DONE:
            sqlite3_reset(handle)
            return false
        default:
            throw failure(code)
        }
    }

    /// Makes the statement ready to run again (ends a query read only in part).
    func reset() {
        sqlite3_reset(handle)
    }

    /// Column `column` (0-based) of the current row as an integer.
    func int64(_ column: Int32) -> Int64 {
        sqlite3_column_int64(handle, column)
    }

    /// Whether column `column` of the current row is NULL.
    func isNull(_ column: Int32) -> Bool {
        sqlite3_column_type(handle, column) == SQLITE_NULL
    }

    /// Calls `body` with the bytes of column `column` of the current row (a blob, or a text's
    /// UTF-8), in SQLite's own buffer: valid only inside `body`.
    func withBytes<Result>(_ column: Int32, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        // sqlite3_column_blob first, then _bytes: the order SQLite documents for a stable length.
        let base = sqlite3_column_blob(handle, column)
        let count = Int(sqlite3_column_bytes(handle, column))
        return body(UnsafeBufferPointer(start: base?.assumingMemoryBound(to: UInt8.self), count: base == nil ? 0 : count))
    }

    /// Column `column` of the current row as bytes (a blob, or a text's UTF-8); empty for NULL.
    func bytes(_ column: Int32) -> [UInt8] {
        withBytes(column) { Array($0) }
    }

    /// Column `column` of the current row as text, or nil for NULL.
    func text(_ column: Int32) -> String? {
        isNull(column) ? nil : withBytes(column) { String(decoding: $0, as: UTF8.self) }
    }

    /// Whether column `column` of the current row holds exactly `expected` (blob or UTF-8 text).
    func column(_ column: Int32, equals expected: UnsafeBufferPointer<UInt8>) -> Bool {
        withBytes(column) { stored in
            guard stored.count == expected.count else { return false }
            guard let mine = expected.baseAddress, let theirs = stored.baseAddress else { return expected.isEmpty }
            return memcmp(mine, theirs, expected.count) == 0
        }
    }

    /// Whether column `column` of the current row holds exactly `expected`.
    func column(_ column: Int32, equals expected: [UInt8]) -> Bool {
        expected.withUnsafeBufferPointer { self.column(column, equals: $0) }
    }

    /// Whether column `column` of the current row holds exactly the UTF-8 of `expected`.
    func column(_ column: Int32, equals expected: String) -> Bool {
        var text = expected
        return text.withUTF8 { self.column(column, equals: $0) }
    }

    /// The error of a failed step (read before the reset), the statement reset.
    private func failure(_ code: Int32) -> DatabaseError {
        let extended = connection.map { sqlite3_extended_errcode($0) } ?? code
        let message = connection.map { String(cString: sqlite3_errmsg($0)) }
        sqlite3_reset(handle)
        return DatabaseError(resultCode: ResultCode(rawValue: extended), message: message, sql: sql)
    }
}
