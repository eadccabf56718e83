import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { exportSPKI, generateKeyPair, SignJWT, exportJWK } from "jose";
import { createJwtVerifier, type JwtVerifierOptions } from "../../src/index.js";
import { encodeBase64Url } from "../../src/jwt/base64url.js";
import { AUDIENCE, fail, ISSUER, jwksServer, keyPair, NOW, nowSec, type Pair, sign, signRaw } from "./helpers.js";

// Counts signature verifications (whichever crypto path the runtime uses) for the cache tests.
const signatureChecks = vi.hoisted(() => ({ count: 0 }));
vi.mock("#signature", async (importOriginal) => {
  const real = await importOriginal<typeof import("#signature")>();
  return {
    verifySignature: (...args: Parameters<typeof real.verifySignature>) => {
      signatureChecks.count += 1;
      return real.verifySignature(...args);
    },
  };
});

const enc = (s: string) => encodeBase64Url(new TextEncoder().encode(s));

let rsa: Pair;
let ec: Pair;
let other: Pair;
beforeAll(async () => {
  [rsa, ec, other] = await Promise.all([keyPair("RS256", "rsa-1"), keyPair("ES256", "ec-1"), keyPair("RS256", "rsa-other")]);
});

function verifier(extra: Partial<JwtVerifierOptions> = {}) {
  return createJwtVerifier({ keys: { keys: [rsa.jwk, ec.jwk] }, issuer: ISSUER, audience: AUDIENCE, algorithms: ["RS256", "ES256"], clock: () => NOW, cache: false, ...extra } as JwtVerifierOptions);
}

describe("a well-formed token", () => {
  it("verifies with RS256 and ES256 and returns header and claims", async () => {
    for (const pair of [rsa, ec]) {
      const { header, claims } = await verifier().verify(await sign(pair, { role: "admin" }));
      expect(header).toEqual({ alg: pair.alg, kid: pair.kid, typ: "JWT" });
      expect(claims).toEqual({ iss: ISSUER, aud: AUDIENCE, sub: "user_1", iat: nowSec, exp: nowSec + 600, role: "admin" });
      expect(Object.isFrozen(claims)).toBe(true);
    }
  });
});

