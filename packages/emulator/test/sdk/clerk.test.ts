import { createClerkFake } from "@authmux/clerk/testing";
import { type ClerkClient, createClerkClient, verifyToken } from "@clerk/backend";
import { isClerkAPIResponseError } from "@clerk/backend/errors";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type Served, serveFake } from "../../src/serve.js";

// Clerk's official Backend SDK (@clerk/backend 3.25.0) judges the Clerk fake: the fake is served on a loopback port
// and the SDK talks to it as to api.clerk.com. Routing: the SDK joins its `apiUrl` option with its `apiVersion`
// ("v1") and the path, and takes http:// there, so `apiUrl: served.origin` is the whole redirection; it sends
// `Clerk-API-Version: 2026-05-12` itself. Every Backend API operation an adapter method uses is driven here with
// its documented parameters; each answer is parsed by the SDK and its effect read back through the fake's controls.

type ClerkFake = ReturnType<typeof createClerkFake>;
let served: Served<ClerkFake>;
let sdk: ClerkClient;
let fake: ClerkFake;

beforeAll(async () => {
  served = await serveFake((origin) => createClerkFake({ baseUrl: `${origin}/v1` }));
  fake = served.fake;
  sdk = createClerkClient({ secretKey: fake.options.secretKey, apiUrl: served.origin });
});
afterAll(() => served.close());
beforeEach(() => fake.controls.reset());

/** The SDK's error for a call, to read its status and Clerk's codes. */
async function refusal(call: Promise<unknown>) {
  const error = await call.then(() => undefined, (e: unknown) => e);
  if (!isClerkAPIResponseError(error)) throw new Error(`expected a ClerkAPIResponseError, got ${String(error)}`);
  return { status: error.status, code: error.errors[0]?.code, param: error.errors[0]?.meta?.paramName };
}

