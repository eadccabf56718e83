// Node entry point: a Redis client speaks TCP, and scripts are addressed by their SHA-1.
import { createHash } from "node:crypto";
import { AuthmuxError, isAuthmuxError } from "@authmux/core";

/**
 * The node-redis client this package needs (v5 and later; Valkey speaks the same protocol): the app's own client,
 * connected. A cluster client (`createCluster`) works for the quota store, whose keys of one user share a slot.
 */
export interface RedisClientLike {
  /** node-redis's raw command call. */
  sendCommand(...args: never[]): Promise<unknown>;
  /** A new connection with the same options (the revocation store listens on one). */
  duplicate(...args: never[]): unknown;
}

/** A connection that can listen: what `duplicate()` of a node-redis client gives. */
export interface RedisSubscriberLike {
  /** Opens the connection. */
  connect(): Promise<unknown>;
  /** Listens to a pub/sub channel. */
  subscribe(channel: string, listener: (message: string) => void): Promise<unknown>;
  /** Follows the connection's state. */
  on(event: "error" | "ready" | "end" | "reconnecting", listener: (...args: unknown[]) => void): unknown;
  /** Closes the connection (node-redis 5). */
  close?(): Promise<unknown>;
  /** Closes the connection (older node-redis). */
  quit?(): Promise<unknown>;
  /** Drops the connection at once. */
  destroy?(): unknown;
}

/** How a store talks to Redis: bounded in time, errors typed, scripts by SHA with the NOSCRIPT fallback. */
export interface RedisCommands {
  /** One command to the node of `key` (any node without one). */
  send(args: readonly string[], key?: string): Promise<unknown>;
  /** A Lua script by its SHA-1 (EVALSHA), sent whole once the server says NOSCRIPT (EVAL, which caches it). */
  script(script: LuaScript, keys: readonly string[], args: readonly string[]): Promise<unknown>;
}

/** A Lua script and its SHA-1, computed once. */
export interface LuaScript {
  readonly source: string;
  readonly sha: string;
}

/** Prepares a Lua script (its SHA-1 computed once, at the first use of a store). */
export function luaScript(source: string): LuaScript {
  return { source, sha: createHash("sha1").update(source).digest("hex") };
}

/**
 * Commands over the app's client. Every command has a deadline: while Redis is unreachable a command waits in
 * node-redis's offline queue, and the deadline turns that into `provider_unavailable` (and drops it from the
 * queue, so nothing runs late). Writes are never retried: a write whose answer was lost may have been applied,
 * and sending it again would count it twice.
 */
export function redisCommands(client: RedisClientLike, timeoutMs: number): RedisCommands {
  // A cluster client routes by a first key: sendCommand(firstKey, isReadonly, args, options).
  const cluster = typeof (client as { masters?: unknown }).masters !== "undefined";
  const raw = client.sendCommand.bind(client) as (...args: unknown[]) => Promise<unknown>;

  async function send(args: readonly string[], key?: string): Promise<unknown> {
    try {
      return await (cluster ? raw(key, false, args, { timeout: timeoutMs }) : raw(args, { timeout: timeoutMs }));
    } catch (error) {
      throw toAuthmuxError(error, args[0] ?? "command");
    }
  }

  return {
    send,
    async script(script, keys, args) {
      const tail = [String(keys.length), ...keys, ...args];
      try {
        return await send(["EVALSHA", script.sha, ...tail], keys[0]);
      } catch (error) {
        if (!(isAuthmuxError(error) && /NOSCRIPT/.test(String((error.cause as Error | undefined)?.message)))) throw error;
        return send(["EVAL", script.source, ...tail], keys[0]);
      }
    },
  };
}

/** A Redis failure as `provider_unavailable` (unreachable, timed out) or `provider_error` (the server refused). */
export function toAuthmuxError(error: unknown, command: string): AuthmuxError {
  if (isAuthmuxError(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  // Replies from the server (ERR, NOSCRIPT, WRONGTYPE, …) are errors of the request; anything else is the connection.
  const reply = /^[A-Z]+ /.test(message) && !/^(Connection|Socket|ECONN)/i.test(message);
  return new AuthmuxError(
    reply ? "provider_error" : "provider_unavailable",
    reply ? `redis refused ${command}: ${message.slice(0, 200)}` : `redis is unreachable (${command}: ${message.slice(0, 200)}); check the client's connection`,
    { provider: "redis", cause: error },
  );
}

/** A key part that cannot collide with another or break a hash tag: percent-encoded. */
export const keyPart = (value: string) => encodeURIComponent(value);
