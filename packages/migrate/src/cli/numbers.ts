import { UsageError } from "./usage-error.js";

/** A whole-number flag within bounds, or `fallback` when absent. */
export function intFlag(value: unknown, flag: string, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const n = typeof value === "number" ? value : typeof value === "string" && value.trim() !== "" ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) throw new UsageError(`${flag} must be a whole number from ${min} to ${max}`);
  return n;
}

/** A requests-per-second flag (0 = unpaced), or `undefined` when absent. */
export function rateFlag(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const n = typeof value === "number" ? value : typeof value === "string" && value.trim() !== "" ? Number(value) : Number.NaN;
  if (!Number.isFinite(n) || n < 0 || n > 100_000) throw new UsageError("--rate must be requests per second, from 0 (unpaced) to 100000");
  return n;
}

/** A string flag, or `undefined`; a bare flag with no value is an error. */
export function textFlag(value: unknown, flag: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string" || value.trim() === "") throw new UsageError(`${flag} needs a value`);
  return value;
}
