// pnpm bench: the Clerk adapter's users.get against raw fetch and Clerk's own SDK (@clerk/backend) on the same
// operation, GET /v1/users/{id}, all calling one loopback server (in a child process) that answers what Clerk's
// API answers for a user with metadata, an email and a phone, interleaved in one run. Targets: ≥ 0.9× raw fetch
// with 16 in flight, and ≥ the SDK.
import { createClerkClient } from "@clerk/backend";
import { clerk } from "../dist/index.js";
import { createClerkFake } from "../dist/testing/index.js";
import { captureBody, usersGetBench } from "../../../scripts/bench-http.mjs";

const fake = createClerkFake();
const { id } = await fake.controls.seedUser({
  email: "ada@example.com",
  name: "Ada Lovelace",
  phone: "+15555550100",
  metadata: { plan: "pro", seats: 3, flags: { beta: true }, tags: ["a", "b", "c"] },
});
const body = await captureBody(fake.fetch, (fetch) => clerk({ ...fake.adapterOptions, fetch }).users.get(id));
const { secretKey } = fake.adapterOptions;

await usersGetBench({
  label: "clerk",
  benchUrl: import.meta.url,
  body,
  contenders: (origin) => {
    const auth = clerk({ ...fake.adapterOptions, fetch: undefined, baseUrl: `${origin}/v1` });
    const sdk = createClerkClient({ secretKey, apiUrl: origin });
    const url = `${origin}/v1/users/${id}`;
    const headers = { accept: "application/json", authorization: `Bearer ${secretKey}`, "clerk-api-version": "2026-05-12" };
    return {
      rawFetch: async () => (await fetch(url, { headers })).json(),
      authmux: () => auth.users.get(id),
      sdk: () => sdk.users.getUser(id),
    };
  },
});
