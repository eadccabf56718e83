// pnpm bench: the Stytch adapter's users.get against raw fetch and Stytch's own SDK (stytch) on the same
// operation, GET /v1/users/{id}, all calling one loopback server (in a child process) that answers what Stytch's
// API answers for a user with a name, an email, a phone and metadata, interleaved in one run. Targets: ≥ 0.9× raw
// fetch with 16 in flight, and ≥ the SDK.
import * as stytchSdk from "stytch";
import { stytch } from "../dist/index.js";
import { createStytchFake } from "../dist/testing/index.js";
import { captureBody, usersGetBench } from "../../../scripts/bench-http.mjs";

const fake = createStytchFake();
const { id } = await fake.controls.seedUser({
  email: "ada@example.com",
  name: "Ada Lovelace",
  phone: "+15555550100",
  metadata: { plan: "pro", seats: 3, flags: { beta: true }, tags: ["a", "b", "c"] },
});
const body = await captureBody(fake.fetch, (fetch) => stytch({ ...fake.adapterOptions, fetch }).users.get(id));
const { projectId, secret } = fake.adapterOptions;

await usersGetBench({
  label: "stytch",
  benchUrl: import.meta.url,
  body,
  contenders: (origin) => {
    const auth = stytch({ ...fake.adapterOptions, fetch: undefined, baseUrl: origin });
    // The SDK takes an https custom_base_url only; `env` names any API root (it warns once that it is custom).
    const sdk = new stytchSdk.Client({ project_id: projectId, secret, env: `${origin}/` });
    const url = `${origin}/v1/users/${id}`;
    const headers = { accept: "application/json", authorization: `Basic ${btoa(`${projectId}:${secret}`)}` };
    return {
      rawFetch: async () => (await fetch(url, { headers })).json(),
      authmux: () => auth.users.get(id),
      sdk: () => sdk.users.get({ user_id: id }),
    };
  },
});
