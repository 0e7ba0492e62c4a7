// Logging in to the dashboard from a chat's one-time link the way a browser does: open the page (it sets the
// login-page cookie and carries the form token), then press Masuk with both and the browser's own headers.

/** Opens the link, presses Masuk; resolves with the POST's response (303 and the session cookie when it worked). */
export async function loginFromLink(link: string): Promise<Response> {
  const page = await fetch(link, { redirect: "manual" });
  if (page.status !== 200) throw new Error(`the login page answered ${page.status}`);
  const html = await page.text();
  const cookie = /^(pintu_dasbor_masuk=[A-Za-z0-9_-]+);/.exec(page.headers.get("set-cookie") ?? "")?.[1];
  const csrf = /<input type="hidden" name="csrf" value="([0-9a-f]{64})">/.exec(html)?.[1];
  if (!cookie || !csrf) throw new Error("the login page carries no login cookie or form token");
  return fetch(link, {
    method: "POST",
    headers: { origin: new URL(link).origin, "sec-fetch-site": "same-origin", cookie, "content-type": "application/x-www-form-urlencoded" },
    body: `csrf=${csrf}`,
    redirect: "manual",
  });
}
