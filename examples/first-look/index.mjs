// A first look at authmux: one neutral API, whichever vendor AUTHMUX_PROVIDER names (the in-memory
// mock by default). Everything below is the same code for every vendor; what a vendor cannot do is
// detected with supports() and skipped, never failed mid-way.
import { isAuthmuxError, loadProvider, memoryQuotaStore, supports, withQuotas } from "@authmux/core";

const step = (n, text) => console.log(`\n${n}. ${text}`);
const show = (label, value) => console.log(`   ${label}: ${typeof value === "string" ? value : JSON.stringify(value)}`);

async function main() {
  const providerName = process.env.AUTHMUX_PROVIDER || "mock";
  step(1, `loadProvider() with AUTHMUX_PROVIDER=${providerName}`);
  const base = await loadProvider({ provider: providerName, requires: ["users.read"] });
  show("capabilities", base.capabilities.join(", "));

  // Quotas come from the vendor when it has them, else from a store composed onto any provider.
  const auth = supports(base, "quotas")
    ? base
    : withQuotas(base, memoryQuotaStore({ limits: { requests: { limit: 1000 }, exports: { limit: 10, period: "day" } } }));

  step(2, "users.create");
  if (!supports(auth, "users.create")) return show("skipped", `${auth.name} cannot create users`);
  const user = await auth.users.create({ email: `ada.${Date.now()}@example.com`, name: "Ada Lovelace", metadata: { plan: "free" } });
  show("user", { id: user.id, email: user.email, name: user.name, metadata: user.metadata, createdAt: user.createdAt });

  step(3, "tokens.issue, then tokens.verify");
  if (supports(auth, "tokens.issue") && supports(auth, "tokens.verify")) {
    const token = await auth.tokens.issue(user.id, { expiresInSeconds: 600 });
    show("token", `${token.slice(0, 24)}… (${token.length} chars, signed)`);
    const verified = await auth.tokens.verify(token);
    show("verified", { userId: verified.userId, sessionId: verified.sessionId, issuer: verified.issuer, expiresAt: verified.expiresAt });
    try {
      await auth.tokens.verify(`${token.slice(0, -4)}AAAA`);
    } catch (error) {
      if (!isAuthmuxError(error)) throw error;
      show("a tampered token", `${error.code}: ${error.message}`);
    }
  } else {
    show("skipped", `${auth.name} does not issue tokens on the server`);
  }

  step(4, "users.patchMetadata: merge, and null removes a key");
  if (supports(auth, "users.metadata")) {
    const patched = await auth.users.patchMetadata(user.id, { plan: "pro", seats: 5 });
    show("after { plan: 'pro', seats: 5 }", patched.metadata);
    const trimmed = await auth.users.patchMetadata(user.id, { seats: null });
    show("after { seats: null }", trimmed.metadata);
  } else {
    show("skipped", `${auth.name} keeps no user metadata`);
  }

  step(5, "quotas: consume and check");
  const quota = (await auth.quotas.list(user.id))[0];
  if (quota) {
    const after = await auth.quotas.increment(user.id, quota.name, 3);
    show(quota.name, { used: after.used, limit: after.limit, remaining: after.remaining });
    show("hasRemaining", await auth.quotas.hasRemaining(user.id, quota.name));
  }

  step(6, "users.list: every page");
  if (supports(auth, "users.list")) {
    const emails = [];
    for await (const u of auth.users.iterate({ limit: 50 })) emails.push(u.email);
    show(`${emails.length} user(s)`, emails.slice(0, 5));
  } else {
    show("skipped", `${auth.name} cannot list users`);
  }

  step(7, "errors have stable codes");
  const missing = await auth.users.get("user_that_does_not_exist");
  show("users.get(unknown id)", missing);
  try {
    await auth.users.create({ email: "not-an-email" });
  } catch (error) {
    if (!isAuthmuxError(error)) throw error;
    show("users.create({ email: 'not-an-email' })", `${error.code}: ${error.message}`);
  }
  console.log("\nDone: the same code runs on any vendor; set AUTHMUX_PROVIDER to switch.");
}

main().catch((error) => {
  console.error(isAuthmuxError(error) ? `\n${error.code}: ${error.message}` : error);
  process.exitCode = 1;
});
