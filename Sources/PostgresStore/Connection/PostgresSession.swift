import Foundation
import LedgerStore
import Logging
import NIOCore
import NIOSSL
import PostgresNIO

/// One value bound to a statement (`$1`, `$2`, …).
enum SQLValue: Sendable {
    case int(Int64)
    case text(String)
    case bytes([UInt8])
    case null
    /// Arrays (`$1::bigint[]`, …), one element a row, for `INSERT … SELECT FROM unnest(…)`: one
    /// statement of a few parameters for thousands of rows, parsed and planned once.
    case ints([Int64])
    case texts([String])
    case bools([Bool])
    case byteStrings([[UInt8]])

    /// An optional integer, NULL when absent.
    static func int(_ value: Int64?) -> SQLValue { value.map { .int($0) } ?? .null }
    /// An optional text, NULL when absent.
    static func text(_ value: String?) -> SQLValue { value.map { .text($0) } ?? .null }
    /// A seq or size (UInt64 that fits BIGINT; larger ones clamp to Int64.max, which no row has).
    static func seq(_ value: UInt64) -> SQLValue { .int(Int64(clamping: value)) }
}

/// One row of a result, with typed, checked reads: a column of the wrong type (a schema edited
/// outside vtf) is a `StoreError` of code `.damaged`, never a trap.
struct SQLRow {
    let cells: PostgresRandomAccessRow

    private func decode<T: PostgresDecodable>(_ type: T.Type, _ index: Int) throws -> T {
        do { return try cells[index].decode(T.self) } catch {
            throw StoreError(.damaged, "column \(cells[index].columnName) holds a value of another type than vtf writes; run vtf verify")
        }
    }

    func int(_ index: Int) throws -> Int64 { try decode(Int64.self, index) }
    func optionalInt(_ index: Int) throws -> Int64? { cells[index].bytes == nil ? nil : try int(index) }
    /// A BIGINT column that holds a seq, size or count (never negative).
    func natural(_ index: Int) throws -> UInt64 {
        guard let value = UInt64(exactly: try int(index)) else {
            throw StoreError(.damaged, "column \(cells[index].columnName) holds a negative number; run vtf verify")
        }
        return value
    }
    func optionalNatural(_ index: Int) throws -> UInt64? { cells[index].bytes == nil ? nil : try natural(index) }
    func text(_ index: Int) throws -> String { try decode(String.self, index) }
    func optionalText(_ index: Int) throws -> String? { cells[index].bytes == nil ? nil : try text(index) }
    func bytes(_ index: Int) throws -> [UInt8] {
        var buffer = try decode(ByteBuffer.self, index)
        return buffer.readBytes(length: buffer.readableBytes) ?? []
    }
    func isNull(_ index: Int) -> Bool { cells[index].bytes == nil }
}

/// One connection to the server, used synchronously from one serial queue at a time: every call
/// blocks its (Dispatch) thread on postgres-nio's futures, never an event loop or the Swift
/// cooperative pool. Every error leaves as a `StoreError` (``PostgresErrors``).
final class PostgresSession: @unchecked Sendable {
    // @unchecked: used by one queue at a time (PostgresLedger's serial queue, or the thread that
    // opened it before handing it over); `inTransaction` is only read and written there.
    let connection: PostgresConnection
    let settings: PostgresConnectionSettings
    private let logger: Logger
    /// Whether a transaction is open (a snapshot read or a write): queries join it.
    private(set) var inTransaction = false
    /// The queries in flight (by number), failed at once if the connection closes.
    private var pending: [Int: EventLoopPromise<PostgresQueryResult>] = [:]
    private var nextQuery = 0
    private let pendingLock = NSLock()
    /// The statements ``send(_:_:)`` sent whose answers nobody has waited for yet, in order.
    private var sent: [(number: Int, answer: EventLoopFuture<PostgresQueryResult>)] = []

    /// Why a query on a closed connection failed.
    private var gone: StoreError {
        StoreError(.io, "the PostgreSQL server at \(settings.host):\(settings.port) closed the connection (it stopped, restarted or ended this session): nothing unacknowledged was recorded; once it is back, run vtf verify")
    }

