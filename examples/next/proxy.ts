// Next 16's proxy (the file convention formerly called middleware.ts; it runs on Node): every API route needs a
// valid session except the public ones, so a route added later is protected by default.
import type { NextRequest } from "next/server";
import { getApp } from "./lib/instance";

export async function proxy(request: NextRequest): Promise<Response> {
  return (await getApp()).proxy(request);
}

export const config = {
  matcher: ["/api/((?!health$|webhooks$|dev/).*)"],
};