describe("security policy", () => {
  it("compact JWS only: JWE, unencoded payloads and unknown crit are refused", async () => {
    expect((await fail(verifier().verify("eyJhbGciOiJSU0EtT0FFUCJ9.a.b.c.d"))).message).toContain("JWE");
    const b64 = await signRaw(ec, '{"alg":"ES256","kid":"ec-1","b64":false,"crit":["b64"]}', JSON.stringify({ iss: ISSUER, aud: AUDIENCE, exp: nowSec + 60 }));
    expect((await fail(verifier().verify(b64))).message).toMatch(/b64|crit/);
    const crit = await signRaw(ec, '{"alg":"ES256","kid":"ec-1","crit":["urn:x"],"urn:x":1}', JSON.stringify({ iss: ISSUER, aud: AUDIENCE, exp: nowSec + 60 }));
    expect((await fail(verifier().verify(crit))).message).toContain("crit");
  });

  it("canonical base64url only: padding, whitespace and non-canonical trailing bits are refused", async () => {
    const token = await sign(ec);
    const [h, p, s] = token.split(".") as [string, string, string];
    const cases = [`${h}=.${p}.${s}`, `${h}.${p} .${s}`, `${h}.${p}.${s}\n`, `${h}.${p}+.${s}`];
    // ES256 signatures are 64 bytes = 86 chars: the last char carries 2 unused bits, which must be zero.
    const last = s.charCodeAt(s.length - 1);
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    const twin = alphabet[alphabet.indexOf(String.fromCharCode(last)) + 1];
    const nonCanonical = `${h}.${p}.${s.slice(0, -1)}${twin}`;
    cases.push(nonCanonical);
    for (const bad of cases) expect((await fail(verifier().verify(bad))).code).toBe("token_invalid");
    expect((await fail(verifier().verify(nonCanonical))).message).toContain("not canonical base64url");
    await expect(verifier().verify(token)).resolves.toBeDefined();
  });

  it("duplicate member names in header or payload are refused, also when escaped", async () => {
    const payload = JSON.stringify({ iss: ISSUER, aud: AUDIENCE, sub: "u", exp: nowSec + 60 });
    const dupHeader = await signRaw(ec, '{"alg":"ES256","kid":"ec-1","kid":"rsa-1"}', payload);
    expect((await fail(verifier().verify(dupHeader))).message).toContain("unique member names");
    const dupPayload = await signRaw(ec, '{"alg":"ES256","kid":"ec-1"}', payload.replace('"sub":"u"', '"sub":"u","\\u0073ub":"admin"'));
    expect((await fail(verifier().verify(dupPayload))).message).toContain("unique member names");
    const nested = await signRaw(ec, '{"alg":"ES256","kid":"ec-1"}', payload.replace('"sub":"u"', '"sub":"u","x":{"a":1,"a":2}'));
    expect((await fail(verifier().verify(nested))).code).toBe("token_invalid");
    const sameNameOtherLevels = await signRaw(ec, '{"alg":"ES256","kid":"ec-1"}', payload.replace('"sub":"u"', '"sub":"u","x":{"sub":1,"y":[{"sub":2}]}'));
    await expect(verifier().verify(sameNameOtherLevels)).resolves.toBeDefined();
  });

  it("alg from the allow-list only; never none; none and HS* with keys refused at construction", async () => {
    const none = `${enc('{"alg":"none"}')}.${enc(JSON.stringify({ iss: ISSUER, aud: AUDIENCE, exp: nowSec + 60 }))}.`;
    expect((await fail(verifier().verify(none))).code).toBe("token_invalid");
    const rsOnly = verifier({ algorithms: ["RS256"] });
    expect((await fail(rsOnly.verify(await sign(ec)))).message).toContain('algorithm "ES256" is not allowed');
    expect(() => verifier({ algorithms: ["none" as never] })).toThrow(/unsupported algorithm/);
    expect(() => verifier({ algorithms: [] })).toThrow(/allow-list/);
    expect(() => verifier({ algorithms: ["HS256"] })).toThrow(/never HMAC with a public key/);
  });

  it("never HMAC with a public key: a token HS256-signed with the RSA public key is refused", async () => {
    const spki = await exportSPKI(rsa.publicKey);
    const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(spki), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
    const forged = await new SignJWT({ iss: ISSUER, aud: AUDIENCE, exp: nowSec + 60 }).setProtectedHeader({ alg: "HS256", kid: "rsa-1" }).sign(key);
    const pem = createJwtVerifier({ keys: spki, issuer: ISSUER, algorithms: ["RS256"], clock: () => NOW });
    expect((await fail(pem.verify(forged))).code).toBe("token_invalid");
    expect((await fail(verifier().verify(forged))).code).toBe("token_invalid");
  });

  it("the key type must match alg: an ES256 header naming an RSA kid is refused", async () => {
    const token = await sign(ec, {}, { kid: "rsa-1" });
    expect((await fail(verifier().verify(token))).message).toContain('kid "rsa-1" cannot verify ES256');
  });

  it("header jwk, jku, x5u and x5c are never used to find a key nor fetched", async () => {
    const server = await jwksServer();
    try {
      server.state.keys = [other.jwk];
      const token = await sign(other, {}, { kid: "attacker", jwk: other.jwk, jku: server.url, x5u: server.url });
      expect((await fail(verifier().verify(token))).code).toBe("token_invalid");
      expect(server.state.requests).toBe(0);
    } finally {
      await server.close();
    }
  });

  it("the key is chosen by kid; without a kid, only when exactly one key fits", async () => {
    const noKid = await sign(rsa, {}, { kid: undefined });
    await expect(createJwtVerifier({ keys: [rsa.jwk, ec.jwk], issuer: ISSUER, algorithms: ["RS256", "ES256"], clock: () => NOW }).verify(noKid)).resolves.toBeDefined();
    const twoRsa = createJwtVerifier({ keys: [rsa.jwk, other.jwk], issuer: ISSUER, algorithms: ["RS256"], clock: () => NOW });
    expect((await fail(twoRsa.verify(noKid))).message).toContain("refusing to guess");
    expect((await fail(twoRsa.verify(await sign(rsa, {}, { kid: "nope" })))).message).toContain('no configured key has kid "nope"');
    // A token signed by another key but naming our kid fails on the signature.
    expect((await fail(verifier().verify(await sign(other, {}, { kid: "rsa-1" })))).message).toContain("signature does not match");
  });

  it("RSA keys under 2048 bits are refused", async () => {
    const small = await keyPair("RS256", "small", 1024);
    expect(() => createJwtVerifier({ keys: small.jwk, issuer: ISSUER, algorithms: ["RS256"] })).toThrow(/1024 bits/);
    const spki = await exportSPKI(small.publicKey);
    const pem = createJwtVerifier({ keys: spki, issuer: ISSUER, algorithms: ["RS256"], clock: () => NOW });
    const token = await signRaw(small, '{"alg":"RS256"}', JSON.stringify({ iss: ISSUER, exp: nowSec + 60 }));
    expect((await fail(pem.verify(token))).message).toContain("1024 bits");
  });

  it("without an expected typ, a header typ must still name a JWT or an access token", async () => {
    const v = verifier({});
    for (const typ of [undefined, "JWT", "jwt", "at+jwt", "AT+JWT", "application/jwt", "application/at+JWT"]) {
      await expect(v.verify(await sign(ec, {}, { typ })), String(typ)).resolves.toBeDefined();
    }
    for (const typ of ["secevent+jwt", "dpop+jwt", "logout+jwt", "JOSE", "", 1, null, ["JWT"]]) {
      const error = await fail(v.verify(await sign(ec, {}, { typ: typ as string })));
      expect(error.code, String(typ)).toBe("token_invalid");
      expect(error.message).toMatch(/typ/);
    }
  });

  it("typ, when present, must match (case-insensitive, application/ prefix allowed)", async () => {
    const v = verifier({ typ: "JWT" });
    await expect(v.verify(await sign(ec, {}, { typ: "application/jwt" }))).resolves.toBeDefined();
    await expect(v.verify(await sign(ec, {}, { typ: undefined }))).resolves.toBeDefined();
    expect((await fail(v.verify(await sign(ec, {}, { typ: "at+jwt" })))).message).toContain("typ");
  });

  it("exp is required and must be a finite number", async () => {
    const header = '{"alg":"ES256","kid":"ec-1"}';
    const base = { iss: ISSUER, aud: AUDIENCE };
    expect((await fail(verifier().verify(await signRaw(ec, header, JSON.stringify(base))))).message).toContain("no exp");
    expect((await fail(verifier().verify(await signRaw(ec, header, JSON.stringify({ ...base, exp: String(nowSec + 60) }))))).message).toContain("not a number");
    expect((await fail(verifier().verify(await signRaw(ec, header, `{"iss":"${ISSUER}","aud":"${AUDIENCE}","exp":1e999}`)))).code).toBe("token_invalid");
    const expired = await sign(ec, { exp: nowSec - 6 });
    expect((await fail(verifier().verify(expired))).code).toBe("token_expired");
    await expect(verifier().verify(await sign(ec, { exp: nowSec - 4 }))).resolves.toBeDefined();
  });

  it("nbf and iat in the future beyond the tolerance are token_not_yet_valid", async () => {
    expect((await fail(verifier().verify(await sign(ec, { nbf: nowSec + 6 })))).code).toBe("token_not_yet_valid");
    expect((await fail(verifier().verify(await sign(ec, { iat: nowSec + 6 })))).code).toBe("token_not_yet_valid");
    await expect(verifier().verify(await sign(ec, { nbf: nowSec + 4, iat: nowSec + 4 }))).resolves.toBeDefined();
    await expect(verifier({ clockToleranceSec: 0 }).verify(await sign(ec, { nbf: nowSec + 1 }))).rejects.toMatchObject({ code: "token_not_yet_valid" });
  });

  it("iss and aud are checked; maxAgeSec bounds iat", async () => {
    expect((await fail(verifier().verify(await sign(ec, { iss: "https://evil.test" })))).message).toContain('unexpected issuer "https://evil.test"');
    expect((await fail(verifier().verify(await sign(ec, { aud: "other" })))).message).toContain("audience");
    await expect(verifier().verify(await sign(ec, { aud: ["other", AUDIENCE] }))).resolves.toBeDefined();
    await expect(verifier({ issuer: ["https://a.test", ISSUER] }).verify(await sign(ec))).resolves.toBeDefined();
    expect((await fail(verifier({ maxAgeSec: 900 }).verify(await sign(ec, { iat: nowSec - 1000 })))).code).toBe("token_expired");
  });

  it("a token over maxTokenBytes is refused before any decoding, and no message holds the token", async () => {
    const token = await sign(rsa);
    const v = verifier({ maxTokenBytes: token.length - 1 });
    const error = await fail(v.verify(token));
    expect(error.message).toBe(`token rejected: longer than ${token.length - 1} bytes`);
    for (const bad of [token, `${token}x`, token.replace(/.$/, "A")]) {
      const e = await fail(verifier({ issuer: "https://other.test" }).verify(bad));
      expect(e.message).not.toContain(bad.split(".")[1]);
      expect(JSON.stringify(e)).not.toContain(bad.split(".")[2]);
    }
  });

  it("bad options are invalid_input at construction", () => {
    expect(() => createJwtVerifier({ issuer: ISSUER, algorithms: ["RS256"] })).toThrow(/exactly one of/);
    expect(() => createJwtVerifier({ keys: rsa.jwk, secret: "x".repeat(32), issuer: ISSUER, algorithms: ["RS256"] })).toThrow(/exactly one of/);
    expect(() => createJwtVerifier({ keys: rsa.jwk, issuer: "", algorithms: ["RS256"] })).toThrow(/issuer is required/);
    expect(() => createJwtVerifier({ secret: "short", issuer: ISSUER, algorithms: ["HS256"] })).toThrow(/at least 32 bytes/);
    expect(() => createJwtVerifier({ secret: "x".repeat(32), issuer: ISSUER, algorithms: ["HS256", "RS256"] })).toThrow(/only HS256/);
    expect(() => createJwtVerifier({ keys: { kty: "oct", k: "c2VjcmV0" }, issuer: ISSUER, algorithms: ["RS256"] })).toThrow(/symmetric/);
  });
});

