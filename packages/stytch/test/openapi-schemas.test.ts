import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv, type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import { bcrypt } from "hash-wasm";
import { beforeAll, describe, expect, it } from "vitest";
import { createStytchFake, type StytchFake } from "../src/testing/index.js";
import { NOT_EMULATED, NOT_EMULATED_PREFIX } from "../src/testing/not-emulated.js";
import { call } from "./fake-call.js";

// Every answer of the fake, success and error, validated against the full schema of its operation in Stytch's
// OpenAPI spec (../shared/vendors/stytch-openapi/openapi.yml): every property's type, nested objects, arrays and
// required keys, not only the top level.
//
// `yaml` is a devDependency of @authmux/clerk, not of this package: it is loaded from there, as clerk's own spec
// test reads its spec.
const here = dirname(fileURLToPath(import.meta.url));
const { parse } = createRequire(resolve(here, "../../clerk/package.json"))("yaml") as { parse(text: string): unknown };

type Schema = { [key: string]: unknown; properties?: Record<string, Schema>; required?: string[]; items?: Schema };
type Operation = { responses: Record<string, { content?: { "application/json": { schema?: { $ref: string }; example?: Record<string, unknown> } } }> };
type Spec = { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Schema> } };

/** The operations the fake implements (openapi.yml's method and path); every other consumer operation answers 501. */
const IMPLEMENTED = [
  "GET /v1/sessions/jwks/{project_id}",
  "POST /v1/users",
  "GET /v1/users/{user_id}",
  "PUT /v1/users/{user_id}",
  "DELETE /v1/users/{user_id}",
  "PUT /v1/users/{user_id}/exchange_primary_factor",
  "POST /v1/users/search",
  "POST /v1/passwords",
  "POST /v1/passwords/authenticate",
  "POST /v1/passwords/strength_check",
  "POST /v1/passwords/migrate",
  "POST /v1/sessions/authenticate",
  "GET /v1/sessions",
  "POST /v1/sessions/revoke",
  "POST /v1/magic_links",
  "POST /v1/magic_links/authenticate",
];

/**
 * The spec marks no field nullable, yet Stytch answers `null` for unset optional fields (vendors/stytch.md §11.1:
 * `password`, `external_id`, `lock_created_at`, `session` without a session). Optional properties therefore also
 * accept null; required ones keep their exact type.
 */
function optionalMayBeNull(schema: Schema): Schema {
  const out: Schema = { ...schema };
  if (schema.properties) {
    out.properties = Object.fromEntries(
      Object.entries(schema.properties).map(([key, value]) => {
        const inner = optionalMayBeNull(value);
        return [key, schema.required?.includes(key) ? inner : { anyOf: [inner, { type: "null" }] }];
      }),
    );
  }
  if (schema.items) out.items = optionalMayBeNull(schema.items);
  return out;
}

/** The error body the spec shows for the operation (its 401/429/500 examples): each key, its type, all required. */
function errorSchema(operation: Operation): Schema {
  const example = operation.responses["401"]?.content?.["application/json"].example;
  if (!example) throw new Error("no error example in the spec for this operation");
  const properties = Object.fromEntries(Object.entries(example).map(([key, value]) => [key, { type: typeof value === "number" ? "integer" : typeof value }]));
  return { type: "object", properties, required: Object.keys(example) };
}

let spec: Spec;
let ajv: Ajv;
beforeAll(() => {
  const file = resolve(here, "../../../../shared/vendors/stytch-openapi/openapi.yml");
  spec = parse(readFileSync(file, "utf8")) as Spec;
  ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  const schemas = Object.fromEntries(Object.entries(spec.components.schemas).map(([name, schema]) => [name, optionalMayBeNull(schema)]));
  ajv.addSchema({ $id: "stytch", components: { schemas } });
});

/** The validator of an operation's answer with this status. */
function validatorFor(operation: string, status: number): ValidateFunction {
  const [method, path] = operation.split(" ") as [string, string];
  const op = spec.paths[path]?.[method.toLowerCase()];
  if (!op) throw new Error(`${operation} is not in the spec`);
  if (status !== 200) return ajv.compile(errorSchema(op));
  // openapi.yml files the consumer magic-link authenticate answer under a B2B schema (vendors/stytch.md §13): it is
  // checked against the consumer authenticate answer every other sign-in shares, plus its two own fields.
  if (operation === "POST /v1/magic_links/authenticate") {
    return ajv.compile({
      allOf: [{ $ref: "stytch#/components/schemas/api_password_v1_AuthenticateResponse" }],
      properties: { method_id: { type: "string" }, reset_sessions: { type: "boolean" } },
      required: ["method_id", "reset_sessions"],
    });
  }
  const ref = op.responses["200"]?.content?.["application/json"].schema?.$ref;
  if (!ref) throw new Error(`${operation} has no 200 schema`);
  return ajv.compile({ $ref: `stytch${ref}` });
}

