import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { setup } from "./helpers.js";

// The fake answers with Clerk's shapes: each resource it returns has every field Clerk's own OpenAPI spec
// (../shared/vendors/clerk-openapi, the API version the adapter sends) marks as required.
type Schema = { required?: string[]; properties?: Record<string, Schema>; items?: Schema; $ref?: string; oneOf?: Schema[] };
let schemas: Record<string, Schema>;
beforeAll(() => {
  const file = resolve(dirname(fileURLToPath(import.meta.url)), "../../../../shared/vendors/clerk-openapi/2026-05-12.yml");
  schemas = (parse(readFileSync(file, "utf8")) as { components: { schemas: Record<string, Schema> } }).components.schemas;
});

function missingRequired(value: unknown, schemaName: string): string[] {
  const schema = schemas[schemaName];
  if (!schema) throw new Error(`no schema ${schemaName} in the spec`);
  const record = value as Record<string, unknown>;
  return (schema.required ?? []).filter((key) => !(key in record)).map((key) => `${schemaName}.${key}`);
}

describe("the fake's answers match Clerk's OpenAPI spec (2026-05-12)", () => {
  it("User, EmailAddress, PhoneNumber, Session, SignInToken, DeletedObject, TotalCount, errors", async () => {
    const { fake, auth } = setup();
    const { id } = await fake.controls.seedUser({ email: "spec@example.com", phone: "+15550001234", name: "Spec Check" });
    const user = (await auth.users.get(id))!.raw as Record<string, unknown>;
    const problems = [
      ...missingRequired(user, "User"),
      ...missingRequired((user.email_addresses as unknown[])[0], "EmailAddress"),
      ...missingRequired((user.phone_numbers as unknown[])[0], "PhoneNumber"),
    ];
    await fake.controls.issueToken(id);
    const [session] = await auth.sessions.list(id);
    problems.push(...missingRequired(session!.raw, "Session"));
    const { data: token } = await auth.vendor.request("POST", "/sign_in_tokens", { body: { user_id: id, expires_in_seconds: 60 } });
    problems.push(...missingRequired(token, "SignInToken"));
    const { data: count } = await auth.vendor.request("GET", "/users/count");
    problems.push(...missingRequired(count, "TotalCount"));
    const { data: deleted } = await auth.vendor.request("DELETE", `/users/${id}`);
    problems.push(...missingRequired(deleted, "DeletedObject"));
    const error = await auth.vendor.request("GET", `/users/${id}`).catch((e: { cause: unknown }) => e.cause);
    problems.push(...missingRequired(error, "ClerkErrors"));
    expect(problems).toEqual([]);
  });
});