describe("other key forms", () => {
  it("PEM, CryptoKey, EdDSA and HS256 secrets verify", async () => {
    const pem = createJwtVerifier({ keys: await exportSPKI(ec.publicKey), issuer: ISSUER, algorithms: ["ES256"], clock: () => NOW });
    await expect(pem.verify(await sign(ec))).resolves.toBeDefined();
    const ck = createJwtVerifier({ keys: rsa.publicKey as CryptoKey, issuer: ISSUER, algorithms: ["RS256"], clock: () => NOW });
    await expect(ck.verify(await sign(rsa))).resolves.toBeDefined();
    expect((await fail(ck.verify(await sign(ec)))).code).toBe("token_invalid");
    const ed = await keyPair("EdDSA", "ed-1");
    const edv = createJwtVerifier({ keys: ed.jwk, issuer: ISSUER, algorithms: ["EdDSA"], clock: () => NOW });
    await expect(edv.verify(await sign(ed))).resolves.toBeDefined();
    const secret = "a-shared-secret-of-at-least-32-bytes!";
    const hs = await new SignJWT({ iss: ISSUER, exp: nowSec + 60 }).setProtectedHeader({ alg: "HS256" }).sign(new TextEncoder().encode(secret));
    const hsv = createJwtVerifier({ secret, issuer: ISSUER, algorithms: ["HS256"], clock: () => NOW });
    await expect(hsv.verify(hs)).resolves.toBeDefined();
    const wrong = await new SignJWT({ iss: ISSUER, exp: nowSec + 60 }).setProtectedHeader({ alg: "HS256" }).sign(new TextEncoder().encode(`${secret}?`));
    expect((await fail(hsv.verify(wrong))).message).toContain("signature does not match");
  });
});

