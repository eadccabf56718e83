import type { AuthmuxError, HttpErrorContext } from "@authmux/core";

/**
 * Kobble's error bodies, NestJS style: `{ statusCode, message, error }` where `message` is a string or,
 * for validation errors, a list of strings (vendors/kobble.md §2). One place maps them to authmux codes;
 * anything not matched here falls back to core's mapping by status.
 */
export function toAuthmuxError(context: HttpErrorContext): AuthmuxError | undefined {
  const said = kobbleMessage(context.body);
  const call = `${context.method} ${context.path}`;
  const suffix = said ? ` Kobble said: "${said}"` : "";
  switch (context.status) {
    case 400:
      if (/already (exists|in use|taken)/i.test(said)) return context.error("conflict", `Kobble refused ${call}: the email or phone number is already used.${suffix}`);
      return context.error("provider_error", `Kobble rejected ${call} as invalid (HTTP 400).${suffix}`);
    case 401:
    case 403:
      return context.error(
        "provider_auth_failed",
        `Kobble rejected the SDK secret on ${call} (HTTP ${context.status}): check KOBBLE_SDK_SECRET (dashboard → project → admin SDK).${suffix}`,
      );
    case 404:
      return context.error("not_found", `Kobble found nothing for ${call}.${suffix}`);
    case 409:
      return context.error("conflict", `Kobble refused ${call}: the email or phone number is already used.${suffix}`);
    default:
      return undefined;
  }
}

function kobbleMessage(body: unknown): string {
  if (typeof body === "string") return body.slice(0, 200);
  const message = (body as { message?: unknown } | undefined)?.message;
  if (typeof message === "string") return message.slice(0, 200);
  if (Array.isArray(message)) return message.filter((m) => typeof m === "string").join("; ").slice(0, 200);
  return "";
}
