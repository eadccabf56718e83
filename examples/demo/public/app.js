// The demo page: plain DOM and fetch. The token lives in this tab only (sessionStorage) and goes to the
// server as `Authorization: Bearer …`, as a vendor's frontend SDK would send it.
const $ = (id) => document.querySelector(`[data-testid="${id}"]`);
let token = sessionStorage.getItem("authmux-demo-token");
let info;
/** When the token expires, on the server's clock, and how far the server's clock is from this browser's. */
let expiry = null;
let expiryTimer;

async function api(method, path) {
  const headers = token ? { authorization: `Bearer ${token}` } : {};
  const res = await fetch(path, { method, headers });
  const body = await res.json().catch(() => ({}));
  const r = { status: res.status, ok: res.ok, body };
  // Whatever the button: a refused token says so next to the token, with the way back in.
  if (res.status === 401 && token) tokenRefused(r);
  return r;
}

const errorText = (r) => `${r.status} ${r.body.error?.code ?? ""}: ${r.body.error?.message ?? ""}`;

function say(id, text, ok) {
  const el = $(id);
  el.textContent = text;
  el.className = `msg ${ok ? "ok" : "err"}`;
}

/** Every action starts on a clean slate: no message from an earlier action (or an earlier sign-in) stays. */
function clearMessages() {
  for (const el of document.querySelectorAll(".msg")) {
    el.textContent = "";
    el.className = "msg";
  }
}

/**
 * A button's click handler: messages cleared, the button disabled and saying "working…" while the request runs
 * (a second click cannot send a second request), then back as it was.
 */
function action(button, run) {
  button.addEventListener("click", async () => {
    if (button.dataset.busy) return;
    const label = button.textContent;
    button.dataset.busy = "true";
    button.disabled = true;
    button.setAttribute("aria-busy", "true");
    button.textContent = "working…";
    clearMessages();
    try {
      await run();
    } catch (error) {
      console.warn(error);
    } finally {
      button.textContent = label;
      button.disabled = false;
      button.removeAttribute("aria-busy");
      delete button.dataset.busy;
    }
  });
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
  setExpiry(null, token ? "unknown" : "none", "");
}

/** The token's state next to it: counting down, expired or refused (with "Sign in again"), or nothing known. */
function setExpiry(next, state, text) {
  expiry = next;
  clearInterval(expiryTimer);
  const el = $("token-expiry");
  el.dataset.state = state;
  el.textContent = text;
  const again = state === "expired" || state === "refused";
  $("sign-in-again").hidden = !again || !info?.features.signIn.enabled;
  if (state === "live") expiryTimer = setInterval(tickExpiry, 1000);
}

function tickExpiry() {
  if (!expiry) return;
  const left = Math.floor((expiry.at - (Date.now() + expiry.skewMs)) / 1000);
  if (left <= 0) {
    setExpiry(null, "expired", "expired — sign in again");
    return;
  }
  $("token-expiry").textContent = `expires in ${left >= 120 ? `${Math.floor(left / 60)} min` : `${left} s`}`;
}

function tokenRefused(r) {
  const code = r.body.error?.code ?? "unauthenticated";
  setExpiry(null, code === "token_expired" ? "expired" : "refused", `${code === "token_expired" ? "expired" : "refused"}: 401 ${code} — sign in again`);
}

function clearWhoAmI() {
  $("claims").textContent = "—";
  $("profile").textContent = "—";
  showQuota(null);
}

async function refreshMe() {
  const r = await api("GET", "/api/me");
  if (r.ok) {
    $("me-status").textContent = `200 OK — checked with ${r.body.checkedWith}`;
    $("claims").textContent = JSON.stringify(r.body.token, null, 2);
    $("profile").textContent = JSON.stringify({ ...r.body.user, session: r.body.session ?? undefined }, null, 2);
    const at = r.body.token.expiresAt && Date.parse(r.body.token.expiresAt);
    if (at) {
      setExpiry({ at, skewMs: Date.parse(r.body.now) - Date.now() }, "live", "");
      tickExpiry();
    } else setExpiry(null, "live", "no expiry in the token");
    await refreshQuota();
  } else {
    // Nothing of the previous session stays on screen: claims, profile and the quota meter are cleared.
    $("me-status").textContent = errorText(r);
    clearWhoAmI();
  }
  return r;
}

