import { readFile } from "node:fs/promises";
import type { JsonObject } from "@authmux/core";
import { UsageError } from "./usage-error.js";
import type { SeedUser } from "./vendors.js";

const KEYS = new Set(["email", "name", "phone", "password", "metadata"]);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * The users of a seed file: a JSON array of `{ email, name?, phone?, password?, metadata? }`. Every problem is a
 * {@link UsageError} naming the file and the entry; no value is echoed (passwords may be among them).
 */
export async function readSeedFile(path: string): Promise<SeedUser[]> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new UsageError(`--seed ${path}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? "unknown error"})`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new UsageError(`--seed ${path}: not valid JSON`);
  }
  if (!Array.isArray(parsed)) throw new UsageError(`--seed ${path}: expected a JSON array of users ({ email, name?, phone?, password?, metadata? })`);
  return parsed.map((entry, i) => seedUser(entry, `--seed ${path}: entry ${i + 1}`));
}

function seedUser(entry: unknown, where: string): SeedUser {
  if (!isObject(entry)) throw new UsageError(`${where}: expected an object with an email`);
  const unknown = Object.keys(entry).find((key) => !KEYS.has(key));
  if (unknown !== undefined) throw new UsageError(`${where}: unknown field "${unknown}" (expected email, name, phone, password, metadata)`);
  const { email, name, phone, password, metadata } = entry;
  if (typeof email !== "string" || !email.includes("@")) throw new UsageError(`${where}: email must be an email address`);
  const user: SeedUser = { email };
  if (name !== undefined) {
    if (name !== null && typeof name !== "string") throw new UsageError(`${where}: name must be a string or null`);
    user.name = name;
  }
  if (phone !== undefined) {
    if (phone !== null && typeof phone !== "string") throw new UsageError(`${where}: phone must be a string or null`);
    user.phone = phone;
  }
  if (password !== undefined) {
    if (typeof password !== "string" || password === "") throw new UsageError(`${where}: password must be a non-empty string`);
    user.password = password;
  }
  if (metadata !== undefined) {
    if (!isObject(metadata)) throw new UsageError(`${where}: metadata must be an object`);
    user.metadata = metadata as JsonObject;
  }
  return user;
}
