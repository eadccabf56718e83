import { expect } from "vitest";
import { type TestContext, type TestTable, T0, wrongType } from "../context.js";

function signer(t: TestContext) {
  if (!t.controls.signWebhook) throw new Error("the harness declares webhooks but its controls have no signWebhook");
  return t.controls.signWebhook.bind(t.controls);
}

export const webhooksTests = {
  "a signed delivery maps to the neutral event": async (t) => {
    const id = await t.seed();
    for (const type of t.fixtures.webhookTypes) {
      const { body, headers } = await signer(t)({ type, userId: id });
      const event = await t.auth.webhooks.verify(body, headers);
      expect(event.type).toBe(type);
      expect(event.provider).toBe(t.auth.name);
      expect(event.data.userId ?? event.data.user?.id).toBe(id);
      expect(typeof event.id).toBe("string");
      expect(event.occurredAt).toBeInstanceOf(Date);
      expect(event.raw).toBeDefined();
    }
  },
  "bytes work as well as a string": async (t) => {
    const id = await t.seed();
    const { body, headers } = await signer(t)({ type: t.fixtures.webhookTypes[0] ?? "user.created", userId: id });
    const event = await t.auth.webhooks.verify(new TextEncoder().encode(body), new Headers(headers));
    expect(event.data.userId ?? event.data.user?.id).toBe(id);
  },
  "a tampered body is webhook_invalid": async (t) => {
    const id = await t.seed();
    const { body, headers } = await signer(t)({ type: t.fixtures.webhookTypes[0] ?? "user.created", userId: id });
    await t.rejects(() => t.auth.webhooks.verify(body.replace(id, `${id}x`), headers), "webhook_invalid");
    await t.rejects(() => t.auth.webhooks.verify(`${body} `, headers), "webhook_invalid");
  },
  "missing headers, a foreign secret or a parsed body are webhook_invalid": async (t) => {
    const id = await t.seed();
    const type = t.fixtures.webhookTypes[0] ?? "user.created";
    const { body } = await signer(t)({ type, userId: id });
    await t.rejects(() => t.auth.webhooks.verify(body, {}), "webhook_invalid");
    const foreign = await signer(t)({ type, userId: id, foreign: true });
    await t.rejects(() => t.auth.webhooks.verify(foreign.body, foreign.headers), "webhook_invalid");
    const good = await signer(t)({ type, userId: id });
    await t.rejects(() => t.auth.webhooks.verify(wrongType(JSON.parse(good.body)), good.headers), ["webhook_invalid", "invalid_input"]);
  },
  "a stale delivery is webhook_invalid": async (t) => {
    const id = await t.seed();
    const { body, headers } = await signer(t)({ type: t.fixtures.webhookTypes[0] ?? "user.created", userId: id });
    await t.rejects(() => t.auth.webhooks.verify(body, headers, { now: new Date(T0 + 3_600_000) }), "webhook_invalid");
    await t.rejects(() => t.auth.webhooks.verify(body, headers, { now: new Date(T0 - 3_600_000) }), "webhook_invalid");
  },
} satisfies TestTable;
