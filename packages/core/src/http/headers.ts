import type { HeaderRecord } from "./types.js";

/** Copies `source` into `target` with lower-cased names, so later layers override earlier ones whatever the case. */
export function lowerCaseHeaders(source: HeaderRecord, target: Record<string, string>): Record<string, string> {
  for (const name of Object.keys(source)) {
    const value = source[name];
    // Plain-JS callers may pass undefined to mean "not set".
    if (value !== undefined && value !== null) target[name.toLowerCase()] = String(value);
  }
  return target;
}

/**
 * The headers of one request: static < dynamic < per-call, plus `content-type: application/json` when a
 * body is sent. Returns `staticHeaders` itself when nothing is added (the common GET), saving a copy.
 */
export function requestHeaders(
  staticHeaders: HeaderRecord,
  dynamic: HeaderRecord | undefined,
  perCall: HeaderRecord | undefined,
  hasBody: boolean,
): HeaderRecord {
  if (dynamic === undefined && perCall === undefined && !hasBody) return staticHeaders;
  const out: Record<string, string> = { ...staticHeaders };
  if (dynamic !== undefined) lowerCaseHeaders(dynamic, out);
  if (perCall !== undefined) lowerCaseHeaders(perCall, out);
  if (hasBody && out["content-type"] === undefined) out["content-type"] = "application/json";
  return out;
}

// Header names whose values are credentials: their values join the secrets redacted from error messages.
const SENSITIVE_HEADER = /^(?:authorization|proxy-authorization|cookie)$|token|secret|key|session|password|signature/i;

/** The credential values among `headers` (and the part after an auth scheme such as `Bearer`). */
export function headerSecrets(headers: HeaderRecord): string[] {
  const out: string[] = [];
  for (const name of Object.keys(headers)) {
    if (!SENSITIVE_HEADER.test(name)) continue;
    const value = headers[name];
    if (value === undefined || value === "") continue;
    out.push(value);
    const space = value.indexOf(" ");
    if (space !== -1) out.push(value.slice(space + 1).trim());
  }
  return out;
}
