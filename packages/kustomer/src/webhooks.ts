import { AuthmuxError, type HeadersLike, lookup, optionsObject, parseWebhookJson, type RawBody, readRawBody, verifyHmacHexWebhook, type WebhookEvent, type WebhookVerifyOptions } from "@authmux/core";
import { KUSTOMER_SIGNATURE_HEADER } from "./config.js";
import { type KustomerContext, PROVIDER } from "./context.js";
import { toUser } from "./users.js";
import { wireCustomer } from "./wire.js";

/** Kustomer event names with a neutral counterpart. */
const EVENT_TYPES: Readonly<Record<string, WebhookEvent["type"]>> = {
  "kustomer.customer.create": "user.created",
  "kustomer.customer.update": "user.updated",
};

type Envelope = { id?: unknown; name?: unknown; createdAt?: unknown; data?: unknown };

/**
 * Outbound webhooks: `X-Kustomer-Webhook-Signature` is the lowercase hex HMAC-SHA256 of the raw body keyed with
 * the webhook's token, compared in constant time (header and key encoding are options: the reference has them
 * from Kustomer's docs only). No timestamp is signed, so replay protection is the envelope `id` and the app's
 * `webhookDedupe`.
 */
export function webhooksMember({ options, clock, metadata }: KustomerContext, secret: string) {
  const header = options.webhookSignatureHeader ?? KUSTOMER_SIGNATURE_HEADER;
  const keyEncoding = options.webhookKeyEncoding ?? "utf8";
  return {
    async verify(rawBody: RawBody, headers: HeadersLike, given?: WebhookVerifyOptions): Promise<WebhookEvent> {
      const verifyOptions = optionsObject(given, "webhooks.verify options");
      if (verifyOptions.now !== undefined && !(verifyOptions.now instanceof Date && Number.isFinite(verifyOptions.now.getTime()))) {
        throw new AuthmuxError("invalid_input", "webhooks.verify options: now must be a valid Date", { provider: PROVIDER });
      }
      const bytes = await readRawBody(rawBody, PROVIDER);
      const body = await verifyHmacHexWebhook(bytes, headers, { header, secret, keyEncoding, provider: PROVIDER });
      const envelope = parseWebhookJson(body, PROVIDER) as Envelope;
      if (typeof envelope.id !== "string" || envelope.id === "" || typeof envelope.name !== "string") {
        throw new AuthmuxError("webhook_invalid", "webhook rejected: the signed body is not a Kustomer event envelope (id, name)", { provider: PROVIDER });
      }
      if (options.webhookDedupe && (await options.webhookDedupe(envelope.id))) {
        throw new AuthmuxError("webhook_invalid", `webhook rejected: event ${envelope.id.slice(0, 64)} was seen before (replay or retry)`, { provider: PROVIDER });
      }
      const createdAt = typeof envelope.createdAt === "string" ? new Date(envelope.createdAt) : undefined;
      const occurredAt = createdAt && !Number.isNaN(createdAt.getTime()) ? createdAt : (verifyOptions.now ?? new Date(clock()));
      const customer = wireCustomer.safeParse(envelope.data);
      const user = customer.success ? toUser(customer.data, metadata) : undefined;
      // Conversation, message, team … events are kept whole in `raw`.
      const type = (user && lookup(EVENT_TYPES, envelope.name)) ?? "unknown";
      return {
        id: envelope.id,
        type,
        vendorType: envelope.name,
        occurredAt,
        data: user && type !== "unknown" ? { user, userId: user.id } : {},
        provider: PROVIDER,
        raw: envelope,
      };
    },
  };
}
