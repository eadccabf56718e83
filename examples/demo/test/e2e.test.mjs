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

/** How long a slowed request takes, so the test sees the busy state ("working…"). */
const SLOW_MS = 600;
/** The JWT providers answer an expired token with token_expired; ConnectyCube's opaque tokens cannot tell. */
const EXPIRED_CODE = { connectycube: "token_invalid" };

describe.each(PROVIDERS.map((p) => ({ label: p.name, redis: false, ...p })))("the demo page on $label", (p) => {
  it("signs in, shows claims, meters the quota, gates permissions, logs webhooks, expires, holds at 360 px and revokes — where supported", async () => {
    const demo = await startDemo({ env: p.env });
    servers.add(demo);
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    context.setDefaultTimeout(STEP_TIMEOUT);
    const page = await context.newPage();
    const pageErrors = [];
    page.on("pageerror", (e) => pageErrors.push(e.message));
    // Every failed load of a page asset (the favicon included); the API's 4xx answers are part of the demo.
    const failedAssets = [];
    page.on("response", (r) => {
      if (r.status() >= 400 && !new URL(r.url()).pathname.startsWith("/api/")) failedAssets.push(`${r.status()} ${r.url()}`);
    });
    const byId = (id) => page.getByTestId(id);
    const text = (id) => () => byId(id).first().textContent();
    const poll = { timeout: STEP_TIMEOUT, interval: 50 };
    /** Clicks a button whose request is slowed down, and sees it disabled and "working…" until the answer. */
    const clickSlowed = async (id, path) => {
      const pattern = `**${path}`;
      await page.route(pattern, async (route) => {
        await new Promise((resolve) => setTimeout(resolve, SLOW_MS));
        await route.continue();
      });
      const label = await byId(id).textContent();
      await byId(id).click();
      await expect.poll(text(id), poll).toBe("working…");
      expect(await byId(id).isDisabled()).toBe(true);
      await expect.poll(text(id), { ...poll, timeout: STEP_TIMEOUT + SLOW_MS }).toBe(label);
      expect(await byId(id).isDisabled()).toBe(false);
      await page.unroute(pattern);
    };
    try {
      await page.goto(demo.url);
      await page.waitForSelector("body[data-ready=true]");

      // Provider and capabilities.
      expect(await byId("provider-name").textContent()).toBe(p.name);
      expect(await byId("provider-mode").textContent()).toContain(p.name === "mock" ? "mock" : "fake");
      expect(await byId("cap-tokens.verify").count()).toBe(1);
      expect(await byId("signin-note").textContent()).toContain("In production the vendor's frontend SDK");

      // Before signing in, the quota is refused; that message must not outlive the next action.
      await byId("quota-use").click();
      await expect.poll(text("quota-message"), poll).toContain("401 unauthenticated");

      // Sign in (slowed: the button is busy meanwhile): the token's claims, the user's profile, the expiry countdown.
      await clickSlowed("sign-in", "/api/demo-login");
      await expect.poll(text("me-status"), poll).toContain("200 OK");
      expect(await byId("quota-message").textContent()).toBe("");
      expect(await byId("me-status").textContent()).toContain(p.sessionCheck ? "sessions.authenticate" : "tokens.verify");
      expect(await byId("claims").textContent()).toContain('"userId"');
      expect(await byId("profile").textContent()).toContain("ada@example.com");
      await expect.poll(text("token-expiry"), poll).toMatch(/^expires in \d+ (s|min)$/);
      expect(await byId("sign-in-again").isVisible()).toBe(false);

      // The quota (from Redis when REDIS_URL is set): three uses, then the refusal and a red (not green) full bar.
      if (p.redis) expect(await byId("quota-source").textContent()).toContain("redisQuotaStore");
      await expect.poll(text("quota-meter"), poll).toContain("0 / 3");
      const barColour = () => byId("quota-bar").locator(".fill").evaluate((el) => getComputedStyle(el).backgroundColor);
      const green = await barColour();
      await clickSlowed("quota-use", "/api/quota/use");
      await expect.poll(text("quota-meter"), poll).toContain("1 / 3");
      for (let i = 2; i <= 3; i++) {
        await byId("quota-use").click();
        await expect.poll(text("quota-meter"), poll).toContain(`${i} / 3`);
      }
      await byId("quota-use").click();
      await expect.poll(text("quota-message"), poll).toContain("429 quota_exceeded");
      expect(await byId("quota-meter").textContent()).toContain("3 / 3 used, 0 left — exhausted");
      expect(await byId("quota-bar").getAttribute("data-state")).toBe("exhausted");
      expect(await barColour()).toBe("rgb(201, 42, 42)");
      expect(await barColour()).not.toBe(green);

      // Permission-gated actions.
      if (p.permissions) {
        await byId("action-export").click();
        await expect.poll(text("action-result"), poll).toContain("Allowed");
        expect(await byId("quota-message").textContent()).toBe("");
        await byId("action-delete").click();
        await expect.poll(text("action-result"), poll).toContain("403 permission_denied");
      } else {
        expect(await byId("action-export").isDisabled()).toBe(true);
        expect(await byId("action-delete").isDisabled()).toBe(true);
        expect(await byId("permissions-reason").textContent()).toContain(`${p.name} has no permissions capability`);
      }

      // Webhooks: signed the vendor's way, posted to the demo's route, verified, logged: three sign-ups, three
      // deliveries, three ids (Kobble sends none: its adapter's id is a hash of the body, distinct per user).
      if (p.webhooks) {
        for (let i = 1; i <= 3; i++) {
          await byId("webhook-trigger").click();
          await expect.poll(() => byId("webhook-event").count(), poll).toBe(i);
        }
        expect(await byId("webhook-result").textContent()).toContain("Delivered and verified");
        expect(await text("webhook-event")()).toContain(`user.created (${p.name})`);
        const ids = await byId("webhook-id").allTextContents();
        expect(new Set(ids).size).toBe(3);
        expect(await page.getByText("repeat: an id seen before").count()).toBe(0);
      } else {
        expect(await byId("webhook-trigger").isDisabled()).toBe(true);
        expect(await byId("webhooks-reason").textContent()).toContain(`${p.name} has no webhooks capability`);
        expect(await byId("webhook-event").count()).toBe(0);
      }

      // A phone's width: nothing wider than the page, the panels still there.
      await page.setViewportSize({ width: 360, height: 800 });
      const overflow = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
      expect(overflow.scroll).toBeLessThanOrEqual(overflow.client);
      for (const id of ["sign-in", "claims", "profile", "quota-bar", "quota-use", "revoke", "webhook-trigger"]) {
        await byId(id).scrollIntoViewIfNeeded();
        expect(await byId(id).isVisible(), id).toBe(true);
        const box = await byId(id).boundingBox();
        expect(box && box.x >= 0 && box.x + box.width <= 360, `${id} inside 360 px`).toBe(true);
      }
      await page.screenshot({ path: `${RESULTS}${p.label.replace(/\W+/g, "-")}-360.png`, fullPage: true });
      await page.setViewportSize({ width: 1100, height: 900 });

      // The token expires (the demo's clock moves past it, no waiting): the next call is refused, the page says so
      // next to the token and offers "Sign in again", which works.
      const claims = JSON.parse((await byId("claims").textContent()) ?? "{}");
      expect(claims.expiresAt).toEqual(expect.any(String));
      demo.advanceClock(Date.parse(claims.expiresAt) - Date.now() + 5 * 60_000);
      await byId("refresh-me").click();
      const expiredCode = EXPIRED_CODE[p.name] ?? "token_expired";
      await expect.poll(text("me-status"), poll).toMatch(new RegExp(`^401 ${expiredCode}`));
      expect(await byId("token-expiry").textContent()).toContain(`401 ${expiredCode} — sign in again`);
      expect(await byId("claims").textContent()).toBe("—");
      expect(await byId("sign-in-again").isVisible()).toBe(true);
      await byId("sign-in-again").click();
      await expect.poll(text("me-status"), poll).toContain("200 OK");
      await expect.poll(text("token-expiry"), poll).toMatch(/^expires in/);
      expect(await byId("sign-in-again").isVisible()).toBe(false);
      await expect.poll(text("quota-meter"), poll).toContain("3 / 3");

      // Revoke, on every provider: withRevocations records it (sessions.revoke where the vendor has it, else every
      // session of the user), so the next /api/me answers 401 session_invalid — ConnectyCube too: its adapter
      // knows the session it destroyed. Nothing of the session stays: claims, profile, quota meter.
      await byId("revoke").click();
      await expect.poll(text("revoke-result"), poll).toContain("Revoked");
      await expect.poll(text("me-status"), poll).toMatch(/^401 session_invalid/);
      expect(await byId("profile").textContent()).toBe("—");
      expect(await byId("quota-meter").textContent()).toBe("—");
      expect(await byId("quota-bar").getAttribute("data-state")).toBe("unknown");
      expect(await byId("token-expiry").textContent()).toContain("401 session_invalid — sign in again");

      // The favicon: served as SVG, and no asset of the page failed to load.
      const icon = await fetch(`${demo.url}/favicon.ico`);
      expect([icon.status, icon.headers.get("content-type")]).toEqual([200, "image/svg+xml"]);
      expect(await icon.text()).toMatch(/^<svg /);
      expect(failedAssets).toEqual([]);

      expect(pageErrors).toEqual([]);
    } finally {
      await page.screenshot({ path: `${RESULTS}${p.label.replace(/\W+/g, "-")}.png`, fullPage: true }).catch(() => {});
      await context.close();
      await demo.close();
      servers.delete(demo);
    }
  });
});
