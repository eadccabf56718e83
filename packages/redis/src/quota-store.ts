import { AuthmuxError, periodEnd, type Quota, QuotaExceededError, type QuotaLimit, type QuotaStore, validateQuotaLimits } from "@authmux/core";
import { keyPart, luaScript, type RedisClientLike, redisCommands } from "./client.js";

/** Options of {@link redisQuotaStore}. */
export interface RedisQuotaStoreOptions {
  /** The app's connected node-redis client (or cluster client). */
  client: RedisClientLike;
  /** Every quota a user has, by name. */
  limits: Readonly<Record<string, QuotaLimit>>;
  /** Prefix of every key; default `authmux`. Give each app (or test) its own. */
  prefix?: string;
  /** Epoch milliseconds, which period a count belongs to; default `Date.now`. */
  clock?: () => number;
  /** Deadline of each command in ms (including time waiting for a reconnection); default 2000. */
  timeoutMs?: number;
}

// Each write is one script, so it is atomic on the server. KEYS[1] is the counter of one user's quota for one
// period; ARGV ends with the period's end (epoch ms, 0 = never), set on the key itself so it expires then.
// consume adds first and takes it back on overshoot, inside the script (nothing sees the step in between): the
// common, granted path costs one INCRBY, plus the expiry when the key is new (a count never sits at 0).
const CONSUME = luaScript(`
local amount = tonumber(ARGV[1])
local used = redis.call('INCRBY', KEYS[1], amount)
if used == amount and ARGV[3] ~= '0' then redis.call('PEXPIREAT', KEYS[1], ARGV[3]) end
local limit = tonumber(ARGV[2])
if limit >= 0 and used > limit then
  if used == amount then redis.call('DEL', KEYS[1]) else redis.call('DECRBY', KEYS[1], amount) end
  return {0, used - amount}
end
return {1, used}`);
const ADD = luaScript(`
local used = tonumber(redis.call('GET', KEYS[1]) or '0') + tonumber(ARGV[1])
if used <= 0 then redis.call('DEL', KEYS[1]) return 0 end
redis.call('SET', KEYS[1], used)
if tonumber(ARGV[2]) > 0 then redis.call('PEXPIREAT', KEYS[1], ARGV[2]) end
return used`);
const SET = luaScript(`
local used = tonumber(ARGV[1])
if used <= 0 then redis.call('DEL', KEYS[1]) return 0 end
redis.call('SET', KEYS[1], used)
if tonumber(ARGV[2]) > 0 then redis.call('PEXPIREAT', KEYS[1], ARGV[2]) end
return used`);

/**
 * A {@link QuotaStore} on Redis, shared by every instance of an app: each write is one Lua script (check and add
 * in one step for `consume`), run by its SHA with the NOSCRIPT fallback. A count lives in one key per user, quota
 * and period, which expires when the period ends, so no key of a resetting quota outlives its period; a quota
 * without a period keeps its key (its usage is the state). The keys of one user share a hash tag, so one user's
 * quotas live in one slot of a Redis Cluster.
 *
 * @example
 * const client = await createClient({ url: process.env.REDIS_URL }).connect();
 * const auth = withQuotas(provider, redisQuotaStore({ client, limits: { exports: { limit: 10, period: "day" } } }));
 * await auth.quotas.consume(userId, "exports"); // exact across every instance, or quota_exceeded
 */
export function redisQuotaStore(options: RedisQuotaStoreOptions): QuotaStore {
  const limits = validateQuotaLimits(options.limits);
  const prefix = options.prefix ?? "authmux";
  const clock = options.clock ?? Date.now;
  const redis = redisCommands(options.client, options.timeoutMs ?? 2000);

  const limitOf = (name: string): QuotaLimit => {
    const limit = limits.get(name);
    if (!limit) throw new AuthmuxError("not_found", `no quota named "${name}" (configured: ${[...limits.keys()].join(", ") || "none"})`, { provider: "redis" });
    return limit;
  };
  const checkUser = (userId: string) => {
    if (typeof userId !== "string" || userId.length === 0) throw new AuthmuxError("invalid_input", "userId must be a non-empty string");
  };
  /** The counter of this period, and when it ends (epoch ms, or 0 for a quota that never resets). */
  const counter = (userId: string, name: string, limit: QuotaLimit, now: number) => {
    const until = periodEnd(limit.period, now) ?? 0;
    return { key: `${prefix}:{${keyPart(userId)}}:quota:${keyPart(name)}:${until}`, until };
  };
  const view = (name: string, limit: QuotaLimit, used: number, until: number): Quota => ({
    name,
    used,
    limit: limit.limit,
    remaining: limit.limit === null ? null : Math.max(0, limit.limit - used),
    resetsAt: until === 0 ? null : new Date(until),
  });
  const wholeNumber = (value: number, min: number, what: string) => {
    if (!Number.isSafeInteger(value) || value < min) throw new AuthmuxError("invalid_input", `${what} must be a whole number ≥ ${min}`);
  };

  async function read(userId: string, names: readonly string[]): Promise<Quota[]> {
    checkUser(userId);
    if (names.length === 0) return [];
    const now = clock();
    const counters = names.map((name) => ({ name, limit: limitOf(name), ...counter(userId, name, limitOf(name), now) }));
    // One user's keys share a slot: one MGET reads them all, atomically.
    const values = (await redis.send(["MGET", ...counters.map((c) => c.key)], counters[0]?.key)) as (string | null)[];
    return counters.map((c, i) => view(c.name, c.limit, Number(values[i] ?? 0), c.until));
  }

  async function write(userId: string, name: string, run: (key: string, until: number) => Promise<number>): Promise<Quota> {
    checkUser(userId);
    const limit = limitOf(name);
    const { key, until } = counter(userId, name, limit, clock());
    return view(name, limit, await run(key, until), until);
  }

  return {
    list: (userId) => read(userId, [...limits.keys()]),
    async get(userId, name) {
      return limits.has(name) ? ((await read(userId, [name]))[0] ?? null) : (checkUser(userId), null);
    },
    async add(userId, name, delta) {
      wholeNumber(Math.abs(delta), 0, "a quota change");
      return write(userId, name, async (key, until) => Number(await redis.script(ADD, [key], [String(delta), String(until)])));
    },
    async set(userId, name, used) {
      wholeNumber(used, 0, "quota usage");
      return write(userId, name, async (key, until) => Number(await redis.script(SET, [key], [String(used), String(until)])));
    },
    async consume(userId, name, amount) {
      wholeNumber(amount, 1, "a quota amount");
      const now = clock();
      checkUser(userId);
      const limit = limitOf(name);
      const { key, until } = counter(userId, name, limit, now);
      const [granted, used] = (await redis.script(CONSUME, [key], [String(amount), String(limit.limit ?? -1), String(until)])) as [number, number];
      const quota = view(name, limit, Number(used), until);
      if (Number(granted) !== 1) throw new QuotaExceededError(quota, amount, { provider: "redis", now });
      return quota;
    },
  };
}
