// pnpm bench: the Kobble adapter's users.get against raw fetch and Kobble's own SDK (@kobbleio/admin) on the
// same operation, GET /users/findById with metadata, all calling one loopback server (in a child process) that
// answers what Kobble's API answers for a user with metadata, interleaved in one run. Targets: ≥ 0.9× raw fetch
// with 16 in flight, and ≥ the SDK.
import { Kobble } from "@kobbleio/admin";
import { kobble } from "../dist/index.js";
import { createKobbleFake } from "../dist/testing/index.js";
import { captureBody, usersGetBench } from "../../../scripts/bench-http.mjs";

const fake = createKobbleFake();
const { id } = await fake.controls.seedUser({
  email: "ada@example.com",
  name: "Ada Lovelace",
  metadata: { plan: "pro", seats: 3, flags: { beta: true }, tags: ["a", "b", "c"] },
});
const body = await captureBody(fake.fetch, (fetch) => kobble({ ...fake.adapterOptions, fetch }).users.get(id));
const { secret } = fake.adapterOptions;

await usersGetBench({
  label: "kobble",
  benchUrl: import.meta.url,
  body,
  contenders: (origin) => {
    const auth = kobble({ ...fake.adapterOptions, fetch: undefined, baseUrl: origin });
    const sdk = new Kobble(secret, { baseApiUrl: origin });
    const url = `${origin}/users/findById?userId=${encodeURIComponent(id)}&includeMetadata=true`;
    const headers = { accept: "application/json", "kobble-sdk-secret": secret };
    return {
      rawFetch: async () => (await fetch(url, { headers })).json(),
      authmux: () => auth.users.get(id),
      sdk: () => sdk.users.getById(id, { includeMetadata: true }),
    };
  },
});
