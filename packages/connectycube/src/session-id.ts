import { hexEncode, toBytes } from "@authmux/core";

/** The form of the session ids this adapter derives. */
export const SESSION_ID = /^cbs_[0-9a-f]{32}$/;

/**
 * A neutral session id for a ConnectyCube token: `cbs_` + the first 128 bits of its SHA-256, in hex.
 * ConnectyCube's own `session.id` equals the user id on current user sessions, so it names no session;
 * the hash does, without revealing the token (it cannot be turned back into one).
 */
export async function sessionIdOf(token: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", toBytes(token)));
  return `cbs_${hexEncode(digest.subarray(0, 16))}`;
}
