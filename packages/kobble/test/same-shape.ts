/** The JSON type of a value: `null`, `array`, `object`, `string`, `number` or `boolean`. */
const typeOf = (v: unknown) => (v === null ? "null" : Array.isArray(v) ? "array" : typeof v);

/**
 * Where `actual` differs in shape from `fixture` (a vendor reference's example): the same key sets and value
 * types at every depth; each array item is compared with the fixture's first item (an empty fixture array
 * only asks for an array). An empty list means the same shape. Shared by the Kobble, ConnectyCube and
 * Kustomer fixture tests.
 */
export function shapeDifferences(actual: unknown, fixture: unknown, at = "$"): string[] {
  const [a, f] = [typeOf(actual), typeOf(fixture)];
  if (a !== f) return [`${at}: ${a}, the reference has ${f}`];
  if (a === "array") {
    const [first] = fixture as unknown[];
    return first === undefined ? [] : (actual as unknown[]).flatMap((item, i) => shapeDifferences(item, first, `${at}[${i}]`));
  }
  if (a !== "object") return [];
  const [got, want] = [actual as Record<string, unknown>, fixture as Record<string, unknown>];
  const missing = Object.keys(want).filter((k) => !(k in got)).map((k) => `${at}.${k}: missing`);
  const extra = Object.keys(got).filter((k) => !(k in want)).map((k) => `${at}.${k}: not in the reference`);
  const common = Object.keys(want).filter((k) => k in got).flatMap((k) => shapeDifferences(got[k], want[k], `${at}.${k}`));
  return [...missing, ...extra, ...common];
}
