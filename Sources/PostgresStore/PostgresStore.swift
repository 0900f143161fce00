import PostgresNIO

/// The PostgreSQL store's name in messages.
enum PostgresStoreName {
    static let value = "PostgreSQL"
}
