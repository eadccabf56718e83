import { expect } from "vitest";
import type { Quota, Session, User, WebhookEvent } from "../types/neutral.js";

// What every neutral object an adapter returns must hold, whatever the vendor sent: the suites and the fuzz
// properties check results against these, so a vendor value of the wrong type cannot pass through as neutral.

const isDate = (value: unknown) => value instanceof Date && !Number.isNaN(value.getTime());
const isObject = (value: unknown) => typeof value === "object" && value !== null && !Array.isArray(value);
const textOrNull = (value: unknown) => value === null || typeof value === "string";

/** A neutral {@link User} of `provider`: every field of its type. */
export function expectUserShape(user: User, provider: string): void {
  expect(typeof user.id, "user.id").toBe("string");
  expect(user.id.length, "user.id").toBeGreaterThan(0);
  expect([textOrNull(user.email), textOrNull(user.phone), textOrNull(user.name)], "user.email, phone, name: text or null").toEqual([true, true, true]);
  expect([typeof user.emailVerified, typeof user.phoneVerified], "user.emailVerified, phoneVerified").toEqual(["boolean", "boolean"]);
  expect(isObject(user.metadata), "user.metadata is an object").toBe(true);
  expect(isDate(user.createdAt), "user.createdAt is a valid Date").toBe(true);
  expect(user.updatedAt === null || isDate(user.updatedAt), "user.updatedAt is a valid Date or null").toBe(true);
  expect(user.provider).toBe(provider);
  expect(user.raw).toBeDefined();
}

/** A neutral {@link Session} of `provider`. */
export function expectSessionShape(session: Session, provider: string): void {
  expect([typeof session.id, typeof session.userId], "session.id, userId").toEqual(["string", "string"]);
  expect(["active", "revoked", "expired", "ended"], "session.status").toContain(session.status);
  expect(isDate(session.createdAt), "session.createdAt is a valid Date").toBe(true);
  expect(session.expiresAt === null || isDate(session.expiresAt), "session.expiresAt is a valid Date or null").toBe(true);
  expect(session.provider).toBe(provider);
}

/** A neutral {@link Quota}. */
export function expectQuotaShape(quota: Quota): void {
  expect(typeof quota.name, "quota.name").toBe("string");
  expect(Number.isFinite(quota.used), "quota.used is a finite number").toBe(true);
  expect(quota.limit === null || Number.isFinite(quota.limit), "quota.limit").toBe(true);
  expect(quota.remaining === null || Number.isFinite(quota.remaining), "quota.remaining").toBe(true);
  expect(quota.resetsAt === null || isDate(quota.resetsAt), "quota.resetsAt").toBe(true);
}

/** A verified {@link WebhookEvent} of `provider`, with whatever neutral objects it carries well formed. */
export function expectEventShape(event: WebhookEvent, provider: string): void {
  expect(typeof event.id, "event.id").toBe("string");
  expect(event.id.length, "event.id").toBeGreaterThan(0);
  expect(["user.created", "user.updated", "user.deleted", "session.created", "session.ended", "quota.updated", "unknown"], "event.type").toContain(event.type);
  expect(typeof event.vendorType, "event.vendorType").toBe("string");
  expect(isDate(event.occurredAt), "event.occurredAt is a valid Date").toBe(true);
  expect(event.provider).toBe(provider);
  expect(isObject(event.data), "event.data is an object").toBe(true);
  const { user, session, userId, quota } = event.data;
  if (user !== undefined) expectUserShape(user, provider);
  if (session !== undefined) expectSessionShape(session, provider);
  if (quota !== undefined) expectQuotaShape(quota);
  if (userId !== undefined) expect(typeof userId === "string" && userId.length > 0, "event.data.userId is a non-empty string").toBe(true);
}
