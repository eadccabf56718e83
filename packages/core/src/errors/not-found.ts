import { isAuthmuxError } from "./authmux-error.js";

/**
 * What `call` resolves to, or `null` when it fails with `not_found`: the neutral "no such user" of a read
 * whose vendor answers a missing record with a 404. Every other failure is rethrown.
 *
 * @example
 * get: (id) => nullIfNotFound(http.request("GET", `/users/${id}`, { schema: wireUser }).then((r) => toUser(r.data))),
 */
export async function nullIfNotFound<T>(call: Promise<T>): Promise<T | null> {
  try {
    return await call;
  } catch (error) {
    if (isAuthmuxError(error) && error.code === "not_found") return null;
    throw error;
  }
}
