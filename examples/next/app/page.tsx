export default function Home() {
  return (
    <main>
      <h1>authmux on Next.js</h1>
      <p>
        The API: <code>GET /api/health</code>, <code>GET /api/me</code> (bearer token), <code>POST /api/webhooks</code>; on the mock and the fakes,{" "}
        <code>POST /api/dev/sign-in</code> mints a token. See README.md.
      </p>
    </main>
  );
}
