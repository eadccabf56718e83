import { safeParse, type core } from "zod/mini";

// A vendor answer is checked against its schema on every call, and zod's parse builds a new copy of the whole
// answer (every member of a loose object, every array) to return it: for a large vendor object most of a
// call's CPU goes there. But a JSON answer that conforms is returned by zod equal to what it was given,
// unless the schema transforms, defaults or strips. So a schema is compiled once into a check that walks
// the answer without copying anything, answering `true` only where zod would accept the value and return it
// equal; anything else (a mismatch, a member a plain object would strip, a construct not compiled here) is
// `false`, and the caller hands the value to zod itself, which then decides and words the error as always.

type Check = (value: unknown) => boolean;
interface Compiled {
  readonly check: Check;
  /** `false` from `check` means zod rejects the value too (needed for the options of a union). */
  readonly exact: boolean;
}

const compiled = new WeakMap<core.$ZodType, Compiled>();

// Checks that only look at the value (never rewrite it); `when` is honoured as zod does.
const PURE_CHECKS: ReadonlySet<string> = new Set([
  "min_length",
  "max_length",
  "length_equals",
  "string_format",
  "greater_than",
  "less_than",
  "multiple_of",
  "number_format",
  "min_size",
  "max_size",
  "size_equals",
  "custom",
  "describe",
  "meta",
]);

/** True when `schema` surely accepts `value` and zod's parse would return a value equal to it. */
export function conforms(schema: core.$ZodType, value: unknown): boolean {
  return compile(schema).check(value);
}

interface Internals {
  readonly def: {
    readonly type: string;
    readonly checks?: readonly core.$ZodCheck[];
    readonly coerce?: boolean;
    readonly innerType?: core.$ZodType;
    readonly element?: core.$ZodType;
    readonly keyType?: core.$ZodType;
    readonly valueType?: core.$ZodType;
    readonly shape?: Readonly<Record<string, core.$ZodType>>;
    readonly catchall?: core.$ZodType;
    readonly options?: readonly core.$ZodType[];
  };
  readonly traits: ReadonlySet<string>;
  readonly values?: ReadonlySet<unknown>;
}

const internals = (schema: core.$ZodType) => schema._zod as unknown as Internals;

function compile(schema: core.$ZodType): Compiled {
  let result = compiled.get(schema);
  if (result === undefined) {
    // A placeholder while compiling: a schema reached again through itself (lazy) takes zod's path.
    compiled.set(schema, byZod(schema));
    result = build(schema);
    compiled.set(schema, result);
  }
  return result;
}

/** zod decides; `true` only when it returns the very value it was given (primitives, refinements). */
function byZod(schema: core.$ZodType): Compiled {
  return {
    check: (value) => {
      const result = safeParse(schema, value);
      return result.success && Object.is(result.data, value);
    },
    exact: false,
  };
}

function build(schema: core.$ZodType): Compiled {
  const zod = internals(schema);
  const { def } = zod;
  // A schema that is itself a check (a string format such as z.email()) runs code of its own.
  if (zod.traits.has("$ZodCheck") || def.coerce === true) return byZod(schema);
  const checks = def.checks ?? [];
  if (!checks.every((c) => PURE_CHECKS.has((c._zod.def as { check: string }).check))) return byZod(schema);
  const withChecks = (check: Check, exact: boolean): Compiled =>
    checks.length === 0 ? { check, exact } : { check: (v) => check(v) && checksPass(checks, v), exact };

  switch (def.type) {
    case "string":
      return withChecks((v) => typeof v === "string", true);
    case "number":
      return withChecks((v) => typeof v === "number" && Number.isFinite(v), true);
    case "boolean":
      return withChecks((v) => typeof v === "boolean", true);
    case "null":
      return withChecks((v) => v === null, true);
    case "unknown":
    case "any":
      return withChecks(() => true, true);
    case "literal":
    case "enum": {
      const values = zod.values;
      if (values === undefined) return byZod(schema);
      return withChecks((v) => values.has(v), true);
    }
    case "optional": {
      const inner = compile(def.innerType as core.$ZodType);
      return withChecks((v) => v === undefined || inner.check(v), inner.exact);
    }
    case "nullable": {
      const inner = compile(def.innerType as core.$ZodType);
      return withChecks((v) => v === null || inner.check(v), inner.exact);
    }
    case "array": {
      const element = compile(def.element as core.$ZodType);
      return withChecks((v) => Array.isArray(v) && v.every((item) => element.check(item)), element.exact);
    }
    case "record": {
      const key = def.keyType as core.$ZodType;
      const keyDef = internals(key).def;
      if (keyDef.type !== "string" || (keyDef.checks?.length ?? 0) > 0 || internals(key).traits.has("$ZodCheck")) return byZod(schema);
      const value = compile(def.valueType as core.$ZodType);
      return withChecks((v) => isPlainJsonObject(v) && Object.keys(v).every((k) => k !== "__proto__" && value.check(v[k])), value.exact);
    }
    case "object":
      return withChecks(...objectCheck(def.shape ?? {}, def.catchall));
    case "union": {
      const options = (def.options ?? []).map(compile);
      // Only when a `false` from each option is zod's own refusal: zod returns the first option that accepts.
      if (!options.every((o) => o.exact)) return byZod(schema);
      return withChecks((v) => options.some((o) => o.check(v)), true);
    }
    default:
      return byZod(schema);
  }
}

function objectCheck(shape: Readonly<Record<string, core.$ZodType>>, catchall: core.$ZodType | undefined): [Check, boolean] {
  const names = Object.keys(shape);
  const members = names.map((name) => ({ name, schema: compile(shape[name] as core.$ZodType), optional: internals(shape[name] as core.$ZodType).def.type === "optional" }));
  const known: ReadonlySet<string> = new Set(names);
  const catchallType = catchall === undefined ? "strip" : internals(catchall).def.type;
  // A plain object drops unknown members (the output differs), a strict one refuses them; a loose one keeps
  // them as they are; any other catchall checks them.
  const rest = catchallType === "unknown" || catchallType === "any" ? null : catchall === undefined || catchallType === "never" ? undefined : compile(catchall);
  // A required member that accepts `undefined` may be absent for zod; here its absence is a `false`.
  const exact =
    members.every((m) => m.schema.exact && (m.optional || !["unknown", "any"].includes(internals(shape[m.name] as core.$ZodType).def.type))) &&
    (catchallType === "never" || rest === null || (rest !== undefined && rest.exact));
  const check: Check = (v) => {
    if (!isPlainJsonObject(v)) return false;
    for (const member of members) {
      const value = v[member.name];
      if (value === undefined && !(member.name in v)) {
        if (!member.optional) return false;
        continue;
      }
      if (!member.schema.check(value)) return false;
    }
    if (rest === null) return !Object.hasOwn(v, "__proto__");
    for (const key of Object.keys(v)) {
      if (known.has(key)) continue;
      if (rest === undefined || key === "__proto__" || !rest.check(v[key])) return false;
    }
    return true;
  };
  return [check, exact];
}

function isPlainJsonObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

function checksPass(checks: readonly core.$ZodCheck[], value: unknown): boolean {
  const payload = { value, issues: [] as unknown[] };
  for (const check of checks) {
    const zod = check._zod as unknown as { def: { when?: (p: unknown) => boolean }; check: (p: unknown) => unknown };
    if (zod.def.when !== undefined && !zod.def.when(payload)) continue;
    if (zod.check(payload) instanceof Promise) return false;
    if (payload.issues.length > 0) return false;
  }
  return true;
}
