// /healthz's details for tests: the token the test worlds configure (HEALTH_TOKEN), and a reader that sends it.

/** The HEALTH_TOKEN the test worlds start with. */
export const TEST_HEALTH_TOKEN = "health-token-for-tests_0123456789";

/** GET /healthz with the token: its status and its details. */
export async function healthDetails<T = Record<string, unknown>>(url: string, token = TEST_HEALTH_TOKEN): Promise<{ status: number; body: T }> {
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  return { status: response.status, body: (await response.json()) as T };
}
