import { type FakeUser, invalid, wireUserOf } from "./state.js";

const STAND_ALONE = ["id", "login", "email", "full_name", "phone", "external_id", "facebook_id", "twitter_id", "user_tags"];
const DATES = ["last_request_at", "created_at", "updated_at"];
const PRIMARY = ["eq", "in", "start_with"];
const COMPARE = ["gt", "lt", "gte", "lte"];

/** Query `field`, `field[op]` or `field[op][]` → { field: { op: values } } ("eq" for a bare field). */
function searchFilters(query: URLSearchParams): Map<string, Map<string, string[]>> {
  const filters = new Map<string, Map<string, string[]>>();
  query.forEach((value, key) => {
    const m = /^([a-z_]+)(?:\[([a-z_]+)\](\[\])?)?$/.exec(key);
    if (!m || ["limit", "offset", "sort_asc", "sort_desc"].includes(key)) return;
    const ops = filters.get(m[1]!) ?? new Map<string, string[]>();
    ops.set(m[2] ?? "eq", [...(ops.get(m[2] ?? "eq") ?? []), value]);
    filters.set(m[1]!, ops);
  });
  return filters;
}

/** Why ConnectyCube refuses the filters, or undefined when they hold a stand-alone field with a primary operator. */
function refusal(filters: Map<string, Map<string, string[]>>): string | undefined {
  let primary = false;
  for (const [field, ops] of filters) {
    const standAlone = STAND_ALONE.includes(field);
    if (!standAlone && !DATES.includes(field)) return `Unknown field ${field}`;
    for (const [op, values] of ops) {
      if (!PRIMARY.includes(op) && !COMPARE.includes(op) && op !== "nin") return `Unknown operator ${op}`;
      if (standAlone && COMPARE.includes(op)) return `Field ${field} cannot be compared`;
      if (!standAlone && PRIMARY.includes(op)) return `Field ${field} needs a stand-alone field`;
      if (op === "start_with" && (values[0] ?? "").length < 4) return "start_with needs at least 4 characters";
      primary ||= standAlone && PRIMARY.includes(op);
    }
  }
  return primary ? undefined : "Query must contain at least one stand-alone field with a primary operator";
}

/** Whether the user passes one field's operator. */
function passes(u: FakeUser, field: string, op: string, values: string[]): boolean {
  const raw = field === "id" ? u.id : (u as unknown as Record<string, unknown>)[field];
  const have = raw === null || raw === undefined ? null : String(raw);
  // Emails are matched whatever their case (an assumption the reference leaves open).
  const eq = (a: string | null, b: string) => (field === "email" ? a?.toLowerCase() === b.toLowerCase() : a === b);
  // `user_tags` is a comma-separated list: each tag is compared.
  const candidates = field === "user_tags" ? (have ?? "").split(",") : [have];
  if (op === "eq") return candidates.some((c) => eq(c, values[0]!));
  if (op === "in") return values.some((v) => candidates.some((c) => eq(c, v)));
  if (op === "nin") return !values.some((v) => candidates.some((c) => (c ?? "") === v));
  if (op === "start_with") return (have ?? "").toLowerCase().startsWith(values[0]!.toLowerCase());
  // Dates are kept as epoch ms; the query gives an ISO string or unix seconds.
  const at = have === null ? Number.NaN : Number(have);
  const ref = /^\d+$/.test(values[0]!) ? Number(values[0]) * 1000 : Date.parse(values[0]!);
  return op === "gt" ? at > ref : op === "lt" ? at < ref : op === "gte" ? at >= ref : at <= ref;
}

/** `sort_asc=<field>` or `sort_desc=<field>` as a comparison (users without the field last), id order without either; or why it is refused. */
function sortOrder(query: URLSearchParams): ((a: FakeUser, b: FakeUser) => number) | string {
  const [asc, desc] = [query.get("sort_asc"), query.get("sort_desc")];
  if (asc !== null && desc !== null) return "Use sort_asc or sort_desc, not both";
  const field = asc ?? desc;
  if (field === null) return (a, b) => a.id - b.id;
  if (![...STAND_ALONE, ...DATES].includes(field)) return `Unknown sort field ${field}`;
  const sign = asc !== null ? 1 : -1;
  const value = (u: FakeUser) => (u as unknown as Record<string, string | number | null>)[field] ?? null;
  return (a, b) => {
    const [x, y] = [value(a), value(b)];
    if (x === null || y === null) return x === y ? a.id - b.id : x === null ? 1 : -1;
    return (x < y ? -sign : x > y ? sign : 0) || a.id - b.id;
  };
}

/** `GET /users/v2`: the search's rules, sorting, paging (5 at most with `start_with`). */
export function searchUsers(users: Iterable<FakeUser>, query: URLSearchParams): Response {
  const filters = searchFilters(query);
  const refused = refusal(filters);
  if (refused) return invalid("base", refused);
  const limit = query.has("limit") ? Number(query.get("limit")) : 100;
  const offset = query.has("offset") ? Number(query.get("offset")) : 0;
  if (!Number.isInteger(limit) || limit < 1 || limit > 100 || !Number.isInteger(offset) || offset < 0) return invalid("base", "limit must be 1..100 and offset ≥ 0");
  const order = sortOrder(query);
  if (typeof order === "string") return invalid("base", order);
  const all = [...users].filter((u) => [...filters].every(([field, ops]) => [...ops].every(([op, values]) => passes(u, field, op, values)))).sort(order);
  const effective = [...filters.values()].some((ops) => ops.has("start_with")) ? Math.min(limit, 5) : limit;
  return Response.json({ limit: effective, skip: offset, total_entries: all.length, items: all.slice(offset, offset + effective).map(wireUserOf) });
}
