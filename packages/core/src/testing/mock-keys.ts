import { exportJWK, generateKeyPair, type JWK } from "jose";

/** The mock's signing keys, made once on first use (never at import). */
export interface MockKeys {
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  publicJwk: JWK;
  /** A second key pair the mock does not trust: tokens it signs are "foreign". */
  foreignPrivateKey: CryptoKey;
}

/** Lazily generates the ES256 key pairs; concurrent first callers share one generation. */
export function lazyKeys(kid: string): () => Promise<MockKeys> {
  let pending: Promise<MockKeys> | undefined;
  return () =>
    (pending ??= (async () => {
      const [own, foreign] = await Promise.all([generateKeyPair("ES256"), generateKeyPair("ES256")]);
      const publicJwk = { ...(await exportJWK(own.publicKey)), kid, alg: "ES256", use: "sig" };
      return { privateKey: own.privateKey, publicKey: own.publicKey, publicJwk, foreignPrivateKey: foreign.privateKey };
    })());
}