type Answer = { operation: string; status: number; body: Record<string, unknown> };

/** Calls every route the fake implements, for success and for errors, and returns what it answered. */
async function exercise(fake: StytchFake): Promise<Answer[]> {
  const answers: Answer[] = [];
  const hit = async (operation: string, path: string, body?: unknown) => {
    const answer = await call(fake, operation.split(" ")[0]!, path, body);
    answers.push({ operation, ...answer });
    return answer.body;
  };
  const jwks = await fake.fetch(`${fake.options.baseUrl}/v1/sessions/jwks/${fake.options.projectId}`);
  answers.push({ operation: "GET /v1/sessions/jwks/{project_id}", status: jwks.status, body: await jwks.json() });
  await hit("GET /v1/sessions/jwks/{project_id}", "/v1/sessions/jwks/project-test-unknown");

  const created = await hit("POST /v1/users", "/v1/users", { email: "spec@example.com", phone_number: "+15550009999", name: { first_name: "Spec" }, untrusted_metadata: { a: 1 }, external_id: "spec-1" });
  const id = String(created.user_id);
  await hit("POST /v1/users", "/v1/users", { email: "spec@example.com" });
  await hit("POST /v1/users", "/v1/users", { email: "roles@example.com", roles: ["admin"] });
  await hit("GET /v1/users/{user_id}", `/v1/users/${id}`);
  await hit("GET /v1/users/{user_id}", "/v1/users/user-test-missing");
  await hit("PUT /v1/users/{user_id}", `/v1/users/${id}`, { trusted_metadata: { plan: "pro" }, name: { first_name: "Spec", last_name: "Check" } });
  await hit("PUT /v1/users/{user_id}", `/v1/users/${id}`, { trusted_metadata: "nope" });
  await hit("POST /v1/users/search", "/v1/users/search", { limit: 1, query: { operator: "AND", operands: [{ filter_name: "status", filter_value: "active" }] } });
  await hit("POST /v1/users/search", "/v1/users/search", { query: { operator: "AND", operands: [{ filter_name: "status", filter_value: ["active"] }] } });

  const single = String((await hit("POST /v1/users", "/v1/users", { email: "single@example.com" })).user_id);
  await hit("PUT /v1/users/{user_id}/exchange_primary_factor", `/v1/users/${single}/exchange_primary_factor`, { email_address: "swapped@example.com" });
  await hit("PUT /v1/users/{user_id}/exchange_primary_factor", `/v1/users/${id}/exchange_primary_factor`, { email_address: "x@example.com" });

  const signedUp = await hit("POST /v1/passwords", "/v1/passwords", { email: "pw@example.com", password: "a long enough password", session_duration_minutes: 60, session_custom_claims: { plan: "pro" } });
  await hit("POST /v1/passwords", "/v1/passwords", { email: "weak@example.com", password: "short" });
  await hit("POST /v1/passwords/authenticate", "/v1/passwords/authenticate", { email: "pw@example.com", password: "a long enough password", session_duration_minutes: 30 });
  await hit("POST /v1/passwords/authenticate", "/v1/passwords/authenticate", { email: "pw@example.com", password: "a long enough password" });
  await hit("POST /v1/passwords/authenticate", "/v1/passwords/authenticate", { email: "pw@example.com", password: "wrong password!" });
  await hit("POST /v1/passwords/authenticate", "/v1/passwords/authenticate", { email: "nobody@example.com", password: "wrong password!" });
  const hash = await bcrypt({ password: "migrated password", salt: new Uint8Array(16), costFactor: 4, outputType: "encoded" });
  await hit("POST /v1/passwords/migrate", "/v1/passwords/migrate", { email: "mig@example.com", hash, hash_type: "bcrypt", trusted_metadata: { from: "legacy" } });
  await hit("POST /v1/passwords/migrate", "/v1/passwords/migrate", { email: "mig2@example.com", hash: "nope", hash_type: "bcrypt" });
  await hit("POST /v1/passwords/migrate", "/v1/passwords/migrate", { email: "mig3@example.com", hash: "$P$B12345678901234567890123456789", hash_type: "phpass" });
  await hit("POST /v1/passwords/strength_check", "/v1/passwords/strength_check", { password: "correct horse battery staple", email: "pw@example.com" });
  await hit("POST /v1/passwords/strength_check", "/v1/passwords/strength_check", {});

  const token = String(signedUp.session_token);
  await hit("POST /v1/sessions/authenticate", "/v1/sessions/authenticate", { session_token: token, session_duration_minutes: 60 });
  await hit("POST /v1/sessions/authenticate", "/v1/sessions/authenticate", { session_jwt: signedUp.session_jwt });
  await hit("POST /v1/sessions/authenticate", "/v1/sessions/authenticate", { session_token: "unknown-token" });
  await hit("GET /v1/sessions", `/v1/sessions?user_id=${signedUp.user_id}`);
  await hit("GET /v1/sessions", "/v1/sessions?user_id=user-test-missing");
  const link = await hit("POST /v1/magic_links", "/v1/magic_links", { user_id: id, expiration_minutes: 15 });
  await hit("POST /v1/magic_links", "/v1/magic_links", { user_id: id, expiration_minutes: 1 });
  await hit("POST /v1/magic_links/authenticate", "/v1/magic_links/authenticate", { token: link.token, session_duration_minutes: 60 });
  await hit("POST /v1/magic_links/authenticate", "/v1/magic_links/authenticate", { token: link.token });
  await hit("POST /v1/sessions/revoke", "/v1/sessions/revoke", { session_token: token });
  await hit("POST /v1/sessions/revoke", "/v1/sessions/revoke", { session_token: token });
  await hit("DELETE /v1/users/{user_id}", `/v1/users/${single}`, {});
  await hit("DELETE /v1/users/{user_id}", `/v1/users/${single}`, {});

  // Faults the kit answers, in Stytch's words: bad credentials, rate limit, outage.
  const wrong = await fake.fetch(`${fake.options.baseUrl}/v1/users/${id}`, { headers: { authorization: "Basic d3Jvbmc6d3Jvbmc=" } });
  answers.push({ operation: "GET /v1/users/{user_id}", status: wrong.status, body: await wrong.json() });
  fake.controls.failNext({ kind: "rate_limited", retryAfterSec: 1 });
  await hit("POST /v1/users/search", "/v1/users/search", {});
  fake.controls.failNext({ kind: "unavailable", status: 500 });
  await hit("POST /v1/passwords/authenticate", "/v1/passwords/authenticate", { email: "pw@example.com", password: "a long enough password" });
  return answers;
}

