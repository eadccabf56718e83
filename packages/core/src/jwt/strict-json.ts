// JSON.parse keeps the last of duplicate member names; a token whose header or claims say two things
// must be refused instead (RFC 7515 §5.2 lets a verifier reject it, and parsers disagree on which wins).
// This scan finds member names at every nesting level, then JSON.parse does the parsing proper.

const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Parses UTF-8 JSON bytes into a deep-frozen object; `null` when not valid UTF-8/JSON, not an object, or with a
 * duplicate member name.
 *
 * The duplicate check and the freezing share one walk of the parsed value. Every member of every object in
 * the text is written with exactly one colon outside a string, and a text without a backslash spells every
 * string exactly as it decodes; so, for such a text, the colons in the text number the members plus the colons
 * inside strings, and they match those of the parsed value unless JSON.parse dropped a duplicate (and with it
 * at least its own member). A text with escapes takes the full scan, which decodes names before comparing.
 */
export function parseStrictJsonObject(bytes: Uint8Array): Record<string, unknown> | null {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return null;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return null;
  if (text.indexOf("\\") === -1) return freezeCountingColons(value) === countColons(text) ? (value as Record<string, unknown>) : null;
  if (hasDuplicateMembers(text)) return null;
  freezeCountingColons(value);
  return value as Record<string, unknown>;
}

function countColons(text: string): number {
  let count = 0;
  for (let i = text.indexOf(":"); i !== -1; i = text.indexOf(":", i + 1)) count++;
  return count;
}

/** Freezes a value fresh from JSON.parse, with everything in it; returns its members plus the colons in its strings. */
function freezeCountingColons(value: unknown): number {
  if (typeof value === "string") return countColons(value);
  if (typeof value !== "object" || value === null) return 0;
  Object.freeze(value);
  let count = 0;
  if (Array.isArray(value)) {
    for (const item of value) count += freezeCountingColons(item);
    return count;
  }
  for (const key of Object.keys(value)) count += 1 + countColons(key) + freezeCountingColons((value as Record<string, unknown>)[key]);
  return count;
}

/** True when any object in the (already valid) JSON text names a member twice. */
export function hasDuplicateMembers(text: string): boolean {
  // One entry per open container: a Set of names for objects (made on first member), null for arrays.
  const stack: (Set<string> | null | undefined)[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const ch = text.charCodeAt(i);
    if (ch === 0x22 /* " */) {
      // Jump to the closing quote; a quote preceded by an odd run of backslashes is escaped.
      const start = i;
      let end = text.indexOf('"', i + 1);
      while (end !== -1) {
        let slashes = 0;
        while (text.charCodeAt(end - 1 - slashes) === 0x5c) slashes++;
        if (slashes % 2 === 0) break;
        end = text.indexOf('"', end + 1);
      }
      if (end === -1) return false; // not valid JSON; JSON.parse has already refused it
      const backslash = text.indexOf("\\", start + 1);
      const escaped = backslash !== -1 && backslash < end;
      i = end + 1;
      const depth = stack.length - 1;
      const top = stack[depth];
      if (top === null || depth < 0) continue;
      let j = i;
      while (j < n && isSpace(text.charCodeAt(j))) j++;
      if (text.charCodeAt(j) !== 0x3a /* : */) continue;
      // Escapes make "a" and "\u0061" the same name: decode before comparing.
      const name = escaped ? (JSON.parse(text.slice(start, end + 1)) as string) : text.slice(start + 1, end);
      const names = top ?? (stack[depth] = new Set<string>());
      if (names.has(name)) return true;
      names.add(name);
      continue;
    }
    if (ch === 0x7b /* { */) stack.push(undefined);
    else if (ch === 0x5b /* [ */) stack.push(null);
    else if (ch === 0x7d /* } */ || ch === 0x5d /* ] */) stack.pop();
    i++;
  }
  return false;
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}
