import { describe, expect, it } from "vitest";
import { createMockProvider } from "@authmux/core/testing";
import { authenticateRequest, extractToken, requireAuth } from "../src/index.js";
import { vendorSetups } from "./vendors.js";

const request = (headers: Record<string, string> = {}) => new Request("http://localhost/api/me", { headers });

describe("extractToken", () => {
  it("reads a bearer header first, then the vendor's cookie", () => {
    expect(extractToken({ authorization: "Bearer abc.def.ghi" }, "clerk")).toBe("abc.def.ghi");
    expect(extractToken({ authorization: "Basic xyz" }, "clerk")).toBeNull();
    expect(extractToken({ cookie: "a=1; __session=tok%2E1" }, "clerk")).toBe("tok.1");
    expect(extractToken({ cookie: "stytch_session_jwt=jwt1" }, "stytch")).toBe("jwt1");
    expect(extractToken({ cookie: "__session=x" }, "stytch")).toBeNull();
    expect(extractToken({ cookie: "mine=t" }, "stytch", { cookieName: "mine" })).toBe("t");
    expect(extractToken({}, "mock")).toBeNull();
  });
});

describe("authenticateRequest and requireAuth (Web standard)", () => {
  for (const vendor of vendorSetups()) {
    it(`${vendor.name}: a valid token gives the context, a lazy user loaded once; none or a bad one gives null / 401`, async () => {
      const { provider, userId, token, requests } = await vendor.make();
      const auth = await authenticateRequest(provider, request({ authorization: `Bearer ${token}` }));
      expect(auth).toMatchObject({ userId, provider: vendor.name });
      expect(auth!.token.userId).toBe(userId);
      const before = requests();
      const [a, b] = await Promise.all([auth!.getUser(), auth!.getUser()]);
      expect(a?.id).toBe(userId);
      expect(b).toBe(a);
      expect(requests() - before).toBe(1);

      expect(await authenticateRequest(provider, request())).toBeNull();
      expect(await authenticateRequest(provider, request({ authorization: "Bearer not-a-token" }))).toBeNull();
      const denied = await requireAuth(provider, request({ authorization: "Bearer not-a-token" }));
      expect(denied).toBeInstanceOf(Response);
      expect((denied as Response).status).toBe(401);
      expect(await (denied as Response).json()).toEqual({ error: { code: "token_invalid", message: expect.stringContaining("token rejected") } });
      const missing = (await requireAuth(provider, request())) as Response;
      expect(await missing.json()).toEqual({ error: { code: "unauthenticated", message: "no credentials: send Authorization: Bearer <token>" } });
    });
  }

  it("an outage is thrown, never answered as anonymous", async () => {
    const provider = createMockProvider({ capabilities: ["tokens.verify", "users.read"] });
    const broken = { ...provider, tokens: { verify: () => Promise.reject(Object.assign(new Error("down"), {})) } } as typeof provider;
    await expect(authenticateRequest(broken, request({ authorization: "Bearer x" }))).rejects.toThrow("down");
  });

  it("getUser on a provider that cannot read users is not_supported", async () => {
    const provider = createMockProvider({ capabilities: ["tokens.verify", "tokens.issue"] });
    const auth = await authenticateRequest(provider, request({ authorization: `Bearer ${await provider.tokens.issue("someone")}` }));
    await expect(auth!.getUser()).rejects.toMatchObject({ code: "not_supported" });
  });
});
