import { generateKeyPair, SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import type { JwtAlgorithm } from "../../src/jwt/algorithms.js";
import { ALGORITHM_SPECS } from "../../src/jwt/algorithms.js";
import { decodeBase64Url } from "../../src/jwt/base64url.js";
import { verifySignature as nodeVerify } from "../../src/jwt/node/signature.js";
import { verifySignature as webVerify } from "../../src/jwt/web/signature.js";
import { verifySignature as resolved } from "#signature";

// The node:crypto and Web Crypto paths must give the same answer for every algorithm.
describe("signature paths agree", () => {
  const algs: JwtAlgorithm[] = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA", "HS256", "HS384", "HS512"];

  it("on Node the #signature import resolves to the node:crypto path", () => {
    expect(resolved).toBe(nodeVerify);
  });

  for (const alg of algs) {
    it(alg, async () => {
      let signKey: CryptoKey | Uint8Array;
      let verifyKey: CryptoKey;
      if (alg.startsWith("HS")) {
        const raw = crypto.getRandomValues(new Uint8Array(64));
        signKey = raw;
        // Extractable, as the engine imports its own keys for the synchronous Node path.
        verifyKey = await crypto.subtle.importKey("raw", raw, ALGORITHM_SPECS[alg].importParams, true, ["verify"]);
      } else {
        const pair = await generateKeyPair(alg);
        signKey = pair.privateKey;
        verifyKey = pair.publicKey;
      }
      const token = await new SignJWT({ sub: "x" }).setProtectedHeader({ alg }).sign(signKey);
      const dot = token.lastIndexOf(".");
      const data = new TextEncoder().encode(token.slice(0, dot));
      const sig = decodeBase64Url(token, dot + 1)!;
      const flipped = new Uint8Array(sig);
      flipped[flipped.length - 1]! ^= 1;
      const otherData = new TextEncoder().encode(`${token.slice(0, dot)}x`);
      // The Node path is synchronous alone and goes through the thread pool when others wait: check both.
      for (const [verify, othersWaiting] of [[nodeVerify, false], [nodeVerify, true], [webVerify, false]] as const) {
        expect(await verify(alg, verifyKey, sig, data, othersWaiting)).toBe(true);
        expect(await verify(alg, verifyKey, flipped, data, othersWaiting)).toBe(false);
        expect(await verify(alg, verifyKey, sig, otherData, othersWaiting)).toBe(false);
      }
      expect(typeof nodeVerify(alg, verifyKey, sig, data, false)).toBe("boolean");
      // A key the caller imported non-extractable stays with Web Crypto (no KeyObject: Node 24's DEP0204), same answers.
      if (alg.startsWith("HS")) {
        const sealed = await crypto.subtle.importKey("raw", signKey as Uint8Array<ArrayBuffer>, ALGORITHM_SPECS[alg].importParams, false, ["verify"]);
        const answer = nodeVerify(alg, sealed, sig, data, false);
        expect(answer).toBeInstanceOf(Promise);
        expect(await answer).toBe(true);
        expect(await nodeVerify(alg, sealed, flipped, data, false)).toBe(false);
      }
    });
  }
});
