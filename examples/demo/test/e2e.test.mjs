// @ts-check
// End to end in a real browser: Debian's Chromium, driven by playwright-core, clicks through the demo page
// for the mock and for the REAL adapter of every vendor against its fake, each step only where the provider
// has the capability (and asserts the disabled control and its reason where it has not).
import { existsSync, mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDemo } from "../server.mjs";

const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const RESULTS = fileURLToPath(new URL("../test-results/", import.meta.url));
const STEP_TIMEOUT = 10_000;

/** What each provider can do, stated here (not read from the page) so a regression shows. */
const PROVIDERS = [
  { name: "mock", env: {}, permissions: true, sessionCheck: true, webhooks: true },
  { name: "kobble", env: { AUTHMUX_PROVIDER: "kobble", AUTHMUX_FAKE: "1" }, permissions: true, sessionCheck: false, webhooks: true },
  { name: "stytch", env: { AUTHMUX_PROVIDER: "stytch", AUTHMUX_FAKE: "1" }, permissions: false, sessionCheck: true, webhooks: true },
  { name: "clerk", env: { AUTHMUX_PROVIDER: "clerk", AUTHMUX_FAKE: "1" }, permissions: false, sessionCheck: true, webhooks: true },
  { name: "connectycube", env: { AUTHMUX_PROVIDER: "connectycube", AUTHMUX_FAKE: "1" }, permissions: false, sessionCheck: true, webhooks: false },
  { name: "kustomer", env: { AUTHMUX_PROVIDER: "kustomer", AUTHMUX_FAKE: "1" }, permissions: false, sessionCheck: false, webhooks: true },
  // With REDIS_URL the quota meter and revocations live in Redis (.ci/run provides one).
  ...(process.env.AUTHMUX_REDIS_URL
    ? [{ name: "stytch", label: "stytch on Redis", env: { AUTHMUX_PROVIDER: "stytch", AUTHMUX_FAKE: "1", REDIS_URL: process.env.AUTHMUX_REDIS_URL, REDIS_PREFIX: `authmux-e2e:${process.pid}:${Date.now()}` }, permissions: false, sessionCheck: true, webhooks: true, redis: true }]
    : []),
];

/** @type {import("playwright-core").Browser | undefined} */
let browser;
/** @type {Set<{ close: () => Promise<void> }>} */
const servers = new Set();

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`no Chromium at ${CHROMIUM}: install it (apt-get update && apt-get install -y chromium) or set CHROMIUM_PATH`);
  }
  mkdirSync(RESULTS, { recursive: true });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    timeout: 20_000,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
});

afterAll(async () => {
  await Promise.allSettled([...servers].map((s) => s.close()));
  await browser?.close();
});

describe.each(PROVIDERS.map((p) => ({ label: p.name, redis: false, ...p })))("the demo page on $label", (p) => {
  it("signs in, shows claims, meters the quota, gates permissions, logs webhooks and revokes — where supported", async () => {
    const demo = await startDemo({ env: p.env });
    servers.add(demo);
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    context.setDefaultTimeout(STEP_TIMEOUT);
    const page = await context.newPage();
    const pageErrors = [];
    page.on("pageerror", (e) => pageErrors.push(e.message));
    const byId = (id) => page.getByTestId(id);
    const text = (id) => () => byId(id).first().textContent();
    const poll = { timeout: STEP_TIMEOUT, interval: 50 };
    try {
      await page.goto(demo.url);
      await page.waitForSelector("body[data-ready=true]");

      // Provider and capabilities.
      expect(await byId("provider-name").textContent()).toBe(p.name);
      expect(await byId("provider-mode").textContent()).toContain(p.name === "mock" ? "mock" : "fake");
      expect(await byId("cap-tokens.verify").count()).toBe(1);
      expect(await byId("signin-note").textContent()).toContain("In production the vendor's frontend SDK");

      // Sign in: the token's claims and the user's profile.
      await byId("sign-in").click();
      await expect.poll(text("me-status"), poll).toContain("200 OK");
      expect(await byId("me-status").textContent()).toContain(p.sessionCheck ? "sessions.authenticate" : "tokens.verify");
      expect(await byId("claims").textContent()).toContain('"userId"');
      expect(await byId("profile").textContent()).toContain("ada@example.com");

      // The quota (from Redis when REDIS_URL is set): three uses, then the refusal.
      if (p.redis) expect(await byId("quota-source").textContent()).toContain("redisQuotaStore");
      await expect.poll(text("quota-meter"), poll).toContain("0 / 3");
      for (let i = 1; i <= 3; i++) {
        await byId("quota-use").click();
        await expect.poll(text("quota-meter"), poll).toContain(`${i} / 3`);
      }
      await byId("quota-use").click();
      await expect.poll(text("quota-message"), poll).toContain("429 quota_exceeded");
      expect(await byId("quota-meter").textContent()).toContain("3 / 3");

      // Permission-gated actions.
      if (p.permissions) {
        await byId("action-export").click();
        await expect.poll(text("action-result"), poll).toContain("Allowed");
        await byId("action-delete").click();
        await expect.poll(text("action-result"), poll).toContain("403 permission_denied");
      } else {
        expect(await byId("action-export").isDisabled()).toBe(true);
        expect(await byId("action-delete").isDisabled()).toBe(true);
        expect(await byId("permissions-reason").textContent()).toContain(`${p.name} has no permissions capability`);
      }

      // Webhooks: signed the vendor's way, posted to the demo's route, verified, logged.
      if (p.webhooks) {
        await byId("webhook-trigger").click();
        await expect.poll(text("webhook-result"), poll).toContain("Delivered and verified");
        await expect.poll(text("webhook-event"), poll).toContain(`user.created (${p.name})`);
      } else {
        expect(await byId("webhook-trigger").isDisabled()).toBe(true);
        expect(await byId("webhooks-reason").textContent()).toContain(`${p.name} has no webhooks capability`);
        expect(await byId("webhook-event").count()).toBe(0);
      }

      // Revoke, on every provider: withRevocations records it (sessions.revoke where the vendor has it, else every
      // session of the user), so the next /api/me answers 401 (ConnectyCube says token_invalid: its API answers
      // the same for an unknown and an ended session token).
      await byId("revoke").click();
      await expect.poll(text("revoke-result"), poll).toContain("Revoked");
      await expect.poll(text("me-status"), poll).toMatch(/^401 (session_invalid|token_invalid)/);
      expect(await byId("profile").textContent()).toBe("—");

      expect(pageErrors).toEqual([]);
    } finally {
      await page.screenshot({ path: `${RESULTS}${p.label.replace(/\W+/g, "-")}.png`, fullPage: true }).catch(() => {});
      await context.close();
      await demo.close();
      servers.delete(demo);
    }
  });
});
