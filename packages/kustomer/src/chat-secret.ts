import type { HttpClient } from "@authmux/core";
import { wireCustomerSettings } from "./wire.js";

/**
 * The chat login secret: the `chatSecret` option, or read ONCE from `GET /v1/auth/customer/settings`
 * (`data.attributes.secret`; the key needs `org.admin`). Concurrent first calls share the request; a failure
 * is not cached, so the next call tries again.
 */
export function chatSecretSource(http: HttpClient, configured: string | undefined): () => Promise<string> {
  if (configured !== undefined) {
    const known = Promise.resolve(configured);
    return () => known;
  }
  let pending: Promise<string> | undefined;
  return () => {
    const current = (pending ??= http.request("GET", "/v1/auth/customer/settings", { schema: wireCustomerSettings }).then((r) => r.data.data.attributes.secret));
    current.catch(() => {
      if (pending === current) pending = undefined;
    });
    return current;
  };
}
