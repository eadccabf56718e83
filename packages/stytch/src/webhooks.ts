import { type HeadersLike, lookup, optionsObject, parseWebhookJson, type RawBody, verifyStandardWebhook, type WebhookEvent, type WebhookEventType, type WebhookVerifyOptions } from "@authmux/core";
import { type StytchContext, PROVIDER } from "./context.js";
import { toUser } from "./users.js";
import { wireUser } from "./wire.js";
import { safeParse } from "zod/mini";

type Envelope = { event_id?: unknown; action?: unknown; object_type?: unknown; source?: unknown; id?: unknown; timestamp?: unknown; user?: unknown };

const USER_ACTIONS: Readonly<Record<string, WebhookEventType>> = { CREATE: "user.created", UPDATE: "user.updated", DELETE: "user.deleted" };

/**
 * Stytch delivers webhooks through Svix: core's Standard Webhooks verifier (svix-* headers, ±300 s).
 * The event name is not in the payload; it is `source.object_type.action` in lower case
 * (`direct.user.create`), and user events map to `user.created` / `user.updated` / `user.deleted`.
 */
export function webhooksMember({ clock }: StytchContext, secret: string) {
  return {
    async verify(rawBody: RawBody, headers: HeadersLike, given?: WebhookVerifyOptions): Promise<WebhookEvent> {
      const verifyOptions = optionsObject(given, "webhooks.verify options");
      const delivery = await verifyStandardWebhook(rawBody, headers, { secret, now: verifyOptions.now ?? new Date(clock()), provider: PROVIDER });
      const envelope = parseWebhookJson(delivery.body, PROVIDER) as Envelope;
      const text = (v: unknown) => (typeof v === "string" ? v : "");
      const [source, object, action] = [text(envelope.source), text(envelope.object_type), text(envelope.action)];
      const vendorType = `${source}.${object}.${action}`.toLowerCase();
      const type: WebhookEventType = object === "user" ? (lookup(USER_ACTIONS, action) ?? "unknown") : "unknown";
      const data: WebhookEvent["data"] = {};
      const parsed = safeParse(wireUser, envelope.user);
      if (parsed.success) data.user = toUser(parsed.data);
      if (object === "user" && typeof envelope.id === "string" && envelope.id !== "") data.userId = envelope.id;
      const occurredAt = typeof envelope.timestamp === "string" && !Number.isNaN(Date.parse(envelope.timestamp)) ? new Date(envelope.timestamp) : delivery.timestamp;
      // Stytch's event id, else Svix's message id: both are stable across retries.
      return { id: typeof envelope.event_id === "string" && envelope.event_id !== "" ? envelope.event_id : delivery.id, type, vendorType, occurredAt, data, provider: PROVIDER, raw: envelope };
    },
  };
}
