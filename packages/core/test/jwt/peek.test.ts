import { SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { createJwtVerifier } from "../../src/jwt/index.js";

const secret = "s".repeat(32);
const sign = (expSec: number, sub = "u1") =>
  new SignJWT({ sub }).setProtectedHeader({ alg: "HS256" }).setIssuer("https://issuer.test").setExpirationTime(expSec).sign(new TextEncoder().encode(secret));

describe("peek", () => {
  it("gives the cached result of a token verified before, until its exp, and nothing for others", async () => {
    let now = Date.now();
    const verifier = createJwtVerifier({ secret, issuer: "https://issuer.test", algorithms: ["HS256"], clock: () => now });
    const token = await sign(Math.floor(now / 1000) + 60);
    expect(verifier.peek(token)).toBeUndefined();
    const verified = await verifier.verify(token);
    expect(verifier.peek(token)).toBe(verified);
    expect(verifier.peek(await sign(Math.floor(now / 1000) + 60, "u2"))).toBeUndefined();
    expect(verifier.peek(42 as unknown as string)).toBeUndefined();
    now += 70_000; // past exp and the default 5 s of tolerance
    expect(verifier.peek(token)).toBeUndefined();
    await expect(verifier.verify(token)).rejects.toMatchObject({ code: "token_expired" });
  });

  it("finds nothing when the cache is off", async () => {
    const verifier = createJwtVerifier({ secret, issuer: "https://issuer.test", algorithms: ["HS256"], cache: false });
    const token = await sign(Math.floor(Date.now() / 1000) + 60);
    await verifier.verify(token);
    expect(verifier.peek(token)).toBeUndefined();
  });
});
