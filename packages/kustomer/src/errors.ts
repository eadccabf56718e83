import type { AuthmuxError, HttpErrorContext } from "@authmux/core";

/** The first entry of Kustomer's `errors` array, whichever of its two documented shapes it has. */
interface KustomerErrorEntry {
  status?: number | string;
  code?: string;
  title?: string;
  detail?: string;
  message?: string;
  source?: { parameter?: string; pointer?: string };
}

/**
 * Kustomer's error bodies: `{ errors: [{ status, code, title, detail, source: { parameter | pointer } }] }`
 * (JSON:API style, `status` a number in traffic and a string in the spec) or `{ errors: [{ code, message, meta }] }`
 * (vendors/kustomer.md §6). One place maps them; anything not matched falls back to core's mapping by status.
 */
export function toAuthmuxError(context: HttpErrorContext): AuthmuxError | undefined {
  const entry = firstError(context.body);
  const call = `${context.method} ${context.path}`;
  const said = [entry?.title, entry?.detail ?? entry?.message].filter((s): s is string => typeof s === "string" && s.length > 0).join(": ").slice(0, 200);
  const suffix = said ? ` Kustomer said: "${said}"` : "";
  const field = entry?.source?.parameter ?? entry?.source?.pointer;
  switch (context.status) {
    case 400:
    case 422:
      if (entry?.code === "badparam" || entry?.code === "bad_request" || field !== undefined) {
        // Our own checks run first, so this is a field the org does not define or a value its schema refuses.
        const named = field ? ` field "${field.slice(0, 100)}"` : "";
        return context.error("invalid_input", `Kustomer refused${named} on ${call}: check that custom attributes exist on the org's Customer klass with that type.${suffix}`);
      }
      return context.error("provider_error", `Kustomer rejected ${call} as invalid (HTTP ${context.status}).${suffix}`);
    case 401:
      return context.error("provider_auth_failed", `Kustomer rejected the API key on ${call} (HTTP 401): check KUSTOMER_API_KEY (expired, revoked or for another region).${suffix}`);
    case 403:
      return context.error(
        "provider_auth_failed",
        `Kustomer refused ${call} (HTTP 403): the API key lacks a role it needs (org.permission.customer.* for customers, org.admin for the chat secret).${suffix}`,
      );
    case 404:
      return context.error("not_found", `Kustomer found nothing for ${call}.${suffix}`);
    case 409:
      return context.error("conflict", `Kustomer refused ${call}: another customer already has this ${field ?? "email or externalId"}.${suffix}`);
    default:
      return undefined;
  }
}

function firstError(body: unknown): KustomerErrorEntry | undefined {
  const errors = (body as { errors?: unknown } | undefined)?.errors;
  const first: unknown = Array.isArray(errors) ? errors[0] : undefined;
  return typeof first === "object" && first !== null ? (first as KustomerErrorEntry) : undefined;
}
