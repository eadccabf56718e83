import type { HttpClient, HttpResponse } from "@authmux/core";
import type { ParsedOptions } from "./config.js";
import { passwordOf, type SessionUser } from "./input.js";
import { signParams } from "./signature.js";
import { type WireSession, wireSessionEnvelope } from "./wire.js";

/**
 * `POST /session`: an application session without `user`, else a user (or guest) session. Signed with
 * the legacy HMAC-SHA1 scheme when `authSecret` is configured, unsigned otherwise (vendors/connectycube.md §3).
 */
export async function createSession(http: HttpClient, options: ParsedOptions, user?: SessionUser): Promise<HttpResponse<{ session: WireSession }>> {
  const body: Record<string, unknown> = { application_id: Number(options.appId), auth_key: options.authKey };
  if (options.authSecret !== undefined) {
    body.nonce = crypto.getRandomValues(new Uint32Array(1))[0];
    body.timestamp = Math.floor((options.clock ?? Date.now)() / 1000);
  }
  if (user) body.user = user;
  if (options.authSecret !== undefined) body.signature = await signParams(body, options.authSecret);
  // Unsigned, a repeat only makes a second session that expires unused: safe to retry. Signed, the API
  // refuses a (timestamp, nonce) pair it has seen, so a signed body is sent once. The password never shows.
  const idempotent = options.authSecret === undefined && user === undefined;
  return http.request("POST", "/session", { body, schema: wireSessionEnvelope, idempotent, secrets: passwordOf(user) });
}
