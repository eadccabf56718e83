import { AuthmuxError, type RevocationStore } from "@authmux/core";
import { keyPart, luaScript, type RedisClientLike, redisCommands, type RedisSubscriberLike } from "./client.js";

/** Options of {@link redisRevocationStore}. */
export interface RedisRevocationStoreOptions {
  /** The app's connected node-redis client; the store duplicates it once for its subscription. */
  client: RedisClientLike;
  /** Prefix of every key and of the channel; default `authmux`. Give each app (or test) its own. */
  prefix?: string;
  /**
   * What `isRevoked` answers when the store cannot vouch for its copy (not loaded yet, or its subscription down
   * for longer than `maxStaleMs` and Redis not answering the reloads): `"closed"` (default) refuses with
   * `provider_unavailable`, so no revoked token passes; `"open"` answers from the copy it has, so an outage of
   * Redis does not stop sign-ins but revocations made meanwhile are missed until it is back.
   */
  failMode?: "closed" | "open";
  /** How long the copy may go without its subscription before `failMode` applies, in ms; default 5000. */
  maxStaleMs?: number;
  /** While the subscription is down, how often the copy is reloaded from Redis instead, in ms; default 1000. */
  reloadMs?: number;
  /** Deadline of each command in ms; default 2000. */
  timeoutMs?: number;
}

// One script per write: the record and the news of it go out together.
const REVOKE_SESSION = luaScript(`
redis.call('SET', KEYS[1], '1', 'PX', ARGV[1])
redis.call('PUBLISH', ARGV[2], ARGV[3])
return 1`);
const REVOKE_USER = luaScript(`
local before = tonumber(ARGV[1])
local previous = tonumber(redis.call('GET', KEYS[1]) or '0')
if previous > before then before = previous end
local ttl = tonumber(ARGV[2])
local left = redis.call('PTTL', KEYS[1])
if left > ttl then ttl = left end
redis.call('SET', KEYS[1], tostring(before), 'PX', ttl)
redis.call('PUBLISH', ARGV[3], ARGV[4])
return before`);

type News = { kind: "session"; id: string; until: number } | { kind: "user"; id: string; before: number; until: number };

/**
 * A {@link RevocationStore} on Redis for apps with several instances. A revocation is a key with the TTL of the
 * longest token lifetime and a message on a channel; each instance keeps a local copy — loaded at `start`, fed by
 * its subscription — so `isRevoked` costs no round trip. When the subscription drops, the copy is reloaded from
 * Redis every `reloadMs`; if that fails for longer than `maxStaleMs`, `failMode` decides (closed by default: a
 * typed `provider_unavailable`, never a revoked token let through).
 *
 * @example
 * const store = redisRevocationStore({ client });
 * await store.start();
 * const auth = withRevocations(provider, store, { maxTokenLifetimeSec: 300 });
 */
