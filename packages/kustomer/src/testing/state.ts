/** A customer as the fake stores it: Kustomer's attribute names (vendors/kustomer.md §4). */
export interface FakeCustomer {
  id: string;
  attributes: Record<string, unknown> & {
    name: string | null;
    externalId: string | null;
    emails: { type: string; verified: boolean; email: string }[];
    phones: { type: string; verified: boolean; phone: string }[];
    custom: Record<string, unknown>;
    createdAt: string;
    updatedAt: string;
    rev: number;
    deleted: boolean;
  };
  /** Creation order, so lists are stable when clocks are frozen. */
  seq: number;
}

/** The fake's whole state; `reset()` replaces it. */
export class FakeState {
  customers = new Map<string, FakeCustomer>();
  private counter = 0;

  /** Deterministic 24-hex ObjectId-shaped ids, as Kustomer's. */
  nextId(): string {
    this.counter += 1;
    return `6717c2b1${this.counter.toString(16).padStart(16, "0")}`;
  }

  get seq(): number {
    return this.counter;
  }

  live(): FakeCustomer[] {
    return [...this.customers.values()].filter((c) => !c.attributes.deleted);
  }

  byId(id: string): FakeCustomer | undefined {
    const c = this.customers.get(id);
    return c && !c.attributes.deleted ? c : undefined;
  }

  /** Email lookups ignore case (the reference leaves it open; lower-cased index as its checklist says). */
  byEmail(email: string, except?: string): FakeCustomer | undefined {
    const wanted = email.toLowerCase();
    return this.live().find((c) => c.id !== except && c.attributes.emails.some((e) => e.email.toLowerCase() === wanted));
  }

  byExternalId(externalId: string, except?: string): FakeCustomer | undefined {
    return this.live().find((c) => c.id !== except && c.attributes.externalId === externalId);
  }

  byPhone(phone: string): FakeCustomer | undefined {
    return this.live().find((c) => c.attributes.phones.some((p) => p.phone === phone));
  }
}

/** The resource document of a customer, with the constant attributes Kustomer always includes. */
export function customerResource(c: FakeCustomer, orgId: string, machineUserId: string): Record<string, unknown> {
  const self = `/v1/customers/${c.id}`;
  const user = { links: { self: `/v1/users/${machineUserId}` }, data: { type: "user", id: machineUserId } };
  return {
    type: "customer",
    id: c.id,
    attributes: structuredClone(c.attributes),
    relationships: {
      messages: { links: { self: `${self}/messages` } },
      createdBy: user,
      modifiedBy: user,
      org: { data: { type: "org", id: orgId }, links: { self: `/v1/orgs/${orgId}` } },
    },
    links: { self },
  };
}

/** Search hits carry a reduced attribute set (vendors/kustomer.md §3, "Search"). */
export function searchHit(c: FakeCustomer): Record<string, unknown> {
  const a = c.attributes;
  return {
    type: "customer",
    id: c.id,
    attributes: { name: a.name, displayName: a.displayName, createdAt: a.createdAt, updatedAt: a.updatedAt, lastActivityAt: a.lastActivityAt, verified: a.verified, rev: a.rev },
    links: { self: `/v1/customers/${c.id}` },
  };
}
