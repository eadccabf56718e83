import type { HeadersLike } from "../types/neutral.js";

/**
 * One header from a `Headers` object or a framework's plain record, by case-insensitive name; `null` when it
 * is absent, not text, or when `headers` is no headers at all (a caller's mistake reads as "missing").
 */
export function getHeader(headers: HeadersLike, name: string): string | null {
  if (typeof headers !== "object" || headers === null) return null;
  if (typeof (headers as Headers).get === "function") return (headers as Headers).get(name);
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers as Record<string, unknown>)) {
    if (key.toLowerCase() !== wanted) continue;
    if (typeof value === "string") return value;
    if (Array.isArray(value) && value.every((v) => typeof v === "string")) return value.join(", ");
    return null;
  }
  return null;
}
