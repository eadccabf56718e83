// The demo page: plain DOM and fetch. The token lives in this tab only (sessionStorage) and goes to the
// server as `Authorization: Bearer …`, as a vendor's frontend SDK would send it.
const $ = (id) => document.querySelector(`[data-testid="${id}"]`);
let token = sessionStorage.getItem("authmux-demo-token");
let info;

async function api(method, path) {
  const headers = token ? { authorization: `Bearer ${token}` } : {};
  const res = await fetch(path, { method, headers });
  const body = await res.json().catch(() => ({}));
  return { status: res.status, ok: res.ok, body };
}

const errorText = (r) => `${r.status} ${r.body.error?.code ?? ""}: ${r.body.error?.message ?? ""}`;

function say(id, text, ok) {
  const el = $(id);
  el.textContent = text;
  el.className = `msg ${ok ? "ok" : "err"}`;
}

/** A control whose capability the provider lacks: disabled, with the reason next to it. */
function gate(feature, buttons) {
  const f = info.features[feature];
  for (const b of buttons) {
    b.disabled = !f.enabled;
    if (!f.enabled) b.title = f.reason;
  }
  const reason = $(`${feature}-reason`);
  if (reason) reason.textContent = f.enabled ? "" : `Disabled: ${f.reason}`;
}

function setToken(value) {
  token = value || null;
  if (token) sessionStorage.setItem("authmux-demo-token", token);
  else sessionStorage.removeItem("authmux-demo-token");
  $("token-status").textContent = token ? `${token.slice(0, 16)}… (${token.length} chars)` : "none";
}

async function refreshMe() {
  const r = await api("GET", "/api/me");
  if (r.ok) {
    $("me-status").textContent = `200 OK — checked with ${r.body.checkedWith}`;
    $("claims").textContent = JSON.stringify(r.body.token, null, 2);
    $("profile").textContent = JSON.stringify({ ...r.body.user, session: r.body.session ?? undefined }, null, 2);
    await refreshQuota();
  } else {
    $("me-status").textContent = errorText(r);
    $("claims").textContent = "—";
    $("profile").textContent = "—";
  }
  return r;
}

function showQuota(q) {
  if (!q) return;
  $("quota-meter").textContent = `${q.used} / ${q.limit ?? "∞"} used${q.remaining !== null ? `, ${q.remaining} left` : ""}`;
  $("quota-bar").max = q.limit ?? Math.max(q.used, 1);
  $("quota-bar").value = q.used;
}

async function refreshQuota() {
  const r = await api("GET", "/api/quota");
  if (r.ok) showQuota(r.body.quota);
}

async function refreshWebhooks() {
  const r = await api("GET", "/api/webhooks/log");
  const list = $("webhook-log");
  list.replaceChildren(
    ...(r.body.events ?? []).map((e) => {
      const li = document.createElement("li");
      li.dataset.testid = "webhook-event";
      li.textContent = `${e.receivedAt.slice(11, 19)} ${e.type} (${e.provider}) user=${e.userId ?? "-"} id=${e.id}`;
      return li;
    }),
  );
}

async function main() {
  info = (await api("GET", "/api/info")).body;
  $("provider-name").textContent = info.provider;
  $("provider-mode").textContent = { mock: "embedded mock", fake: "real adapter → vendor fake, in-process", live: "live vendor" }[info.mode];
  $("capabilities").replaceChildren(
    ...info.capabilities.map((c) => {
      const li = document.createElement("li");
      li.dataset.testid = `cap-${c}`;
      li.textContent = c;
      return li;
    }),
  );
  $("session-check-via").textContent = `Checked with ${info.features.sessionCheck.via}.`;
  $("quota-source").textContent = `("${info.quotas.name}" from ${info.quotas.source})`;

  const actionButtons = info.actions.map((a) => {
    const b = document.createElement("button");
    b.dataset.testid = `action-${a.id}`;
    b.textContent = `${a.label} (needs ${a.permission})`;
    b.onclick = async () => {
      const r = await api("POST", `/api/actions/${a.id}`);
      say("action-result", r.ok ? `Allowed — ${r.body.message}` : `Refused — ${errorText(r)}`, r.ok);
    };
    return b;
  });
  $("actions").replaceChildren(...actionButtons);

  gate("signIn", [$("sign-in")]);
  gate("permissions", actionButtons);
  gate("revoke", [$("revoke")]);
  gate("webhooks", [$("webhook-trigger")]);

  $("sign-in").onclick = async () => {
    const r = await api("POST", "/api/demo-login");
    if (!r.ok) return say("signin-result", errorText(r), false);
    setToken(r.body.token);
    await refreshMe();
  };
  $("use-token").onclick = async () => {
    setToken($("token-input").value.trim());
    await refreshMe();
  };
  $("refresh-me").onclick = refreshMe;
  $("quota-use").onclick = async () => {
    const r = await api("POST", "/api/quota/use");
    showQuota(r.body.quota);
    say("quota-message", r.ok ? "Used one." : `Refused — ${errorText(r)}`, r.ok);
  };
  $("quota-reset").onclick = async () => {
    const r = await api("POST", "/api/quota/reset");
    showQuota(r.body.quota);
    say("quota-message", r.ok ? "Reset." : errorText(r), r.ok);
  };
  $("revoke").onclick = async () => {
    const r = await api("POST", "/api/session/revoke");
    say("revoke-result", r.ok ? `Revoked ${r.body.revoked}; calling /api/me again…` : errorText(r), r.ok);
    if (r.ok) await refreshMe();
  };
  $("webhook-trigger").onclick = async () => {
    const r = await api("POST", "/api/webhooks/trigger");
    say("webhook-result", r.ok ? "Delivered and verified." : errorText(r), r.ok);
    await refreshWebhooks();
  };

  setToken(token);
  if (token) await refreshMe();
  await refreshWebhooks();
  document.body.dataset.ready = "true";
}

main().catch((error) => {
  document.body.dataset.ready = "error";
  $("me-status").textContent = `The page failed to load: ${error.message}`;
});
