import { describe, expect, it } from "vitest";
import { nextAuth } from "../src/next.js";
import { vendorSetups } from "./vendors.js";

// Next's two handler signatures: app-router route handlers (Request → Response) and pages-router API
// routes (req, res). Both are called here exactly as Next calls them.
function fakeRes() {
  const sent: { status?: number; body?: unknown; headers: Record<string, string> } = { headers: {} };
  return {
    sent,
    res: {
      setHeader: (name: string, value: string) => void (sent.headers[name] = value),
      status(code: number) {
        sent.status = code;
        return { json: (body: unknown) => void (sent.body = body) };
      },
    },
  };
}

describe("Next.js", () => {
  for (const vendor of vendorSetups()) {
    it(`${vendor.name}: route handlers and API routes get req.auth; requireSession answers 401`, async () => {
      const { provider, userId, token } = await vendor.make();
      const { withSession, requireSession } = nextAuth(provider);
      const GET = requireSession(async (request) => Response.json({ userId: request.auth.userId }));
      const ok = await GET(new Request("http://localhost/api", { headers: { authorization: `Bearer ${token}` } }), {});
      expect(await ok.json()).toEqual({ userId });
      const denied = await GET(new Request("http://localhost/api"), {});
      expect(denied.status).toBe(401);
      expect(await denied.json()).toEqual({ error: { code: "unauthenticated", message: expect.any(String) } });

      const optional = withSession(async (request) => Response.json({ userId: request.auth?.userId ?? null }));
      expect(await (await optional(new Request("http://localhost/api"), {})).json()).toEqual({ userId: null });

      const api = requireSession((req: { headers: Record<string, string>; auth: { userId: string } }, res: ReturnType<typeof fakeRes>["res"]) => res.status(200).json({ userId: req.auth.userId }));
      const good = fakeRes();
      await api({ headers: { cookie: "other=1", authorization: `Bearer ${token}` } } as never, good.res);
      expect(good.sent).toMatchObject({ status: 200, body: { userId } });
      const bad = fakeRes();
      await api({ headers: {} } as never, bad.res);
      expect(bad.sent).toMatchObject({ status: 401, headers: { "www-authenticate": 'Bearer realm="api"' } });
    });
  }
});
