import { exportJWK, exportSPKI, generateKeyPair, type JWK } from "jose";

/** A fake vendor's token signing keys: its own pair, published as a JWK, and a foreign key it never publishes. */
export interface FakeSigningKeys {
  /** The key id tokens name in their header. */
  kid: string;
  /** Signs the vendor's tokens. */
  privateKey: CryptoKey;
  /** Verifies them; published in the JWKS. */
  publicKey: CryptoKey;
  /** The public key as the vendor's JWKS lists it (`kid`, `alg`, `use: "sig"`). */
  jwk: JWK;
  /** The public key as PEM (SPKI), for networkless verification options. */
  pem: string;
  /** Signs "foreign" tokens: a key the vendor never published. */
  foreignKey: CryptoKey;
}

const generated = new Map<string, Promise<FakeSigningKeys>>();

/**
 * The signing keys of a fake, made on first use and shared by every fake in the process with the same
 * algorithm and key id (RSA generation is slow; nothing runs at import).
 */
export function fakeSigningKeys(alg: "RS256" | "ES256", kid: string): Promise<FakeSigningKeys> {
  const key = `${alg}:${kid}`;
  let keys = generated.get(key);
  if (!keys) {
    keys = (async () => {
      const [own, foreign] = await Promise.all([generateKeyPair(alg, { extractable: true }), generateKeyPair(alg)]);
      const jwk = { ...(await exportJWK(own.publicKey)), kid, alg, use: "sig" };
      return { kid, privateKey: own.privateKey, publicKey: own.publicKey, jwk, pem: await exportSPKI(own.publicKey), foreignKey: foreign.privateKey };
    })();
    generated.set(key, keys);
  }
  return keys;
}
