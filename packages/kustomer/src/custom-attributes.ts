import { AuthmuxError, type JsonObject, type JsonValue } from "@authmux/core";

/**
 * A custom attribute name: a base and the type suffix Kustomer requires (vendors/kustomer.md §3, "Custom
 * attributes"): `Str`/`Txt` strings up to 1024 characters, `Num`, `At` (ISO date-time), `Bool`, `Url`.
 */
export const CUSTOM_ATTRIBUTE_NAME = /^([a-z][A-Za-z0-9]*?)(Str|Txt|Num|At|Bool|Url)$/;

type Suffix = "Str" | "Txt" | "Num" | "At" | "Bool" | "Url";

/** Neutral metadata ↔ Kustomer's `custom` object. */
export interface MetadataCodec {
  /** `custom` for a write; throws `invalid_input` naming the key before anything is sent. `null` clears. */
  toCustom(metadata: JsonObject): Record<string, JsonValue>;
  /** The neutral metadata of a stored `custom` (cleared, i.e. null, attributes are absent). */
  fromCustom(custom: Record<string, unknown> | null | undefined): JsonObject;
}

const bad = (message: string) => new AuthmuxError("invalid_input", message, { provider: "kustomer" });

/**
 * Builds the codec for the org's defined attributes. With them, metadata keys are the bases (`plan` ↔ `planStr`)
 * and unknown keys are refused locally; without them, keys must be full type-suffixed names and Kustomer is
 * the judge of whether the org defines them (its `badparam` answer becomes `invalid_input`).
 */
export function createMetadataCodec(defined: readonly string[] | undefined): MetadataCodec {
  const byBase = new Map<string, string>();
  for (const name of defined ?? []) {
    const base = CUSTOM_ATTRIBUTE_NAME.exec(name)?.[1];
    if (base === undefined) throw bad(`invalid kustomer options: custom attribute "${name}" has no type suffix (Str, Txt, Num, At, Bool, Url)`);
    const other = byBase.get(base);
    if (other !== undefined && other !== name) throw bad(`invalid kustomer options: custom attributes "${other}" and "${name}" would both be metadata key "${base}"`);
    byBase.set(base, name);
  }
  const definedNames = new Set(byBase.values());

  function attributeFor(key: string): string {
    const mapped = byBase.get(key);
    if (mapped !== undefined) return mapped;
    if (CUSTOM_ATTRIBUTE_NAME.test(key) && (defined === undefined || definedNames.has(key))) return key;
    const known = defined === undefined ? "" : ` The org defines: ${[...byBase.keys()].join(", ") || "none"}.`;
    throw bad(`metadata key "${key.slice(0, 100)}" is not a custom attribute of the org's Customer klass (names carry a type suffix such as planStr or seatsNum; configure customAttributes).${known}`);
  }

  return {
    toCustom(metadata) {
      const custom: Record<string, JsonValue> = {};
      for (const [key, value] of Object.entries(metadata)) {
        const attribute = attributeFor(key);
        checkValue(key, CUSTOM_ATTRIBUTE_NAME.exec(attribute)![2] as Suffix, value);
        custom[attribute] = value;
      }
      return custom;
    },
    fromCustom(custom) {
      const metadata: JsonObject = {};
      for (const [attribute, value] of Object.entries(custom ?? {})) {
        if (value === null || value === undefined) continue;
        const base = CUSTOM_ATTRIBUTE_NAME.exec(attribute)?.[1];
        metadata[base !== undefined && byBase.get(base) === attribute ? base : attribute] = value as JsonValue;
      }
      return metadata;
    },
  };
}

function checkValue(key: string, suffix: Suffix, value: JsonValue): void {
  if (value === null) return;
  const ok =
    suffix === "Str" || suffix === "Txt"
      ? typeof value === "string" && value.length <= 1024
      : suffix === "Num"
        ? typeof value === "number"
        : suffix === "Bool"
          ? typeof value === "boolean"
          : suffix === "At"
            ? typeof value === "string" && /^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(Date.parse(value))
            : typeof value === "string" && URL.canParse(value);
  if (!ok) {
    const expected = { Str: "a string of at most 1024 characters", Txt: "a string of at most 1024 characters", Num: "a number", Bool: "a boolean", At: "an ISO date-time string", Url: "a URL string" }[suffix];
    throw bad(`metadata key "${key.slice(0, 100)}" must be ${expected} or null (Kustomer ${suffix} attribute; custom attributes hold no objects or arrays)`);
  }
}
