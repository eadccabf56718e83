import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { type AuthVariables, authMiddleware, type RequiredAuthVariables, requireAuth } from "../src/hono.js";
import { vendorSetups } from "./vendors.js";

describe("Hono", () => {
  for (const vendor of vendorSetups()) {
    it(`${vendor.name}: c.get("auth") after authMiddleware; requireAuth answers 401 JSON`, async () => {
      const { provider, userId, token } = await vendor.make();
      const open = new Hono<{ Variables: AuthVariables }>().use(authMiddleware(provider)).get("/", (c) => c.json({ userId: c.get("auth")?.userId ?? null }));
      const closed = new Hono<{ Variables: RequiredAuthVariables }>().use(requireAuth(provider)).get("/", (c) => c.json({ userId: c.get("auth").userId }));
      const bearer = { authorization: `Bearer ${token}` };
      expect(await (await open.request("/")).json()).toEqual({ userId: null });
      expect(await (await open.request("/", { headers: bearer })).json()).toEqual({ userId });
      expect(await (await closed.request("/", { headers: bearer })).json()).toEqual({ userId });
      const denied = await closed.request("/", { headers: { authorization: "Bearer nope" } });
      expect(denied.status).toBe(401);
      expect(denied.headers.get("www-authenticate")).toBe('Bearer realm="api"');
      expect((await denied.json()).error.code).toBe("token_invalid");
    });
  }
});