    private init(connection: PostgresConnection, settings: PostgresConnectionSettings, logger: Logger) {
        self.connection = connection
        self.settings = settings
        self.logger = logger
    }

    // postgres-nio wants a connection closed before it goes: the close's callback holds the last
    // reference until the channel is closed (no thread waits for it here).
    deinit {
        let connection = connection
        connection.close().whenComplete { _ in withExtendedLifetime(connection) {} }
    }

    /// Connects to the server of `settings` as its user, with the ledger's schema first on the
    /// search path and durable commits (`synchronous_commit = on`). Blocks the calling thread.
    static func connect(_ settings: PostgresConnectionSettings) throws -> PostgresSession {
        try settings.checkSchemaName()
        var logger = Logger(label: "vtf.postgres")
        logger.logLevel = .critical
        let tls = try tlsMode(settings)
        var configuration = PostgresConnection.Configuration(
            host: settings.host, port: settings.port, username: settings.user, password: settings.password,
            database: settings.database, tls: tls)
        // pg_stat_activity names vtf and the ledger (an operator sees who holds a connection).
        configuration.options.additionalStartupParameters = [("application_name", Self.applicationName(settings))]
        let connection: PostgresConnection
        do {
            connection = try PostgresConnection.connect(
                on: PostgresConnection.defaultEventLoopGroup.any(), configuration: configuration, id: 1, logger: logger
            ).wait()
        } catch {
            throw PostgresErrors.mapped(error, settings)
        }
        let session = PostgresSession(connection: connection, settings: settings, logger: logger)
        connection.closeFuture.whenComplete { [weak session] _ in
            guard let session else { return }
            for promise in session.pendingLock.withLock({ Array(session.pending.values) }) { promise.fail(session.gone) }
        }
        try session.execute("SET search_path TO \(settings.quotedSchema)")
        try session.execute("SET synchronous_commit TO on")
        return session
    }

    /// The `application_name` of vtf's connections to the ledger of `settings`.
    static func applicationName(_ settings: PostgresConnectionSettings) -> String { "vtf " + settings.schema }

    /// The rows of `sql` with `values` bound to `$1`, `$2`, …. Waits first for the statements
    /// ``send(_:_:)`` sent (the server runs them in order anyway), so that a failure of theirs is
    /// reported as theirs, not as the aborted transaction it leaves.
    func rows(_ sql: String, _ values: [SQLValue] = []) throws -> [SQLRow] {
        try awaitSent()
        let (number, answer) = submit(sql, values)
        defer { pendingLock.withLock { pending[number] = nil } }
        do {
            return try answer.wait().map { SQLRow(cells: $0.makeRandomAccess()) }
        } catch {
            throw PostgresErrors.mapped(error, settings)
        }
    }

    /// Sends `sql` (one statement that returns no rows) without waiting for the server's answer,
    /// so that this thread goes on (checking and signing the next batch) while the server works.
    /// The server runs statements in the order they were sent; a failure is thrown by the next
    /// ``rows(_:_:)``, ``execute(_:_:)`` or ``awaitSent()``, and fails the transaction (COMMIT
    /// waits for every answer first).
    func send(_ sql: String, _ values: [SQLValue] = []) {
        let (number, answer) = submit(sql, values)
        sent.append((number, answer))
    }

    /// Waits for every statement ``send(_:_:)`` sent; throws the first one's failure (those after
    /// it only fail because the transaction was aborted).
    func awaitSent() throws {
        guard !sent.isEmpty else { return }
        let waiting = sent
        sent.removeAll()
        var failure: (any Error)?
        for (number, answer) in waiting {
            do { _ = try answer.wait() } catch { if failure == nil { failure = error } }
            pendingLock.withLock { pending[number] = nil }
        }
        if let failure { throw PostgresErrors.mapped(failure, settings) }
    }

