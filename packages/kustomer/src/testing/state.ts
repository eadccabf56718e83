import type { JsonObject, JsonValue } from "@authmux/core";

/** A customer as the fake stores it: Kustomer's attribute names (vendors/kustomer.md §4). */
export interface FakeCustomer {
  id: string;
  attributes: Record<string, unknown> & {
    name: string | null;
    externalId: string | null;
    emails: Contact<"email">[];
    phones: Contact<"phone">[];
    custom: Record<string, JsonValue>;
    createdAt: string;
    updatedAt: string;
    rev: number;
    deleted: boolean;
  };
  /** Creation order, so lists are stable when clocks are frozen. */
  seq: number;
}

/** An `emails` or `phones` entry as Kustomer stores it. */
type Contact<K extends string> = { type: string; verified: boolean } & Record<K, string>;

const COLORS = ["teal", "silver", "amber", "indigo"];
const ICONS = ["compass", "scissors", "anchor", "kite"];
/** Lists a new customer has, empty unless the create sends them. */
const LISTS = "sharedExternalIds sharedEmails sharedPhones smoochIds whatsapps facebookIds instagramIds socials sharedSocials urls locations activeUsers watchers tags recentItems roleGroupVersions accessOverride".split(" ");

/** Checked `emails` or `phones` entries as Kustomer stores them: a type (default `home` / `mobile`), `verified` false unless sent. */
export function contactsOf<K extends "email" | "phone">(key: K, sent: unknown): Contact<K>[] {
  const entries = (sent as Partial<Contact<K>>[] | undefined) ?? [];
  return entries.map((e) => ({ type: e.type ?? (key === "email" ? "home" : "mobile"), verified: e.verified ?? false, [key]: e[key] }) as Contact<K>);
}

/** Scalars every customer in the reference's example has: null until set. */
const SCALARS = "username signedUpAt locale timeZone".split(" ");

/**
 * The attributes of a customer made from a checked create body, with what Kustomer derives and the records it
 * keeps for every customer (vendors/kustomer.md §3 "Create" and the §4 example); `createdAt` and
 * `lastActivityAt` may be given (an import).
 */
export function newAttributes(body: Record<string, unknown>, seq: number, at: string): FakeCustomer["attributes"] {
  const name = typeof body.name === "string" ? body.name : null;
  const emails = contactsOf("email", body.emails);
  const externalId = typeof body.externalId === "string" ? body.externalId : null;
  const space = name?.indexOf(" ") ?? -1;
  const createdAt = typeof body.createdAt === "string" ? body.createdAt : at;
  return {
    ...Object.fromEntries(LISTS.map((list) => [list, []])),
    ...Object.fromEntries(SCALARS.map((scalar) => [scalar, null])),
    ...body,
    name,
    displayName: name ?? emails[0]?.email ?? `${COLORS[seq % 4]} ${ICONS[seq % 4]}`,
    displayColor: COLORS[seq % 4],
    displayIcon: ICONS[seq % 4],
    firstName: name === null ? null : space < 0 ? name : name.slice(0, space),
    lastName: name === null || space < 0 ? null : name.slice(space + 1),
    externalId,
    // Sent externalIds are kept; otherwise Kustomer fills them in from externalId.
    externalIds: Array.isArray(body.externalIds) ? structuredClone(body.externalIds) : externalId ? [{ verified: true, externalId }] : [],
    emails,
    phones: contactsOf("phone", body.phones),
    recentLocation: { updatedAt: at },
    custom: structuredClone((body.custom as Record<string, JsonValue> | undefined) ?? {}),
    createdAt,
    updatedAt: at,
    modifiedAt: at,
    lastActivityAt: typeof body.lastActivityAt === "string" ? body.lastActivityAt : at,
    deleted: false,
    lastConversation: { channels: [], tags: [] },
    conversationCounts: { done: 0, open: 0, snoozed: 0, all: 0 },
    preview: {},
    progressiveStatus: null,
    verified: externalId !== null,
    rev: 1,
    satisfactionLevel: { firstSatisfaction: { sentByTeams: [] }, lastSatisfaction: { sentByTeams: [] } },
  };
}

