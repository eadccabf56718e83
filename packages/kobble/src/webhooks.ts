import { AuthmuxError, type HeadersLike, hexEncode, type Quota, type RawBody, readRawBody, verifyHmacHexWebhook, type WebhookEvent, type WebhookVerifyOptions } from "@authmux/core";
import { type KobbleContext, PROVIDER } from "./context.js";
import { toUser } from "./users.js";

/** The header Kobble signs its deliveries in. */
export const SIGNATURE_HEADER = "Kobble-Signature";

type Envelope = { type?: unknown; data?: Record<string, unknown> };

/**
 * Kobble webhooks: a hex HMAC-SHA256 of the raw body keyed with the hex-decoded secret, compared in
 * constant time. Kobble signs no timestamp and sends no id, so the event id is a hash of the body and
 * replay protection is the app's: pass `webhookDedupe` to refuse deliveries seen before.
 */
export function webhooksMember({ options, clock }: KobbleContext, secret: string) {
  return {
    async verify(rawBody: RawBody, headers: HeadersLike, verifyOptions: WebhookVerifyOptions = {}): Promise<WebhookEvent> {
      const bytes = await readRawBody(rawBody, PROVIDER);
      const body = await verifyHmacHexWebhook(bytes, headers, { header: SIGNATURE_HEADER, secret, keyEncoding: "hex", provider: PROVIDER });
      let envelope: Envelope;
      try {
        envelope = JSON.parse(body) as Envelope;
      } catch (error) {
        throw new AuthmuxError("webhook_invalid", "webhook rejected: the signed body is not JSON", { provider: PROVIDER, cause: error });
      }
      const id = `kobble_${hexEncode(new Uint8Array(await crypto.subtle.digest("SHA-256", bytes))).slice(0, 32)}`;
      if (options.webhookDedupe && (await options.webhookDedupe(id))) {
        throw new AuthmuxError("webhook_invalid", `webhook rejected: delivery ${id} was seen before (replay or retry)`, { provider: PROVIDER });
      }
      return toEvent(id, envelope, verifyOptions.now ?? new Date(clock()));
    },
  };
}

function toEvent(id: string, envelope: Envelope, receivedAt: Date): WebhookEvent {
  const vendorType = typeof envelope.type === "string" ? envelope.type : "unknown";
  const data = envelope.data ?? {};
  const userId = typeof data.userId === "string" ? data.userId : undefined;
  const base = { id, vendorType, provider: PROVIDER, raw: envelope };
  if (vendorType === "user.created" && typeof data.id === "string" && typeof data.createdAt === "string") {
    const user = toUser({ id: data.id, email: data.email as string | null, name: data.name as string | null, createdAt: data.createdAt, isVerified: data.isVerified === true });
    return { ...base, type: "user.created", occurredAt: user.createdAt, data: { user, userId: user.id } };
  }
  if (vendorType === "quota.reached" && typeof data.quotaName === "string" && typeof data.usage === "number") {
    const limit = typeof data.limit === "number" ? data.limit : null;
    const quota: Quota = { name: data.quotaName, used: data.usage, limit, remaining: limit === null ? null : Math.max(0, limit - data.usage), resetsAt: null };
    return { ...base, type: "quota.updated", occurredAt: receivedAt, data: { quota, ...(userId ? { userId } : {}) } };
  }
  // subscription.*, ping and anything new: kept whole in `raw`.
  return { ...base, type: "unknown", occurredAt: receivedAt, data: userId ? { userId } : {} };
}
