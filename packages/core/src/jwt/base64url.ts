// Strict base64url for JWS segments: the URL-safe alphabet only, no padding, no whitespace, and no
// non-canonical encodings (unused trailing bits must be zero), so one token has exactly one spelling.

const VALUES = new Int16Array(128).fill(-1);
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
for (let i = 0; i < ALPHABET.length; i++) VALUES[ALPHABET.charCodeAt(i)] = i;

/** Decodes `text[start, end)` or returns `null` when it is not canonical base64url. */
export function decodeBase64Url(text: string, start = 0, end = text.length): Uint8Array<ArrayBuffer> | null {
  const length = end - start;
  const rest = length % 4;
  if (rest === 1) return null;
  const out = new Uint8Array(((length * 3) >> 2) | 0);
  let o = 0;
  let i = start;
  const full = end - rest;
  for (; i < full; i += 4) {
    const a = value(text, i);
    const b = value(text, i + 1);
    const c = value(text, i + 2);
    const d = value(text, i + 3);
    if ((a | b | c | d) < 0) return null;
    const n = (a << 18) | (b << 12) | (c << 6) | d;
    out[o++] = n >> 16;
    out[o++] = (n >> 8) & 0xff;
    out[o++] = n & 0xff;
  }
  if (rest === 2) {
    const a = value(text, i);
    const b = value(text, i + 1);
    if ((a | b) < 0 || (b & 0x0f) !== 0) return null;
    out[o++] = (a << 2) | (b >> 4);
  } else if (rest === 3) {
    const a = value(text, i);
    const b = value(text, i + 1);
    const c = value(text, i + 2);
    if ((a | b | c) < 0 || (c & 0x03) !== 0) return null;
    out[o++] = (a << 2) | (b >> 4);
    out[o++] = ((b & 0x0f) << 4) | (c >> 2);
  }
  return o === out.length ? out : out.slice(0, o);
}

function value(text: string, i: number): number {
  const code = text.charCodeAt(i);
  return code < 128 ? (VALUES[code] as number) : -1;
}

/** base64url without padding. */
export function encodeBase64Url(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}
