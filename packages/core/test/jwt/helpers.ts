import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, type JWK, SignJWT } from "jose";
import { encodeBase64Url } from "../../src/jwt/base64url.js";
import type { AuthmuxError } from "../../src/errors/index.js";

/** The error `p` rejects with; throws when it resolves. */
export const fail = async (p: Promise<unknown>): Promise<AuthmuxError> => {
  try {
    await p;
  } catch (e) {
    return e as AuthmuxError;
  }
  throw new Error("expected a rejection");
};

export const ISSUER = "https://issuer.test";
export const AUDIENCE = "api://test";
export const NOW = Date.UTC(2030, 0, 15, 12, 0, 0);
export const nowSec = Math.floor(NOW / 1000);

export async function keyPair(alg: "RS256" | "ES256" | "PS256" | "EdDSA" | "RS512", kid: string, modulusLength = 2048) {
  // jose refuses to make RSA keys under 2048 bits; Web Crypto makes the small ones the policy tests need.
  const { publicKey, privateKey } =
    modulusLength < 2048
      ? await crypto.subtle.generateKey({ name: "RSASSA-PKCS1-v1_5", modulusLength, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" }, true, ["sign", "verify"])
      : await generateKeyPair(alg, { extractable: true, ...(alg.startsWith("RS") || alg.startsWith("PS") ? { modulusLength } : {}) });
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid, alg, use: "sig" };
  return { publicKey, privateKey, jwk, kid, alg };
}

export type Pair = Awaited<ReturnType<typeof keyPair>>;

export function sign(pair: Pair, claims: Record<string, unknown> = {}, header: Record<string, unknown> = {}) {
  return new SignJWT({ iss: ISSUER, aud: AUDIENCE, sub: "user_1", iat: nowSec, exp: nowSec + 600, ...claims })
    .setProtectedHeader({ alg: pair.alg, kid: pair.kid, typ: "JWT", ...header })
    .sign(pair.privateKey);
}

/** Builds a token from raw header/payload JSON text and signs it properly: for malformed-but-signed cases. */
export async function signRaw(pair: Pair, headerJson: string, payloadJson: string): Promise<string> {
  const enc = new TextEncoder();
  const input = `${encodeBase64Url(enc.encode(headerJson))}.${encodeBase64Url(enc.encode(payloadJson))}`;
  const params = pair.alg === "ES256" ? { name: "ECDSA", hash: "SHA-256" } : { name: "RSASSA-PKCS1-v1_5" };
  const sig = new Uint8Array(await crypto.subtle.sign(params, pair.privateKey as CryptoKey, enc.encode(input)));
  return `${input}.${encodeBase64Url(sig)}`;
}

/** A loopback JWKS server that counts requests and can be told to fail or stall. */
export async function jwksServer() {
  const state = { keys: [] as JWK[], requests: 0, mode: "ok" as "ok" | "500" | "hang" | "garbage", delayMs: 0, lastHeaders: {} as Record<string, unknown> };
  const server: Server = createServer((req, res) => {
    state.requests += 1;
    state.lastHeaders = { ...req.headers };
    const answer = () => {
      if (state.mode === "hang") return; // never answers; the client's timeout must fire
      if (state.mode === "500") {
        res.writeHead(500).end("oops");
        return;
      }
      if (state.mode === "garbage") {
        res.writeHead(200, { "content-type": "text/html" }).end("<html>");
        return;
      }
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ keys: state.keys }));
    };
    if (state.delayMs > 0) setTimeout(answer, state.delayMs);
    else answer();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    state,
    url: `http://127.0.0.1:${port}/.well-known/jwks.json`,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