/** The meter: green while units are left, amber on the last one, red (and "exhausted") once none are. */
function showQuota(q) {
  const bar = $("quota-bar");
  const fill = bar.querySelector(".fill");
  if (!q) {
    $("quota-meter").textContent = "—";
    bar.dataset.state = "unknown";
    bar.setAttribute("aria-valuenow", "0");
    fill.style.width = "0%";
    return;
  }
  const max = q.limit ?? Math.max(q.used, 1);
  const exhausted = q.remaining !== null && q.remaining <= 0;
  $("quota-meter").textContent = `${q.used} / ${q.limit ?? "∞"} used${q.remaining !== null ? `, ${q.remaining} left` : ""}${exhausted ? " — exhausted" : ""}`;
  bar.dataset.state = exhausted ? "exhausted" : q.remaining !== null && q.remaining <= 1 ? "low" : "ok";
  bar.setAttribute("aria-valuemax", String(max));
  bar.setAttribute("aria-valuenow", String(q.used));
  fill.style.width = `${Math.min(100, (q.used / max) * 100)}%`;
}

async function refreshQuota() {
  const r = await api("GET", "/api/quota");
  showQuota(r.ok ? r.body.quota : null);
}

async function refreshWebhooks() {
  const r = await api("GET", "/api/webhooks/log");
  const list = $("webhook-log");
  list.replaceChildren(
    ...(r.body.events ?? []).map((e) => {
      const li = document.createElement("li");
      li.dataset.testid = "webhook-event";
      const id = document.createElement("code");
      id.dataset.testid = "webhook-id";
      id.textContent = e.id;
      li.append(`${e.receivedAt.slice(11, 19)} ${e.type} (${e.provider}) user=${e.userId ?? "-"} id=`, id, e.repeat ? " (repeat: an id seen before)" : "");
      return li;
    }),
  );
}

async function signIn() {
  const r = await api("POST", "/api/demo-login");
  if (!r.ok) return say("signin-result", errorText(r), false);
  setToken(r.body.token);
  await refreshMe();
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
    action(b, async () => {
      const r = await api("POST", `/api/actions/${a.id}`);
      say("action-result", r.ok ? `Allowed — ${r.body.message}` : `Refused — ${errorText(r)}`, r.ok);
    });
    return b;
  });
  $("actions").replaceChildren(...actionButtons);

  gate("signIn", [$("sign-in")]);
  gate("permissions", actionButtons);
  gate("revoke", [$("revoke")]);
  gate("webhooks", [$("webhook-trigger")]);

  action($("sign-in"), signIn);
  action($("sign-in-again"), signIn);
  action($("use-token"), async () => {
    setToken($("token-input").value.trim());
    await refreshMe();
  });
  action($("refresh-me"), refreshMe);
  action($("quota-use"), async () => {
    const r = await api("POST", "/api/quota/use");
    if (r.body.quota || r.status === 401) showQuota(r.body.quota ?? null);
    say("quota-message", r.ok ? "Used one." : `Refused — ${errorText(r)}`, r.ok);
  });
  action($("quota-reset"), async () => {
    const r = await api("POST", "/api/quota/reset");
    if (r.body.quota || r.status === 401) showQuota(r.body.quota ?? null);
    say("quota-message", r.ok ? "Reset." : errorText(r), r.ok);
  });
  action($("revoke"), async () => {
    const r = await api("POST", "/api/session/revoke");
    say("revoke-result", r.ok ? `Revoked ${r.body.revoked}; calling /api/me again…` : errorText(r), r.ok);
    if (r.ok) await refreshMe();
  });
  action($("webhook-trigger"), async () => {
    const r = await api("POST", "/api/webhooks/trigger");
    say("webhook-result", r.ok ? "Delivered and verified." : errorText(r), r.ok);
    await refreshWebhooks();
  });

  setToken(token);
  if (token) await refreshMe();
  await refreshWebhooks();
  document.body.dataset.ready = "true";
}

main().catch((error) => {
  document.body.dataset.ready = "error";
  $("me-status").textContent = `The page failed to load: ${error.message}`;
});
