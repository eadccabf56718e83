import type { AuthmuxError } from "../errors/index.js";
import type { HttpRequestOptions } from "./types.js";

type Query = NonNullable<HttpRequestOptions["query"]>;

/**
 * Parses and checks a base URL: http(s), no credentials, query or fragment. Returns it without a trailing
 * slash so paths can be appended with one string concatenation per request.
 */
export function normalizeBaseUrl(baseUrl: unknown, fail: (message: string) => AuthmuxError): string {
  if (typeof baseUrl !== "string" && !(baseUrl instanceof URL)) throw fail("baseUrl must be an http(s) URL string.");
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw fail("baseUrl is not a valid URL.");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw fail(`baseUrl must use http or https, not "${url.protocol.slice(0, -1)}".`);
  // fetch refuses URLs with credentials; failing here names the option instead of every request failing.
  if (url.username !== "" || url.password !== "") throw fail("baseUrl must not contain credentials; pass them as headers.");
  if (url.search !== "" || url.hash !== "") throw fail("baseUrl must not contain a query string or fragment.");
  return url.href.replace(/\/+$/, "");
}

/**
 * `base` + `path` + the encoded query. Query arrays repeat the key; `undefined` and `null` values are
 * dropped. Keys and values use `encodeURIComponent` (a space is `%20`, never `+`).
 */
export function buildUrl(base: string, path: string, query: Query | undefined): string {
  let url = path.charCodeAt(0) === 47 /* "/" */ ? base + path : `${base}/${path}`;
  if (query === undefined) return url;
  let separator = url.includes("?") ? "&" : "?";
  for (const key of Object.keys(query)) {
    const value = query[key];
    if (value === undefined || value === null) continue;
    const name = encodeURIComponent(key);
    if (Array.isArray(value)) {
      for (const item of value as readonly unknown[]) {
        if (item === undefined || item === null) continue;
        url += `${separator}${name}=${encodeURIComponent(String(item))}`;
        separator = "&";
      }
    } else {
      url += `${separator}${name}=${encodeURIComponent(String(value))}`;
      separator = "&";
    }
  }
  return url;
}

/** The path without its query string, as messages and error mappers show it. */
export function pathOnly(path: string): string {
  const q = path.indexOf("?");
  return q === -1 ? path : path.slice(0, q);
}
