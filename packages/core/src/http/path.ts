import { AuthmuxError } from "../errors/authmux-error.js";

const MAX_PARAMETER_LENGTH = 1024;
// A dot segment in any spelling contains "." or "%" (a percent-encoded dot).
const MAY_BE_DOT_SEGMENT = /[.%]/;

/**
 * A vendor API path from a template and its parameters: each `${value}` is checked and percent-encoded as
 * one path segment (or part of one), so no value can add, remove or climb segments. An empty value, `.` or
 * `..` in any spelling (percent-encoded too), or something that is not a string or a safe integer is
 * `invalid_input` before any request. Values are never quoted in the message: they may be secrets.
 *
 * @example
 * http.request("DELETE", vendorPath`/users/${userId}`);            // "/users/user_2x%2Fy" for "user_2x/y"
 * http.request("POST", vendorPath`/sessions/${sessionId}/revoke`);
 */
export function vendorPath(template: TemplateStringsArray, ...params: unknown[]): string {
  let path = template[0] ?? "";
  for (let i = 0; i < params.length; i++) path += encodeParameter(params[i], i) + (template[i + 1] ?? "");
  lastPath = path;
  lastTemplate = template;
  return path;
}

// The path vendorPath made last and its template: adapters pass vendorPath's result straight to the request, so the
// client finds its path here and reports the template, not the values, to observability hooks. (A string
// cannot carry its template, and a map of every path made would grow without bound.)
let lastPath: string | undefined;
let lastTemplate: TemplateStringsArray | undefined;
// Segments kept as they are when a path was not made by vendorPath: words and API versions. Anything else
// (an id, a token) becomes a placeholder, so no value reaches a hook.
const PLAIN_SEGMENT = /^(?:[A-Za-z_-]+|v\d+(?:\.\d+)?)$/;

/**
 * The path as a template for observability: `{param}` for each parameter, no query string. A path vendorPath
 * just made keeps its template's literal parts; any other path keeps only plain words and versions.
 */
export function pathTemplate(path: string): string {
  const q = path.indexOf("?");
  const pathname = q === -1 ? path : path.slice(0, q);
  if (path === lastPath && lastTemplate !== undefined) {
    const template = lastTemplate.join("{param}");
    const tq = template.indexOf("?");
    return tq === -1 ? template : template.slice(0, tq);
  }
  return pathname
    .split("/")
    .map((segment) => (segment === "" || PLAIN_SEGMENT.test(segment) ? segment : "{param}"))
    .join("/");
}

function encodeParameter(value: unknown, index: number): string {
  // The common case first: a plain id needs no more than encoding.
  if (typeof value === "string" && value.length > 0 && value.length <= MAX_PARAMETER_LENGTH && !MAY_BE_DOT_SEGMENT.test(value)) return encodeURIComponent(value);
  const which = `path parameter ${index + 1}`;
  if (typeof value === "number") {
    if (!Number.isSafeInteger(value)) throw new AuthmuxError("invalid_input", `${which} must be a string or a whole number`);
    return String(value);
  }
  if (typeof value !== "string") throw new AuthmuxError("invalid_input", `${which} must be a string, not ${value === null ? "null" : typeof value}`);
  if (value.length === 0) throw new AuthmuxError("invalid_input", `${which} is empty`);
  if (value.length > MAX_PARAMETER_LENGTH) throw new AuthmuxError("invalid_input", `${which} is longer than ${MAX_PARAMETER_LENGTH} characters`);
  if (isDotSegment(value)) throw new AuthmuxError("invalid_input", `${which} is a dot segment ("." or ".."), which would change the path`);
  return encodeURIComponent(value);
}

/** True for `.` and `..`, also percent-encoded, once or several times over (`%2e`, `%252E%252e`, …). */
export function isDotSegment(segment: string): boolean {
  let current = segment;
  // Each round undoes one layer of percent-encoding; a server or proxy that decodes twice sees the same.
  for (let round = 0; round < 4; round++) {
    if (current === "." || current === "..") return true;
    if (!current.includes("%")) return false;
    let decoded: string;
    try {
      decoded = decodeURIComponent(current);
    } catch {
      return false;
    }
    if (decoded === current) return false;
    current = decoded;
  }
  return current === "." || current === "..";
}

// Without any of these a path has no dot segment, fragment or backslash: nothing more to look at.
const UNSAFE_PATH_CHARACTER = /[.%#\\]/;

/**
 * Checks a path the HTTP client is asked to call (adapters build theirs with {@link vendorPath}; callers of
 * `vendor.request` write their own): no dot segments in any spelling, no backslash (URL parsing turns it into
 * a slash), no fragment. The query part is left to URL encoding.
 */
export function checkRequestPath(path: string, provider: string): void {
  const q = path.indexOf("?");
  const pathname = q === -1 ? path : path.slice(0, q);
  if (!UNSAFE_PATH_CHARACTER.test(pathname)) return;
  if (pathname.includes("#") || pathname.includes("\\")) {
    throw new AuthmuxError("invalid_input", `${provider}: the request path contains "#" or "\\", which would change where it goes`, { provider });
  }
  for (const segment of pathname.split("/")) {
    if (isDotSegment(segment)) throw new AuthmuxError("invalid_input", `${provider}: the request path contains a dot segment ("." or ".."), which would change where it goes`, { provider });
  }
}
