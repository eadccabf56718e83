/**
 * `table[key]` for a key a vendor (or a file) sent: own entries only, so a value such as `"constructor"` or
 * `"__proto__"` finds nothing rather than an `Object.prototype` member.
 *
 * @example
 * const status = lookup(STATUS, wire.status) ?? "ended";
 */
export function lookup<V>(table: Readonly<Record<string, V>>, key: unknown): V | undefined {
  return typeof key === "string" && Object.hasOwn(table, key) ? table[key] : undefined;
}
