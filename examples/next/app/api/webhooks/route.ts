import { getApp } from "../../../lib/instance";

export async function POST(request: Request): Promise<Response> {
  return (await getApp()).webhooks(request);
}