/** The fake's whole state; `reset()` replaces it, `snapshot()`/`restore()` carry it across runs. */
export class FakeState {
  customers = new Map<string, FakeCustomer>();
  private counter = 0;

  /** The state as plain JSON (deleted customers included: Kustomer deletes softly). */
  snapshot(): JsonObject {
    return structuredClone({ counter: this.counter, customers: [...this.customers.values()] }) as unknown as JsonObject;
  }

  /** A state from {@link snapshot}'s JSON; a malformed one throws. */
  static restore(json: JsonObject): FakeState {
    const { counter, customers } = structuredClone(json) as unknown as { counter: number; customers: FakeCustomer[] };
    if (!Number.isInteger(counter) || !Array.isArray(customers)) throw new TypeError("not a Kustomer fake snapshot: counter and customers are required");
    const state = new FakeState();
    state.counter = counter;
    for (const c of customers) state.customers.set(c.id, c);
    return state;
  }

  /** Deterministic 24-hex ObjectId-shaped ids, as Kustomer's. */
  nextId(): string {
    this.counter += 1;
    return `6717c2b1${this.counter.toString(16).padStart(16, "0")}`;
  }

  /** A new customer from a checked create body. */
  create(body: Record<string, unknown>, at: string): FakeCustomer {
    const id = this.nextId();
    const customer = { id, seq: this.counter, attributes: newAttributes(body, this.counter, at) };
    this.customers.set(id, customer);
    return customer;
  }

  live(): FakeCustomer[] {
    return [...this.customers.values()].filter((c) => !c.attributes.deleted);
  }

  byId(id: string): FakeCustomer | undefined {
    const c = this.customers.get(id);
    return c && !c.attributes.deleted ? c : undefined;
  }

  /**
   * The live customer, other than `except`, with this `email` (in any case: the reference leaves it open, its
   * checklist says a lower-cased index), `phone` or `externalId`.
   */
  find(by: string, value: string, except?: string): FakeCustomer | undefined {
    const has = ({ attributes: a }: FakeCustomer) =>
      by === "email" ? a.emails.some((e) => e.email.toLowerCase() === value.toLowerCase()) : by === "phone" ? a.phones.some((p) => p.phone === value) : a.externalId === value;
    return this.live().find((c) => c.id !== except && has(c));
  }
}

export const ORG_ID = "6717bf0000000000000000ff";
const MACHINE_USER_ID = "6717c0aa00000000000000aa";

/** A customer resource as Kustomer renders it: `type`, `id`, the given attributes, `more` (relationships), `links`. */
const resource = (c: FakeCustomer, attributes: Record<string, unknown>, more: Record<string, unknown> = {}) => ({
  type: "customer",
  id: c.id,
  attributes,
  ...more,
  links: { self: `/v1/customers/${c.id}` },
});

/** The resource document of a customer, with the constant relationships Kustomer always includes. */
export function customerResource(c: FakeCustomer): Record<string, unknown> {
  const user = { links: { self: `/v1/users/${MACHINE_USER_ID}` }, data: { type: "user", id: MACHINE_USER_ID } };
  return resource(c, structuredClone(c.attributes), {
    relationships: {
      messages: { links: { self: `/v1/customers/${c.id}/messages` } },
      createdBy: user,
      modifiedBy: user,
      org: { data: { type: "org", id: ORG_ID }, links: { self: `/v1/orgs/${ORG_ID}` } },
    },
  });
}

/** Search hits carry a reduced attribute set (vendors/kustomer.md §3, "Search"). */
export function searchHit(c: FakeCustomer): Record<string, unknown> {
  const a = c.attributes;
  return resource(c, { name: a.name, displayName: a.displayName, createdAt: a.createdAt, updatedAt: a.updatedAt, lastActivityAt: a.lastActivityAt, verified: a.verified, rev: a.rev });
}
