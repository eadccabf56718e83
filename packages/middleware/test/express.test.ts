import type { AddressInfo } from "node:net";
import express from "express";
import { afterEach, describe, expect, it } from "vitest";
import type { WebhookEvent } from "@authmux/core";
import { createMockProvider } from "@authmux/core/testing";
import { authMiddleware, requireAuth, webhookHandler } from "../src/express.js";
import { vendorSetups } from "./vendors.js";

const servers: { close(): void }[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.close();
});

/** A real Express app on an ephemeral loopback port. */
async function listen(app: express.Express): Promise<string> {
  const server = app.listen(0, "127.0.0.1");
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe("Express", () => {
  for (const vendor of vendorSetups()) {
    it(`${vendor.name}: authMiddleware sets req.auth; requireAuth answers 401 JSON`, async () => {
      const { provider, userId, token } = await vendor.make();
      const app = express();
      app.get("/optional", authMiddleware(provider), (req, res) => {
        res.json({ userId: req.auth?.userId ?? null });
      });
      // The wrapped handler's req.auth is typed non-null: no "!" needed.
      app.get("/me", requireAuth(provider, async (req, res) => {
        res.json({ userId: req.auth.userId, email: (await req.auth.getUser())?.email });
      }));
      app.get("/me-too", requireAuth(provider), (req, res) => {
        // @ts-expect-error as plain middleware, a later handler's req.auth may still be null in its type
        res.json({ userId: req.auth.userId });
      });
      const base = await listen(app);
      const bearer = { authorization: `Bearer ${token}` };
      expect(await (await fetch(`${base}/optional`)).json()).toEqual({ userId: null });
      expect(await (await fetch(`${base}/optional`, { headers: bearer })).json()).toEqual({ userId });
      const me = await fetch(`${base}/me`, { headers: bearer });
      expect(me.status).toBe(200);
      expect(await me.json()).toEqual({ userId, email: `${vendor.name}@example.com` });
      const denied = await fetch(`${base}/me`, { headers: { authorization: "Bearer nope" } });
      expect(denied.status).toBe(401);
      expect(denied.headers.get("www-authenticate")).toBe('Bearer realm="api"');
      expect((await denied.json()).error.code).toBe("token_invalid");
    });
  }

  it("webhookHandler reads the raw body, verifies it, answers 200, and 400 on a bad signature", async () => {
    const provider = createMockProvider();
    const { id } = await provider.controls.seedUser({ email: "hook@example.com" });
    const received: WebhookEvent[] = [];
    const app = express();
    app.post("/hooks", webhookHandler(provider, (event) => void received.push(event)));
    const base = await listen(app);
    const delivery = await provider.controls.signWebhook({ type: "user.created", userId: id });
    const ok = await fetch(`${base}/hooks`, { method: "POST", headers: delivery.headers, body: delivery.body });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ received: true });
    expect(received.map((e) => [e.type, e.data.userId])).toEqual([["user.created", id]]);
    const bad = await fetch(`${base}/hooks`, { method: "POST", headers: delivery.headers, body: `${delivery.body} ` });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.code).toBe("webhook_invalid");
    expect(received).toHaveLength(1);
  });

  it("webhookHandler accepts express.raw() bytes and refuses a body express.json() already parsed", async () => {
    const provider = createMockProvider();
    const { id } = await provider.controls.seedUser({ email: "raw@example.com" });
    const app = express();
    app.post("/raw", express.raw({ type: "*/*" }), webhookHandler(provider, () => undefined));
    app.post("/parsed", express.json(), webhookHandler(provider, () => undefined));
    const base = await listen(app);
    const delivery = await provider.controls.signWebhook({ type: "user.created", userId: id });
    const headers = { ...delivery.headers, "content-type": "application/json" };
    expect((await fetch(`${base}/raw`, { method: "POST", headers, body: delivery.body })).status).toBe(200);
    const parsed = await fetch(`${base}/parsed`, { method: "POST", headers, body: delivery.body });
    expect(parsed.status).toBe(500);
    expect((await parsed.json()).error.message).toContain("mount webhookHandler before body parsers");
  });
});
