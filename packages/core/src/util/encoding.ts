import { AuthmuxError } from "../errors/authmux-error.js";

const encoder = new TextEncoder();

/** UTF-8 bytes of a string; bytes pass through. */
export function toBytes(input: string | Uint8Array): Uint8Array<ArrayBuffer> {
  return typeof input === "string" ? encoder.encode(input) : new Uint8Array(input);
}

/** Standard base64 of bytes. */
export function base64Encode(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Bytes of standard base64 (with or without padding); throws `invalid_input` on anything else. */
export function base64Decode(text: string): Uint8Array<ArrayBuffer> {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text)) throw new AuthmuxError("invalid_input", "not base64");
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/** Lower-case hex of bytes. */
export function hexEncode(bytes: Uint8Array): string {
  let out = "";
  for (const b of bytes) out += b.toString(16).padStart(2, "0");
  return out;
}

/** Bytes of a hex string; `null` when it is not even-length hex. */
export function hexDecode(text: string): Uint8Array<ArrayBuffer> | null {
  if (text.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(text)) return null;
  const out = new Uint8Array(text.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(text.slice(i * 2, i * 2 + 2), 16);
  return out;
}