    /// Starts `sql` on the connection and returns its number in ``pending`` and its answer.
    private func submit(_ sql: String, _ values: [SQLValue]) -> (Int, EventLoopFuture<PostgresQueryResult>) {
        var binds = PostgresBindings(capacity: values.count)
        for value in values {
            switch value {
            case .int(let int): binds.append(int)
            case .text(let text): binds.append(text)
            case .bytes(let bytes): binds.append(ByteBuffer(bytes: bytes))
            case .null: binds.appendNull()
            case .ints(let ints): binds.append(ints)
            case .texts(let texts): binds.append(texts)
            case .bools(let bools): binds.append(bools)
            case .byteStrings(let strings): binds.append(strings.map { ByteBuffer(bytes: $0) })
            }
        }
        // A query sent on a connection the server has closed is never answered (postgres-nio
        // drops the write): the query fails when the connection closes instead of waiting. The
        // queries in flight are failed by the close observer set up in `connect`.
        let answer = connection.eventLoop.makePromise(of: PostgresQueryResult.self)
        let number = pendingLock.withLock {
            nextQuery += 1
            pending[nextQuery] = answer
            return nextQuery
        }
        if connection.isClosed { answer.fail(gone) }
        connection.query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: logger).cascade(to: answer)
        return (number, answer.futureResult)
    }

    /// The first row of `sql`, or nil.
    func row(_ sql: String, _ values: [SQLValue] = []) throws -> SQLRow? { try rows(sql, values).first }

    /// Runs `sql` (one statement), ignoring any rows.
    func execute(_ sql: String, _ values: [SQLValue] = []) throws { _ = try rows(sql, values) }

    /// Runs `body` in a transaction opened by `begin` (e.g. `BEGIN ISOLATION LEVEL REPEATABLE
    /// READ`); commits when it returns, rolls back when it throws. Inside a transaction already
    /// open, `body` joins it.
    func transaction<T>(_ begin: String, _ body: () throws -> T) throws -> T {
        if inTransaction { return try body() }
        try execute(begin)
        inTransaction = true
        defer { inTransaction = false }
        let result: T
        do {
            result = try body()
            try awaitSent()
        } catch {
            _ = try? awaitSent()
            // A connection that failed is closed, not rolled back: the server rolls back what a
            // lost connection left open, and a statement on a connection postgres-nio has not yet
            // seen close could wait for ever.
            if connection.isClosed || (error as? StoreError)?.code == .io {
                close()
            } else {
                try? execute("ROLLBACK")
            }
            throw error
        }
        do { try execute("COMMIT") } catch let error as StoreError {
            throw StoreError(error.code, "\(error.message) (while committing: if the server went away, the write may or may not be recorded; run vtf verify)")
        }
        return result
    }

    /// Closes the connection (blocking until it is closed).
    func close() { try? connection.close().wait() }
}

/// postgres-nio's TLS setting for `settings`' mode, as libpq means it: `disable` none;
/// `prefer` TLS when the server offers it and `require` TLS always, neither checking the
/// certificate; `verify-full` TLS with a certificate that chains to the system's authorities (or
/// those of `sslrootcert`) and names the host.
func tlsMode(_ settings: PostgresConnectionSettings) throws -> PostgresConnection.Configuration.TLS {
    let mode = settings.sslMode ?? (settings.requiresTLS ? .require : .disable)
    do {
        switch mode {
        case .disable:
            return .disable
        case .prefer, .require:
            var configuration = TLSConfiguration.makeClientConfiguration()
            configuration.certificateVerification = .none
            let context = try NIOSSLContext(configuration: configuration)
            return mode == .prefer ? .prefer(context) : .require(context)
        case .verifyFull:
            var configuration = TLSConfiguration.makeClientConfiguration()
            configuration.certificateVerification = .fullVerification
            if let path = settings.sslRootCertificatePath { configuration.trustRoots = .file(path) }
            return .require(try NIOSSLContext(configuration: configuration))
        }
    } catch {
        throw StoreError(.io, "cannot set up TLS (sslmode=\(mode.rawValue)) for \(settings): \(error)")
    }
}
