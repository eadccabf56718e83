import { type HeadersLike, lookup, optionsObject, parseWebhookJson, type RawBody, verifyStandardWebhook, type WebhookEvent, type WebhookEventType, type WebhookVerifyOptions } from "@authmux/core";
import { safeParse } from "zod/mini";
import { type ClerkContext, PROVIDER } from "./context.js";
import { toSession } from "./sessions.js";
import { toUser } from "./users.js";
import { wireSession, wireUser } from "./wire.js";

const TYPES: Readonly<Record<string, WebhookEventType>> = {
  "user.created": "user.created",
  "user.updated": "user.updated",
  "user.deleted": "user.deleted",
  "session.created": "session.created",
  "session.ended": "session.ended",
  "session.removed": "session.ended",
  "session.revoked": "session.ended",
};

/** Clerk delivers webhooks through Svix: core's Standard Webhooks verifier, then Clerk's event names. */
export function webhooksMember({ clock, metadataKey }: ClerkContext, secret: string) {
  return {
    async verify(rawBody: RawBody, headers: HeadersLike, verifyOptions?: WebhookVerifyOptions): Promise<WebhookEvent> {
      const { now } = optionsObject(verifyOptions, "webhooks.verify options");
      const delivery = await verifyStandardWebhook(rawBody, headers, { secret, now: now ?? new Date(clock()), provider: PROVIDER });
      const envelope = parseWebhookJson(delivery.body, PROVIDER) as { type?: unknown; data?: unknown };
      const vendorType = typeof envelope.type === "string" ? envelope.type : "unknown";
      const data: WebhookEvent["data"] = {};
      const payload = (typeof envelope.data === "object" && envelope.data !== null ? envelope.data : {}) as Record<string, unknown>;
      const user = safeParse(wireUser, vendorType.startsWith("session.") ? payload.user : payload);
      if (user.success) data.user = toUser(user.data, metadataKey);
      const session = safeParse(wireSession, payload);
      if (session.success) data.session = toSession(session.data);
      const userId = data.user?.id ?? data.session?.userId ?? (vendorType === "user.deleted" && typeof payload.id === "string" ? payload.id : undefined);
      if (userId) data.userId = userId;
      // Svix's message id is stable across retries: the dedupe key. The envelope timestamp's unit is unclear.
      return { id: delivery.id, type: lookup(TYPES, vendorType) ?? "unknown", vendorType, occurredAt: delivery.timestamp, data, provider: PROVIDER, raw: envelope };
    },
  };
}
