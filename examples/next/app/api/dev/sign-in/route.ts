import { getApp } from "../../../../lib/instance";

// Mock and fake only (404 otherwise): the token a vendor's frontend SDK would hold after sign-in.
export async function POST(request: Request): Promise<Response> {
  return (await getApp()).signIn(request);
}
