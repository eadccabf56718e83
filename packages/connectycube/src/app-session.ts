import { type HttpClient, type HttpRequest, type HttpRequestOptions, isAuthmuxError } from "@authmux/core";
import type { ParsedOptions } from "./config.js";
import { createSession } from "./session-create.js";

/** The adapter's own application session. */
export interface AppSession {
  /** The current token, creating the session on first use. */
  token(): Promise<string>;
  /** A request made with the application session; renewed once and retried once when ConnectyCube dropped it. */
  request: HttpRequest;
}

/** True for ConnectyCube's "Required session does not exist" (the mapper's only `session_invalid` with a 401). */
export function isSessionGone(error: unknown): boolean {
  return isAuthmuxError(error) && error.code === "session_invalid" && error.status === 401;
}

/**
 * The application session every app-level call (user lookups, vendor calls) carries as `CB-Token`. It is
 * created lazily, reused, and renewed when the API answers "Required session does not exist" (two hours
 * without use, or destroyed): the seed's `sessionExpired` hook, done for the app.
 *
 * Renewal is single-flight: each call knows the token it sent, and only a failure with the CURRENT token
 * starts a new session; calls that failed with it meanwhile wait for that same renewal. The token goes in
 * per call rather than through the client's `headers` function because the retry must know which token
 * failed, and a shared header function cannot tell concurrent calls apart.
 */
export function createAppSession(http: HttpClient, options: ParsedOptions): AppSession {
  let pending: Promise<string> | undefined;
  // The token `pending` resolved to; undefined while a creation is in flight.
  let active: string | undefined;

  function start(): Promise<string> {
    active = undefined;
    const creation = createSession(http, options).then(({ data }) => {
      if (pending === creation) active = data.session.token;
      return data.session.token;
    });
    pending = creation;
    // A failed creation is not kept: the next call tries again.
    creation.catch(() => {
      if (pending === creation) pending = undefined;
    });
    return creation;
  }

  const token = () => pending ?? start();
  const renew = (stale: string) => (pending !== undefined && active !== stale ? pending : start());

  async function request(method: string, path: string, callOptions: HttpRequestOptions = {}) {
    const send = (value: string) => http.request(method as "GET", path, { ...callOptions, headers: { ...callOptions.headers, "CB-Token": value } });
    const sent = await token();
    try {
      return await send(sent);
    } catch (error) {
      if (!isSessionGone(error)) throw error;
      return send(await renew(sent));
    }
  }

  return { token, request: request as HttpRequest };
}
