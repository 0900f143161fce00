extension PostgresLocation {
    /// The settings to connect with: this location, its TLS mode, and the password libpq would
    /// use (``lookUpPassword()``). Warnings of the lookup (a password file others can read,
    /// ignored) go to `warn`; they never hold a password.
    public func connectionSettings(warn: (String) -> Void = { _ in }) -> PostgresConnectionSettings {
        let lookup = lookUpPassword()
        lookup.warnings.forEach(warn)
        var settings = PostgresConnectionSettings(
            host: host, port: port, user: user, password: lookup.password?.secret, database: database, schema: schema,
            requiresTLS: sslMode == .require || sslMode == .verifyFull)
        settings.sslMode = sslMode
        settings.sslRootCertificatePath = sslRootCertificatePath
        return settings
    }
}