describe("the fake's answers match Stytch's OpenAPI schemas", () => {
  it("every implemented operation, success and error, validates against the full schema of its operation", async () => {
    const answers = await exercise(createStytchFake());
    const problems: string[] = [];
    for (const { operation, status, body } of answers) {
      const validate = validatorFor(operation, status);
      if (!validate(body)) problems.push(`${operation} → ${status}: ${ajv.errorsText(validate.errors)}`);
    }
    expect(problems).toEqual([]);
    const seen = (ok: boolean) => new Set(answers.filter((a) => (a.status === 200) === ok).map((a) => a.operation));
    expect([...seen(true)].sort()).toEqual([...IMPLEMENTED].sort());
    expect([...seen(false)].sort()).toEqual([...IMPLEMENTED].sort());
    expect(new Set(answers.map((a) => a.status))).toEqual(new Set([200, 400, 401, 404, 429, 500, 501]));
  });

  it("the validator is strict: a wrong type deep inside a user fails", () => {
    const validate = validatorFor("GET /v1/users/{user_id}", 200);
    const user = { request_id: "r", status_code: 200, user_id: "u", emails: [{ email_id: "e", email: "a@b.c", verified: "yes" }], status: "active", phone_numbers: [], webauthn_registrations: [], providers: [], totps: [], crypto_wallets: [], biometric_registrations: [], is_locked: false, roles: [] };
    expect(validate(user)).toBe(false);
    expect(ajv.errorsText(validate.errors)).toContain("verified");
  });

  it("every other operation of the spec answers 501 not_emulated, and the list of them is the spec's", async () => {
    const fake = createStytchFake();
    const documented: string[] = [];
    for (const [path, methods] of Object.entries(spec.paths)) {
      for (const method of Object.keys(methods)) if (["get", "post", "put", "patch", "delete"].includes(method)) documented.push(`${method.toUpperCase()} ${path}`);
    }
    const consumer = documented.filter((op) => !op.split(" ")[1]!.startsWith(NOT_EMULATED_PREFIX));
    expect([...NOT_EMULATED, ...IMPLEMENTED].sort()).toEqual(consumer.sort());
    const wrongStatus: string[] = [];
    for (const operation of documented.filter((op) => !IMPLEMENTED.includes(op))) {
      const [method, template] = operation.split(" ") as [string, string];
      const answer = await call(fake, method, template.replace(/\{\w+\}/g, "x-1"), method === "GET" ? undefined : {});
      if (answer.status !== 501 || answer.body.error_type !== "not_emulated") wrongStatus.push(`${operation} → ${answer.status}`);
    }
    expect(wrongStatus).toEqual([]);
  });
});
