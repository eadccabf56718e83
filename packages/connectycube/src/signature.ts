import { hexEncode, toBytes } from "@authmux/core";

type Params = Readonly<Record<string, unknown>>;

/**
 * The string ConnectyCube's legacy session signature covers (`signParams` of SDK 3.x): every field but
 * `signature` as `name=value`, one level of nesting as `parent[child]=value`, values raw (no encoding),
 * pairs sorted with JavaScript's default sort and joined with `&`.
 *
 * @example
 * signatureString({ application_id: 4711, auth_key: "k", nonce: 1, timestamp: 2, user: { login: "a", password: "p" } })
 * // "application_id=4711&auth_key=k&nonce=1&timestamp=2&user[login]=a&user[password]=p"
 */
export function signatureString(params: Params): string {
  const pairs: string[] = [];
  for (const [name, value] of Object.entries(params)) {
    if (name === "signature" || value === undefined) continue;
    if (typeof value === "object" && value !== null) {
      for (const [child, inner] of Object.entries(value)) if (inner !== undefined) pairs.push(`${name}[${child}]=${String(inner)}`);
    } else {
      pairs.push(`${name}=${String(value)}`);
    }
  }
  return pairs.sort().join("&");
}

/** Lower-case hex HMAC-SHA1 of {@link signatureString} keyed with the auth secret (Web Crypto). */
export async function signParams(params: Params, authSecret: string): Promise<string> {
  const key = await crypto.subtle.importKey("raw", toBytes(authSecret), { name: "HMAC", hash: "SHA-1" }, false, ["sign"]);
  return hexEncode(new Uint8Array(await crypto.subtle.sign("HMAC", key, toBytes(signatureString(params)))));
}
