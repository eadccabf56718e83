const MAX_LENGTH = 200;

/**
 * The human-readable message in a vendor error body, from the shapes vendors use: `message`,
 * `error_message`, `error_description`, `error` (string or `{ message }`), `errors[0].long_message` or
 * `errors[0].message`, or a short text body. `undefined` when there is none. Cut to 200 characters.
 */
export function vendorMessage(body: unknown): string | undefined {
  if (typeof body === "string") return clip(body);
  if (typeof body !== "object" || body === null) return undefined;
  const record = body as Record<string, unknown>;
  const error = record.error;
  const first = Array.isArray(record.errors) ? (record.errors[0] as unknown) : undefined;
  return (
    text(record.message) ??
    text(record.error_message) ??
    text(record.error_description) ??
    text(error) ??
    field(error, "message") ??
    field(first, "long_message") ??
    field(first, "message") ??
    text(first)
  );
}

function field(value: unknown, name: string): string | undefined {
  return typeof value === "object" && value !== null ? text((value as Record<string, unknown>)[name]) : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === "string" ? clip(value) : undefined;
}

function clip(value: string): string | undefined {
  const trimmed = value.trim().replace(/\s+/g, " ");
  if (trimmed === "") return undefined;
  return trimmed.length > MAX_LENGTH ? `${trimmed.slice(0, MAX_LENGTH)}…` : trimmed;
}