export function redisRevocationStore(options: RedisRevocationStoreOptions): RevocationStore & {
  /** Where the local copy stands: `starting`, `live` (kept current over pub/sub), `stale` (the channel or the reloads failing) or `closed`. */
  readonly status: () => "starting" | "live" | "stale" | "closed";
} {
  const prefix = options.prefix ?? "authmux";
  const failMode = options.failMode ?? "closed";
  const maxStaleMs = options.maxStaleMs ?? 5000;
  const reloadMs = options.reloadMs ?? 1000;
  const redis = redisCommands(options.client, options.timeoutMs ?? 2000);
  const channel = `${prefix}:revocations`;
  const key = (kind: "session" | "user", id: string) => `${prefix}:revoked:${kind}:${keyPart(id)}`;

  const sessions = new Map<string, number>();
  const users = new Map<string, { before: number; until: number }>();
  let subscriber: RedisSubscriberLike | undefined;
  let starting: Promise<void> | undefined;
  let state: "starting" | "live" | "stale" | "closed" = "starting";
  // When the copy was last known to be complete (loaded, or kept current by the subscription).
  let freshAt = 0;
  let reloader: ReturnType<typeof setInterval> | undefined;

  let sweepAt = 1024;
  function apply(news: News) {
    // Expired records go as the maps grow, so memory follows the live revocations.
    if (sessions.size + users.size >= sweepAt) {
      const now = Date.now();
      for (const [k, until] of sessions) if (until <= now) sessions.delete(k);
      for (const [k, record] of users) if (record.until <= now) users.delete(k);
      sweepAt = Math.max(1024, (sessions.size + users.size) * 2);
    }
    if (news.kind === "session") sessions.set(news.id, Math.max(news.until, sessions.get(news.id) ?? 0));
    else {
      const previous = users.get(news.id);
      users.set(news.id, { before: Math.max(news.before, previous?.before ?? 0), until: Math.max(news.until, previous?.until ?? 0) });
    }
  }

  function onMessage(message: string) {
    try {
      const news = JSON.parse(message) as News;
      if ((news.kind === "session" || news.kind === "user") && typeof news.id === "string" && Number.isFinite(news.until)) apply(news);
    } catch {
      // Not one of ours: ignored.
    }
  }

  /** Reads every revocation key into the copy (SCAN, then the values and remaining lifetimes). */
  async function load() {
    const now = Date.now();
    let cursor = "0";
    do {
      const [next, keys] = (await redis.send(["SCAN", cursor, "MATCH", `${prefix}:revoked:*`, "COUNT", "1000"])) as [string, string[]];
      cursor = next;
      for (const k of keys) {
        const [value, ttl] = await Promise.all([redis.send(["GET", k]), redis.send(["PTTL", k])]);
        if (value === null || Number(ttl) <= 0) continue;
        const until = now + Number(ttl);
        const [, , kind, id] = k.slice(prefix.length + 1).match(/^(revoked):(session|user):(.*)$/) ?? [];
        if (id === undefined) continue;
        const decoded = decodeURIComponent(id);
        if (kind === "session") apply({ kind: "session", id: decoded, until });
        else apply({ kind: "user", id: decoded, before: Number(value), until });
      }
    } while (cursor !== "0");
    freshAt = Date.now();
  }

  function stale() {
    if (state === "closed") return;
    state = "stale";
    reloader ??= setInterval(() => {
      load().then(
        () => undefined,
        () => undefined,
      );
    }, reloadMs);
    // A timer must not keep the process alive on its own.
    (reloader as { unref?: () => void }).unref?.();
  }

  function live() {
    if (reloader) clearInterval(reloader);
    reloader = undefined;
    // Messages may have been missed while the subscription was down: reload, then trust the channel again.
    load().then(
      () => {
        if (state !== "closed") state = "live";
      },
      () => stale(),
    );
  }

  async function begin() {
    const sub = options.client.duplicate() as RedisSubscriberLike;
    subscriber = sub;
    sub.on("error", () => stale());
    sub.on("end", () => stale());
    sub.on("reconnecting", () => stale());
    sub.on("ready", () => {
      if (state === "stale") live();
    });
    await sub.connect();
    // Subscribe before loading, so nothing revoked in between is missed.
    await sub.subscribe(channel, onMessage);
    await load();
    state = "live";
  }

  function check(ttlSec: number) {
    if (!Number.isSafeInteger(ttlSec) || ttlSec < 1) throw new AuthmuxError("invalid_input", "a revocation's ttlSec must be a whole number ≥ 1");
  }
  function id(value: string, what: string) {
    if (typeof value !== "string" || value.length === 0) throw new AuthmuxError("invalid_input", `${what} must be a non-empty string`);
  }

  return {
    status: () => state,
    start() {
      starting ??= begin().catch((error: unknown) => {
        starting = undefined;
        throw error;
      });
      return starting;
    },
    async close() {
      state = "closed";
      if (reloader) clearInterval(reloader);
      const sub = subscriber;
      subscriber = undefined;
      await (sub?.close?.() ?? sub?.quit?.())?.catch(() => sub?.destroy?.());
    },
    async revokeSession(sessionId, ttlSec) {
      id(sessionId, "session id");
      check(ttlSec);
      const news: News = { kind: "session", id: sessionId, until: Date.now() + ttlSec * 1000 };
      await redis.script(REVOKE_SESSION, [key("session", sessionId)], [String(ttlSec * 1000), channel, JSON.stringify(news)]);
      apply(news);
    },
    async revokeUser(userId, before, ttlSec) {
      id(userId, "user id");
      check(ttlSec);
      if (!(before instanceof Date) || Number.isNaN(before.getTime())) throw new AuthmuxError("invalid_input", "revokeUser needs a valid Date");
      const news: News = { kind: "user", id: userId, before: before.getTime(), until: Date.now() + ttlSec * 1000 };
      await redis.script(REVOKE_USER, [key("user", userId)], [String(news.before), String(ttlSec * 1000), channel, JSON.stringify(news)]);
      apply(news);
    },
    isRevoked({ sessionId, userId, issuedAt }) {
      const now = Date.now();
      const vouched = state === "live" || (state === "stale" && now - freshAt <= maxStaleMs);
      if (!vouched && failMode === "closed") {
        throw new AuthmuxError(
          "provider_unavailable",
          state === "starting" ? "revocations are not loaded yet: await the store's start() at boot" : `revocations are unknown: the Redis subscription has been down for ${now - freshAt} ms`,
          { provider: "redis" },
        );
      }
      const session = sessionId === null ? undefined : sessions.get(sessionId);
      if (session !== undefined) {
        if (session > now) return true;
        sessions.delete(sessionId as string);
      }
      const user = users.get(userId);
      if (user === undefined) return false;
      if (user.until <= now) {
        users.delete(userId);
        return false;
      }
      return issuedAt === null || issuedAt.getTime() <= user.before;
    },
  };
}
