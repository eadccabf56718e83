import type { StytchFake } from "../src/testing/index.js";

/** A raw call to the fake as any Stytch client makes it (Basic auth, JSON body): its status and parsed body. */
export async function call(fake: StytchFake, method: string, path: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const { projectId, secret, baseUrl } = fake.options;
  const headers: Record<string, string> = { authorization: `Basic ${btoa(`${projectId}:${secret}`)}` };
  if (body !== undefined) headers["content-type"] = "application/json";
  const response = await fake.fetch(`${baseUrl}${path}`, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}