describe("users through @clerk/backend against the served fake", () => {
  it("createUser with the documented body: the SDK parses the User, the fake keeps every field", async () => {
    const user = await sdk.users.createUser({
      emailAddress: ["ada@example.com"], phoneNumber: ["+447700900123"], username: "ada_l", externalId: "legacy-42", firstName: "Ada", lastName: "Lovelace",
      password: "a long enough password", publicMetadata: { plan: "pro" }, privateMetadata: { stripe: "cus_1" }, unsafeMetadata: { theme: "dark" }, locale: "en-GB",
      legalAcceptedAt: new Date("2024-01-02T03:04:05.000Z"), createdAt: new Date("2020-01-01T00:00:00.000Z"), skipLegalChecks: true,
    });
    expect(user).toMatchObject({ username: "ada_l", externalId: "legacy-42", firstName: "Ada", lastName: "Lovelace", passwordEnabled: true, locale: "en-GB", banned: false });
    expect(user.primaryEmailAddress?.emailAddress).toBe("ada@example.com");
    expect(user.primaryPhoneNumber?.phoneNumber).toBe("+447700900123");
    expect(user.emailAddresses[0]?.verification?.status).toBe("verified");
    expect(user.createdAt).toBe(Date.parse("2020-01-01T00:00:00.000Z"));
    expect(fake.controls.peekClerkUser(user.id)).toMatchObject({
      username: "ada_l", external_id: "legacy-42", locale: "en-GB", public_metadata: { plan: "pro" }, private_metadata: { stripe: "cus_1" }, unsafe_metadata: { theme: "dark" },
      legal_accepted_at: Date.parse("2024-01-02T03:04:05.000Z"),
    });
    expect(await fake.controls.peekUser(user.id)).toMatchObject({ email: "ada@example.com", name: "Ada Lovelace", phone: "+447700900123" });
    expect(await refusal(sdk.users.createUser({ emailAddress: ["ADA@example.com"], skipPasswordRequirement: true }))).toMatchObject({ status: 422, code: "form_identifier_exists" });
    expect(await refusal(sdk.users.createUser({ emailAddress: ["b@example.com"], password: "short" }))).toMatchObject({ status: 422, code: "form_password_length_too_short" });
    const reserved = await sdk.users.createUser({ emailAddress: ["r@example.com"], emailAddressIdentificationStatus: ["reserved"], skipPasswordRequirement: true, banned: true });
    // The SDK's EmailAddress has no `reserved`: read it back from the fake.
    expect(reserved.emailAddresses[0]).toMatchObject({ emailAddress: "r@example.com", verification: null });
    expect(fake.controls.peekClerkUser(reserved.id)).toMatchObject({ email_addresses: [{ reserved: true }] });
    expect(reserved.banned).toBe(true);
  });

  it("createUser with passwordDigest + passwordHasher: verifyPassword checks the imported bcrypt hash for real", async () => {
    const user = await sdk.users.createUser({ emailAddress: ["digest@example.com"], passwordDigest: "$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW", passwordHasher: "bcrypt" });
    expect(fake.controls.peekPassword(user.id)).toMatchObject({ hasher: "bcrypt" });
    expect(await sdk.users.verifyPassword({ userId: user.id, password: "U*U" })).toEqual({ verified: true });
    expect(await refusal(sdk.users.verifyPassword({ userId: user.id, password: "U*V" }))).toMatchObject({ status: 422, code: "incorrect_password" });
  });

  it("getUser, and getUserList / getCount with each documented filter, ordering and paging", async () => {
    const ids: string[] = [];
    for (const [i, who] of ["ada", "grace", "alan"].entries()) {
      fake.controls.setClock(1_700_000_000_000 + i * 1000);
      ids.push((await fake.controls.seedUser({ email: `${who}@example.com`, name: who, phone: `+1555000000${i}`, username: `${who}_u`, externalId: `ext-${who}` })).id);
    }
    const [ada, grace, alan] = ids as [string, string, string];
    expect((await sdk.users.getUser(grace)).emailAddresses[0]?.emailAddress).toBe("grace@example.com");
    expect(await refusal(sdk.users.getUser("user_missing"))).toMatchObject({ status: 404, code: "resource_not_found" });
    const list = async (params: Parameters<ClerkClient["users"]["getUserList"]>[0]) => {
      const { data, totalCount } = await sdk.users.getUserList(params);
      return { ids: data.map((u) => u.id), totalCount };
    };
    expect(await list({ userId: [ada, alan] })).toEqual({ ids: [alan, ada], totalCount: 2 });
    expect(await list({ emailAddress: ["grace@example.com"] })).toEqual({ ids: [grace], totalCount: 1 });
    expect(await list({ phoneNumber: ["+15550000002"] })).toEqual({ ids: [alan], totalCount: 1 });
    expect(await list({ externalId: ["ext-ada"] })).toEqual({ ids: [ada], totalCount: 1 });
    expect(await list({ username: ["alan_u"] })).toEqual({ ids: [alan], totalCount: 1 });
    expect(await list({ query: "gra" })).toEqual({ ids: [grace], totalCount: 1 });
    expect(await list({ createdAtAfter: 1_700_000_000_500 })).toEqual({ ids: [alan, grace], totalCount: 2 });
    expect(await list({ orderBy: "+created_at", limit: 2, offset: 1 })).toEqual({ ids: [grace, alan], totalCount: 3 });
    fake.controls.setClock(1_800_000_000_000);
    await sdk.users.updateUser(ada, { firstName: "Ada" });
    expect(await list({ orderBy: "-updated_at", limit: 1 })).toEqual({ ids: [ada], totalCount: 3 });
    expect(await list({ orderBy: "username" })).toEqual({ ids: [ada, alan, grace], totalCount: 3 });
    expect(await sdk.users.getCount({ emailAddress: ["ada@example.com", "alan@example.com"] })).toBe(2);
    // Activity filters: a session started is a sign-in and activity; the fake holds no organizations.
    fake.controls.setClock(1_900_000_000_000);
    await fake.controls.issueToken(grace);
    expect(await list({ lastSignInAtAfter: 1_850_000_000_000 })).toEqual({ ids: [grace], totalCount: 1 });
    expect(await list({ lastActiveAtBefore: 1_950_000_000_000, lastActiveAtAfter: 1_850_000_000_000 })).toEqual({ ids: [grace], totalCount: 1 });
    expect(await list({ lastSignInAtBefore: 1_850_000_000_000 })).toEqual({ ids: [], totalCount: 0 });
    expect(await list({ createdAtBefore: 1_700_000_000_500, orderBy: "-last_sign_in_at" })).toEqual({ ids: [ada], totalCount: 1 });
    expect(await list({ organizationId: ["org_1"] })).toEqual({ ids: [], totalCount: 0 });
    expect(await list({ organizationId: ["-org_1"], orderBy: "+created_at" })).toEqual({ ids: [ada, grace, alan], totalCount: 3 });
    expect(await sdk.users.getCount({ userId: [`-${ada}`] })).toBe(2);
  });

  it("updateUser with the documented fields; the new password signs in and other sessions end", async () => {
    const { id } = await fake.controls.seedUser({ email: "u@example.com", password: "the first password" });
    const token = await fake.controls.issueToken(id);
    const second = await sdk.users.createUser({ emailAddress: ["spare@example.com"], skipPasswordRequirement: true });
    void second;
    const updated = await sdk.users.updateUser(id, {
      firstName: "Grace", lastName: "Hopper", username: "grace_h", externalId: "ext-9", locale: "en-US", password: "the second password", skipPasswordChecks: false,
      signOutOfOtherSessions: true, notifyPrimaryEmailAddressChanged: false, deleteSelfEnabled: false, createOrganizationEnabled: false, createOrganizationsLimit: 2,
      legalAcceptedAt: new Date("2025-01-01T00:00:00.000Z"),
    });
    expect(updated).toMatchObject({ firstName: "Grace", lastName: "Hopper", username: "grace_h", externalId: "ext-9", locale: "en-US", deleteSelfEnabled: false, createOrganizationEnabled: false });
    expect(fake.controls.peekClerkUser(id)).toMatchObject({ create_organizations_limit: 2, legal_accepted_at: Date.parse("2025-01-01T00:00:00.000Z") });
    expect(await fake.controls.peekSession(token)).toEqual({ userId: id, active: false });
    expect(await sdk.users.verifyPassword({ userId: id, password: "the second password" })).toEqual({ verified: true });
    expect(await refusal(sdk.users.verifyPassword({ userId: id, password: "the first password" }))).toMatchObject({ status: 422 });
    // Documented fields the fake cannot act on answer 501 naming them; the SDK surfaces them as API errors.
    expect(await refusal(sdk.users.updateUser(id, { notifyPrimaryEmailAddressChanged: true }))).toMatchObject({ status: 501, code: "not_emulated", param: "notify_primary_email_address_changed" });
    expect(await refusal(sdk.users.updateUser(id, { totpSecret: "JBSWY3DPEHPK3PXP" }))).toMatchObject({ status: 501, param: "totp_secret" });
    // An imported digest through the same PATCH (what passwords.import sends).
    await sdk.users.updateUser(id, { passwordDigest: "5f4dcc3b5aa765d61d8327deb882cf99", passwordHasher: "md5" });
    expect(await sdk.users.verifyPassword({ userId: id, password: "password" })).toEqual({ verified: true });
  });

  it("primary email and phone: replaceUserEmailAddress, replaceUserPhoneNumber, updateUser primaryEmailAddressID", async () => {
    const { id } = await fake.controls.seedUser({ email: "old@example.com", phone: "+15550001111" });
    const email = await sdk.users.replaceUserEmailAddress(id, { emailAddress: "new@example.com" });
    expect(email).toMatchObject({ emailAddress: "new@example.com", verification: { status: "verified" } });
    const phone = await sdk.users.replaceUserPhoneNumber(id, { phoneNumber: "+15550002222" });
    expect(phone.phoneNumber).toBe("+15550002222");
    expect(await fake.controls.peekUser(id)).toMatchObject({ email: "new@example.com", phone: "+15550002222" });
    expect((await sdk.emailAddresses.getEmailAddress(email.id)).emailAddress).toBe("new@example.com");
    expect((await sdk.phoneNumbers.getPhoneNumber(phone.id)).phoneNumber).toBe("+15550002222");
    expect(await refusal(sdk.emailAddresses.getEmailAddress("idn_missing"))).toMatchObject({ status: 404 });
    const updated = await sdk.users.updateUser(id, { primaryEmailAddressID: email.id });
    expect(updated.primaryEmailAddressId).toBe(email.id);
  });

  it("metadata: updateUserMetadata deep-merges, replaceUserMetadata replaces", async () => {
    const { id } = await fake.controls.seedUser({ email: "m@example.com", metadata: { prefs: { theme: "dark", lang: "en" } } });
    const merged = await sdk.users.updateUserMetadata(id, { publicMetadata: { prefs: { theme: "light" } }, privateMetadata: { tier: 1 } });
    expect(merged.publicMetadata).toEqual({ prefs: { theme: "light", lang: "en" } });
    const replaced = await sdk.users.replaceUserMetadata(id, { publicMetadata: { only: true } });
    expect(replaced.publicMetadata).toEqual({ only: true });
    expect(fake.controls.peekClerkUser(id)).toMatchObject({ public_metadata: { only: true }, private_metadata: { tier: 1 } });
  });

  it("ban, unban, lock, unlock, delete", async () => {
    const { id } = await fake.controls.seedUser({ email: "b@example.com" });
    const token = await fake.controls.issueToken(id);
    expect((await sdk.users.banUser(id)).banned).toBe(true);
    expect(await fake.controls.peekSession(token)).toEqual({ userId: id, active: false });
    expect((await sdk.users.unbanUser(id)).banned).toBe(false);
    expect((await sdk.users.lockUser(id)).locked).toBe(true);
    expect((await sdk.users.unlockUser(id)).locked).toBe(false);
    await sdk.users.deleteUser(id);
    expect(await fake.controls.peekUser(id)).toBeNull();
    expect(await refusal(sdk.users.deleteUser(id))).toMatchObject({ status: 404 });
  });
});

