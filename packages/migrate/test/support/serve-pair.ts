// Serves a Kustomer fake (the source, seeded) and a Kobble fake (the target) on loopback ports, in a process of their
// own, so the migration under test can be killed without taking the vendors down with it. Prints one JSON line with
// what the CLI needs (its environment and the target's URL), then serves until stdin closes.
import { serveFake } from "@authmux/emulator";
import { createKobbleFake } from "@authmux/kobble/testing";
import { createKustomerFake } from "@authmux/kustomer/testing";

const users = Number(process.argv[2] ?? "10000");
const withoutEmail = Number(process.argv[3] ?? "50");

const source = await serveFake((origin) => createKustomerFake({ baseUrl: origin, rateLimit: 10_000_000 }));
// Kobble's fake stays fast with 10,000 users: the test's time goes to killing and resuming, not to the fake.
const target = await serveFake((origin) => createKobbleFake({ baseUrl: origin }));

for (let i = 0; i < users - withoutEmail; i++) {
  await source.fake.controls.seedUser({ email: `user${i}@example.com`, name: `User ${i}`, metadata: { plan: i % 2 ? "pro" : "free" } });
}
// Customers Kustomer holds without an email (a phone only): no target's users.create takes them.
for (let i = 0; i < withoutEmail; i++) {
  const response = await source.fake.fetch(`${source.origin}/v1/customers`, {
    method: "POST",
    headers: { authorization: `Bearer ${source.fake.options.apiKey}`, "content-type": "application/json" },
    body: JSON.stringify({ name: `Phone Only ${i}`, phones: [{ type: "mobile", phone: `+1415555${String(i).padStart(4, "0")}` }] }),
  });
  if (!response.ok) throw new Error(`seeding a customer without email: ${response.status} ${await response.text()}`);
}

const t = target.fake.options;
process.stdout.write(
  `${JSON.stringify({
    env: { KUSTOMER_API_KEY: source.fake.options.apiKey, KUSTOMER_API_URL: source.origin, KOBBLE_SDK_SECRET: t.secret, KOBBLE_PROJECT_ID: t.projectId, KOBBLE_CLIENT_ID: t.applicationId, KOBBLE_API_URL: target.origin },
  })}\n`,
);
process.stdin.resume();
process.stdin.on("end", async () => {
  await Promise.all([source.close(), target.close()]);
  process.exit(0);
});
