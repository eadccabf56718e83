import type { AuthmuxError } from "../errors/index.js";
import type { HttpErrorContext } from "./types.js";
import { vendorMessage } from "./vendor-message.js";

/**
 * The mapping by HTTP status used when an adapter's mapper returns nothing: 401/403 →
 * `provider_auth_failed`, 404 → `not_found`, 409 → `conflict`, 429 → `rate_limited`, 5xx →
 * `provider_unavailable`, anything else → `provider_error`. The vendor body is the `cause`.
 */
export function defaultErrorMapper(context: HttpErrorContext): AuthmuxError {
  const { provider, status, attempts, retryAfter } = context;
  const call = `${context.method} ${context.path}`;
  const said = vendorMessage(context.body);
  const vendorSaid = said === undefined ? "" : ` ${provider} said: "${said}"`;
  const tries = attempts === 1 ? "" : ` after ${attempts} attempts`;

  if (status === 401 || status === 403) {
    return context.error(
      "provider_auth_failed",
      `${provider} rejected our credentials on ${call} (HTTP ${status}): check the API key or secret configured for ${provider}.${vendorSaid}`,
    );
  }
  if (status === 404) return context.error("not_found", `${provider} found nothing at ${call} (HTTP 404).${vendorSaid}`);
  if (status === 409) {
    return context.error("conflict", `${provider} refused ${call} as a conflict (HTTP 409): it already exists or changed meanwhile.${vendorSaid}`);
  }
  if (status === 429) {
    const wait = retryAfter === undefined ? "" : `; it asks to retry after ${retryAfter} s`;
    return context.error("rate_limited", `${provider} rate limit reached on ${call} (HTTP 429)${tries}${wait}.${vendorSaid}`);
  }
  if (status >= 500) {
    return context.error("provider_unavailable", `${provider} is unavailable: ${call} returned HTTP ${status}${tries}.${vendorSaid}`);
  }
  return context.error("provider_error", `${provider} rejected ${call} with HTTP ${status}.${vendorSaid}`);
}
