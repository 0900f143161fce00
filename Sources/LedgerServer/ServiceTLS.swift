import NIOSSL

/// The certificate chain and private key `vtf serve --tls-cert F --tls-key F` serves HTTPS with
/// (PEM files), loaded and checked before the service listens.
public struct ServiceTLS: Sendable {
    let configuration: TLSConfiguration

    /// Loads `certificatePath` (the certificate, then any intermediates) and `keyPath`.
    ///
    /// - Throws: ``TLSSetupError`` naming the file and what is wrong with it.
    public init(certificatePath: String, keyPath: String) throws(TLSSetupError) {
        let chain: [NIOSSLCertificate]
        do { chain = try NIOSSLCertificate.fromPEMFile(certificatePath) } catch {
            throw TLSSetupError("--tls-cert \(certificatePath) is not a PEM certificate chain (\(error)); give the certificate, then any intermediates, in PEM")
        }
        guard !chain.isEmpty else { throw TLSSetupError("--tls-cert \(certificatePath) holds no certificate") }
        let key: NIOSSLPrivateKey
        do { key = try NIOSSLPrivateKey(file: keyPath, format: .pem) } catch {
            throw TLSSetupError("--tls-key \(keyPath) is not a PEM private key (\(error)); give the key of the certificate, unencrypted, mode 0600")
        }
        configuration = TLSConfiguration.makeServerConfiguration(certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key))
    }
}

/// Why the service's TLS files could not be used.
public struct TLSSetupError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What is wrong and what to do.
    public let message: String

    /// An error saying `message`.
    public init(_ message: String) { self.message = message }

    /// The message.
    public var description: String { message }
}
