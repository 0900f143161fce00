#ifndef CLEDGER_OPENSSL_SHIM_H
#define CLEDGER_OPENSSL_SHIM_H
// The only place vtf includes OpenSSL. LedgerCrypto imports this module; nothing else does.
#include <stddef.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/bio.h>
#include <openssl/rand.h>
#include <openssl/sha.h>
#include <openssl/x509.h>
#include <openssl/pkcs12.h>
#include <openssl/objects.h>

// OPENSSL_free is a function-like macro, which Swift cannot call.
static inline void CLedgerOpenSSL_free(void *pointer) { OPENSSL_free(pointer); }

// SHA-256 of up to three concatenated byte ranges, without copying and without allocating.
//
// The low-level SHA256_* functions are deprecated in OpenSSL 3.0 in favour of EVP, but they are
// still shipped and are several times faster for small inputs: the 3.0 one-shot SHA256() and
// EVP_Digest fetch the algorithm from a provider and allocate a context on every call, which
// dominates the cost of hashing a 65-byte Merkle node. The deprecation warning is silenced here
// only; Swift code never calls the deprecated functions directly.
#if defined(__clang__)
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wdeprecated-declarations"
#elif defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
#endif
static inline int CLedgerOpenSSL_sha256_parts(
    const void *first, size_t firstCount,
    const void *second, size_t secondCount,
    const void *third, size_t thirdCount,
    unsigned char *digest)
{
    SHA256_CTX context;
    if (SHA256_Init(&context) != 1) { return 0; }
    if (firstCount > 0 && SHA256_Update(&context, first, firstCount) != 1) { return 0; }
    if (secondCount > 0 && SHA256_Update(&context, second, secondCount) != 1) { return 0; }
    if (thirdCount > 0 && SHA256_Update(&context, third, thirdCount) != 1) { return 0; }
    return SHA256_Final(digest, &context);
}
#if defined(__clang__)
#pragma clang diagnostic pop
#elif defined(__GNUC__)
#pragma GCC diagnostic pop
#endif

#endif
