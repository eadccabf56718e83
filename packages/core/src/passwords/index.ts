export { isPasswordHash, parsePasswordHash, PASSWORD_HASH_ALGORITHMS, type PasswordHash, type PasswordHashAlgorithm, requirePasswordHash } from "./hash.js";
export { createPbkdf2Hash, isWebCryptoHash, type Pbkdf2HashOptions, verifyPasswordWithWebCrypto } from "./web-crypto.js";
