import { hexEncode, toBytes } from "@authmux/core";

// The legacy session signature, written from the rule in vendors/connectycube.md §3.2, NOT from the
// adapter's src/signature.ts: the fake checks what ConnectyCube checks, so a wrong adapter is caught.

/**
 * What is signed: every body field but `signature` as `name=value`, one level of nesting as
 * `parent[child]=value`, values raw, the pairs in JavaScript's default sort, joined with `&`.
 */
export function signedString(body: Readonly<Record<string, unknown>>): string {
  const pairs = Object.entries(body).flatMap(([name, value]) => {
    if (name === "signature") return [];
    if (typeof value !== "object" || value === null) return [`${name}=${String(value)}`];
    return Object.entries(value).map(([child, inner]) => `${name}[${child}]=${String(inner)}`);
  });
  return pairs.sort().join("&");
}

/** Lower-case hex HMAC-SHA1 of {@link signedString}, keyed with the auth secret. */
export async function signatureOf(body: Readonly<Record<string, unknown>>, authSecret: string): Promise<string> {
  const key = await crypto.subtle.importKey("raw", toBytes(authSecret), { name: "HMAC", hash: "SHA-1" }, false, ["sign"]);
  return hexEncode(new Uint8Array(await crypto.subtle.sign("HMAC", key, toBytes(signedString(body)))));
}
