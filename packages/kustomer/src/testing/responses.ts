/** One entry of Kustomer's JSON:API-style `errors` array (vendors/kustomer.md §6). */
export interface KustomerErrorEntry {
  status: number;
  code: string;
  title: string;
  detail?: string;
  source?: { parameter: string };
}

/** `{ errors: [entry] }` with the entry's status. */
export const kustomerError = (entry: KustomerErrorEntry, headers: Record<string, string> = {}) => Response.json({ errors: [entry] }, { status: entry.status, headers });

export const badParam = (parameter: string, title: string, detail?: string) =>
  kustomerError({ status: 400, source: { parameter }, code: "badparam", title, ...(detail ? { detail } : {}) });

export const notFound = (parameter?: string, detail?: string) =>
  kustomerError({ status: 404, ...(parameter ? { source: { parameter } } : {}), code: "notfound", title: "Not Found", ...(detail ? { detail } : {}) });

/** Kustomer's 404 for a path or method it does not serve. */
export const unknownRoute = (method: string, path: string) => notFound(undefined, `Cannot ${method} ${path}`);

// 401/403/409/429/5xx bodies were not observed; these follow the recorded shape [I].
export const unauthorized = () => kustomerError({ status: 401, code: "unauthorized", title: "Unauthorized", detail: "Invalid or expired token" });
export const forbidden = (role: string) => kustomerError({ status: 403, code: "forbidden", title: "Forbidden", detail: `Missing required role ${role}` });
export const duplicate = (parameter: string) => kustomerError({ status: 409, source: { parameter }, code: "duplicate", title: "Conflict", detail: `${parameter} must be unique` });
/** What the fake answers for a documented endpoint or parameter it does not emulate, rather than ignore it. */
export const notEmulated = (what: string, parameter?: string) =>
  kustomerError({ status: 501, code: "notimplemented", title: "Not Implemented", ...(parameter ? { source: { parameter } } : {}), detail: `${what} is not emulated by the authmux Kustomer fake` });

export const tooManyRequests = (headers: Record<string, string>) => kustomerError({ status: 429, code: "toomanyrequests", title: "Too Many Requests" }, headers);
