import { clerk } from "../src/index.js";
import { type ClerkFake, type ClerkFakeOptions, createClerkFake } from "../src/testing/index.js";

/** A fresh fake and an adapter wired to it (one retry keeps failure tests short). */
export function setup(fakeOptions: ClerkFakeOptions = {}, adapter: { metadataField?: "public" | "private"; authorizedParties?: string[] } = {}) {
  const fake = createClerkFake(fakeOptions);
  const auth = clerk({ ...fake.adapterOptions, retry: { limit: 1 }, ...adapter });
  return { fake, auth };
}

/** A fresh provider and fake as the conformance and fuzz suites take them, with the secrets no error may show. */
export function suiteSetup() {
  const { fake, auth } = setup();
  return { provider: auth, controls: fake.controls, secrets: [fake.options.secretKey, fake.options.webhookSecret] };
}

/** A raw call to the fake as Clerk's API is called (secret key, API version, JSON), giving the status and the JSON answer. */
export async function callFake(fake: ClerkFake, method: string, path: string, given: { query?: Record<string, string | string[]>; body?: unknown } = {}) {
  const url = new URL(`${fake.options.baseUrl}${path}`);
  for (const [key, value] of Object.entries(given.query ?? {})) for (const v of [value].flat()) url.searchParams.append(key, v);
  const headers = { authorization: `Bearer ${fake.options.secretKey}`, "clerk-api-version": fake.options.apiVersion, "content-type": "application/json" };
  const response = await fake.fetch(url.href, { method, headers, ...(given.body === undefined ? {} : { body: JSON.stringify(given.body) }) });
  return { status: response.status, body: (await response.json()) as any };
}
