// JSON.parse keeps the last of duplicate member names; a token whose header or claims say two things
// must be refused instead (RFC 7515 §5.2 lets a verifier reject it, and parsers disagree on which wins).
// This scan finds member names at every nesting level, then JSON.parse does the parsing proper.

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** Parses UTF-8 JSON bytes into an object; `null` when not valid UTF-8/JSON, not an object, or with a duplicate member name. */
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
  return hasDuplicateMembers(text) ? null : (value as Record<string, unknown>);
}

/** True when any object in the (already valid) JSON text names a member twice. */
export function hasDuplicateMembers(text: string): boolean {
  // One entry per open container: a Set of names for objects, null for arrays.
  const stack: (Set<string> | null)[] = [];
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 0x7b /* { */) stack.push(new Set());
    else if (ch === 0x5b /* [ */) stack.push(null);
    else if (ch === 0x7d /* } */ || ch === 0x5d /* ] */) stack.pop();
    else if (ch === 0x22 /* " */) {
      const start = i;
      let escaped = false;
      for (i++; i < n; i++) {
        const c = text.charCodeAt(i);
        if (c === 0x5c /* \ */) {
          escaped = true;
          i++;
        } else if (c === 0x22) break;
      }
      const top = stack[stack.length - 1];
      if (!top) continue;
      let j = i + 1;
      while (j < n && isSpace(text.charCodeAt(j))) j++;
      if (text.charCodeAt(j) !== 0x3a /* : */) continue;
      // Escapes make "a" and "\u0061" the same name: decode before comparing.
      const name = escaped ? (JSON.parse(text.slice(start, i + 1)) as string) : text.slice(start + 1, i);
      if (top.has(name)) return true;
      top.add(name);
    }
  }
  return false;
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}
