import Foundation
import LedgerStore
import NIOCore
import PostgresNIO

/// Every postgres-nio and NIO error stops here: what leaves PostgresStore is a `StoreError`
/// naming what went wrong and the fix, with the server's address but never a password or a
/// statement's values.
enum PostgresErrors {
    /// `error` as vtf's own: postgres-nio's and NIO's errors become `StoreError`s; vtf's own
    /// errors (a `StoreError`, a rule's refusal, the verifier's failure) pass through.
    static func mapped(_ error: any Error, _ settings: PostgresConnectionSettings) -> any Error {
        if error is StoreError { return error }
        let server = "the PostgreSQL server at \(settings.host):\(settings.port)"
        if let error = error as? PSQLError {
            switch error.code {
            case .server:
                let state = error.serverInfo?[.sqlState] ?? "?"
                let message = error.serverInfo?[.message] ?? "no message"
                return serverError(state: state, message: message, settings)
            case .connectionError:
                return StoreError(.io, "cannot reach \(server) (\(underlying(error))): check that it runs and listens there")
            case .serverClosedConnection, .uncleanShutdown:
                return StoreError(.io, "\(server) closed the connection (\(underlying(error))): nothing unacknowledged was recorded; once it is back, run vtf verify")
            case .clientClosedConnection:
                return StoreError(.io, "the connection to \(server) was closed")
            case .authMechanismRequiresPassword:
                return StoreError(.io, "\(server) asks for a password for role \(settings.user): set PGPASSWORD or add it to ~/.pgpass (never on the command line)")
            case .sslUnsupported:
                return StoreError(.io, "\(server) does not offer TLS, and sslmode requires it")
            default:
                return StoreError(.io, "PostgreSQL failure talking to \(server): \(error.code)")
            }
        }
        if error is PostgresDecodingError {
            return StoreError(.damaged, "a column holds a value of another type than vtf writes; run vtf verify")
        }
        if error is IOError || error is ChannelError || error is NIOConnectionError {
            return StoreError(.io, "cannot reach \(server) (\(reason(error))): check that it runs and listens there")
        }
        // A rule's refusal, the verifier's failure, a cryptographic error: vtf's own, as they are.
        return error
    }

    /// A server's error response (SQLSTATE and message) as vtf's own.
    static func serverError(state: String, message: String, _ settings: PostgresConnectionSettings) -> StoreError {
        switch state {
        case "28P01", "28000":
            return StoreError(.io, "authentication failed for role \(settings.user) on \(settings.host):\(settings.port): check PGPASSWORD or ~/.pgpass (a password is never taken from the command line)")
        case "3D000":
            return StoreError(.notFound, "the database \(settings.database) does not exist on \(settings.host):\(settings.port): create it (createdb) or name another")
        case "3F000", "42P01":
            return StoreError(.notALedger, "the schema \(settings.schema) of database \(settings.database) holds no vtf ledger: run vtf store migrate (as the owner role), or name another schema")
        case "42704":
            return StoreError(.badInput, "\(message) on \(settings.host):\(settings.port): create it first, as the owner (CREATE ROLE name LOGIN, its password in the writers' ~/.pgpass), then run this again")
        case "25006":
            return StoreError(.badInput, "the server at \(settings.host):\(settings.port) is read-only (a standby): write to the primary")
        case "42501":
            return StoreError(.io, "role \(settings.user) may not do this on \(settings.database) (\(message)): see the writer grants of PostgresLedger")
        case "57P01", "57P02", "57P03", "08000", "08003", "08006":
            return StoreError(.io, "the PostgreSQL server at \(settings.host):\(settings.port) went away (\(message)): nothing unacknowledged was recorded; once it is back, run vtf verify")
        case "23514", "23502", "23503", "23505", "23P01", "23001":
            return StoreError(.damaged, "PostgreSQL refused a row vtf wrote (\(state): \(message)): the ledger's tables differ from what vtf expects; run vtf verify")
        default:
            return StoreError(.io, "PostgreSQL error \(state): \(message)")
        }
    }

    private static func underlying(_ error: PSQLError) -> String {
        guard let underlying = error.underlying else { return "\(error.code)" }
        return reason(underlying)
    }

    /// A connection failure in a few words: the system's text for its errno ("Connection
    /// refused"), the name that did not resolve, or NIO's own description.
    private static func reason(_ error: any Error) -> String {
        if let failure = error as? NIOConnectionError {
            if failure.dnsAError != nil || failure.dnsAAAAError != nil { return "the name \(failure.host) does not resolve" }
            if let first = failure.connectionErrors.first { return reason(first.error) }
        }
        if let io = error as? IOError { return String(cString: strerror(io.errnoCode)) }
        return "\(error)"
    }
}