describe("sessions, sign-in tokens, organizations and JWKS through @clerk/backend", () => {
  it("getSessionList with userId, status, limit, offset: newest first, paginated as the SDK asks; getSession; revokeSession", async () => {
    const { id } = await fake.controls.seedUser({ email: "s@example.com" });
    const tokens: string[] = [];
    for (let i = 0; i < 3; i++) {
      fake.controls.setClock(1_700_000_000_000 + i * 60_000);
      tokens.push(await fake.controls.issueToken(id));
    }
    const { data, totalCount } = await sdk.sessions.getSessionList({ userId: id });
    expect(totalCount).toBe(3);
    expect(data.map((s) => s.createdAt)).toEqual([1_700_000_120_000, 1_700_000_060_000, 1_700_000_000_000]);
    const revoked = await sdk.sessions.revokeSession(data[1]!.id);
    expect(revoked.status).toBe("revoked");
    expect(await fake.controls.peekSession(tokens[1]!)).toEqual({ userId: id, active: false });
    const active = await sdk.sessions.getSessionList({ userId: id, status: "active" });
    expect(active.data.map((s) => s.id)).toEqual([data[0]!.id, data[2]!.id]);
    expect((await sdk.sessions.getSessionList({ userId: id, limit: 1, offset: 1 })).data.map((s) => s.id)).toEqual([data[1]!.id]);
    expect((await sdk.sessions.getSessionList({ clientId: data[2]!.clientId })).data.map((s) => s.id)).toEqual([data[2]!.id]);
    expect((await sdk.sessions.getSession(data[0]!.id)).userId).toBe(id);
    expect(await refusal(sdk.sessions.getSession("sess_missing"))).toMatchObject({ status: 404 });
  });

  it("createSession and getToken (testing instances): a session JWT the SDK's own verifyToken accepts", async () => {
    const { id } = await fake.controls.seedUser({ email: "c@example.com" });
    const session = await sdk.sessions.createSession({ userId: id });
    expect(session).toMatchObject({ userId: id, status: "active" });
    const { jwt } = await sdk.sessions.getToken(session.id, undefined, 120);
    const payload = await verifyToken(jwt, { secretKey: fake.options.secretKey, apiUrl: served.origin, skipJwksCache: true });
    expect(payload).toMatchObject({ sub: id, sid: session.id });
    expect(payload.exp - payload.iat).toBe(120);
    expect(await refusal(sdk.sessions.getToken(session.id, "a-template"))).toMatchObject({ status: 501, code: "not_emulated" });
  });

  it("createSignInToken with expiresInSeconds: a ticket the Frontend API accepts once; revokeSignInToken", async () => {
    const { id } = await fake.controls.seedUser({ email: "t@example.com" });
    const token = await sdk.signInTokens.createSignInToken({ userId: id, expiresInSeconds: 600 });
    expect(token).toMatchObject({ userId: id, status: "pending" });
    await expect(fake.controls.redeemLoginLink(token.url)).resolves.toEqual({ userId: id });
    await expect(fake.controls.redeemLoginLink(token.url)).rejects.toThrow();
    const other = await sdk.signInTokens.createSignInToken({ userId: id, expiresInSeconds: 60 });
    expect((await sdk.signInTokens.revokeSignInToken(other.id)).status).toBe("revoked");
    await expect(fake.controls.redeemLoginLink(other.url)).rejects.toThrow();
    expect(await refusal(sdk.signInTokens.createSignInToken({ userId: "user_missing", expiresInSeconds: 60 }))).toMatchObject({ status: 404 });
  });

  it("getOrganizationList with limit, offset, query; verifyToken fetches the JWKS from the fake", async () => {
    expect(await sdk.organizations.getOrganizationList({ limit: 5, offset: 1, query: "acme", includeMembersCount: true, orderBy: "-members_count", organizationId: ["org_1"] })).toEqual({ data: [], totalCount: 0 });
    const { id } = await fake.controls.seedUser({ email: "j@example.com" });
    const payload = await verifyToken(await fake.controls.issueToken(id), { secretKey: fake.options.secretKey, apiUrl: served.origin, skipJwksCache: true, authorizedParties: ["http://localhost:3000"] });
    expect(payload.sub).toBe(id);
  });

  it("documented operations the fake does not emulate answer 501, which the SDK reports as an API error", async () => {
    expect(await refusal(sdk.invitations.getInvitationList())).toMatchObject({ status: 501, code: "not_emulated" });
  });
});
