import { getApp } from "../../../lib/instance";

export async function GET(request: Request): Promise<Response> {
  return (await getApp()).health(request);
}