describe("verified-token cache", () => {
  const spy = { get calls() { return signatureChecks.count; } };
  beforeEach(() => {
    signatureChecks.count = 0;
  });

  it("verifies a repeated token once, until exp and never beyond", async () => {
    let now = NOW;
    const v = createJwtVerifier({ keys: ec.jwk, issuer: ISSUER, algorithms: ["ES256"], clock: () => now });
    const token = await sign(ec, { exp: nowSec + 60 });
    for (let i = 0; i < 5; i++) await v.verify(token);
    expect(spy.calls).toBe(1);
    now = NOW + 60_000; // at exp: the cache no longer answers; full verification applies the tolerance
    await v.verify(token);
    expect(spy.calls).toBe(2);
    now = NOW + 66_000;
    expect((await fail(v.verify(token))).code).toBe("token_expired");
  });

  it("is bounded, and can be turned off", async () => {
    const v = createJwtVerifier({ keys: ec.jwk, issuer: ISSUER, algorithms: ["ES256"], clock: () => NOW, cache: { maxEntries: 2 } });
    const tokens = await Promise.all([1, 2, 3].map((i) => sign(ec, { sub: `u${i}` })));
    for (const t of tokens) await v.verify(t);
    await v.verify(tokens[0]!); // evicted by the third
    await v.verify(tokens[2]!); // still cached
    expect(spy.calls).toBe(4);
    const off = createJwtVerifier({ keys: ec.jwk, issuer: ISSUER, algorithms: ["ES256"], clock: () => NOW, cache: false });
    await off.verify(tokens[0]!);
    await off.verify(tokens[0]!);
    expect(spy.calls).toBe(6);
  });

  it("never caches a failure", async () => {
    const v = createJwtVerifier({ keys: ec.jwk, issuer: ISSUER, algorithms: ["ES256"], clock: () => NOW });
    const forged = await sign(other, {}, { alg: "RS256", kid: "ec-1" });
    for (let i = 0; i < 2; i++) expect((await fail(v.verify(forged))).code).toBe("token_invalid");
  });
});
