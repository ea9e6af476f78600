import { join } from "node:path";
import { run, startLede, launchBrowser, signIn, PHONE } from "/work/main/e2e/lib.mjs";
await run("urdu look", "screenshots/urdu-look", async ({ shots }) => {
  const site = await startLede({ users: [{ email: "ed@example.com", name: "Ed Itor", role: "editor" }] });
  const browser = await launchBrowser();
  const editor = await signIn(browser, site, "ed@example.com");
  await editor.goto(site.url("/admin/profile"));
  await editor.locator("#language").selectOption("ur");
  await editor.locator("form:has(#language) button[type=submit]").first().click();
  await editor.goto(site.url("/ur/"));
  const href = await editor.locator(".card-title a").first().getAttribute("href");
  const slug = href.split("/").filter(Boolean).pop();
  await editor.goto(site.url(`/admin/articles?q=`));
  // find the Urdu article's editor link by its public link
  const id = await editor.evaluate(async (slug) => {
    for (let n = 1; n < 80; n++) {
      const r = await fetch(`/admin/articles/${n}`);
      const t = await r.text();
      if (t.includes(decodeURIComponent(slug))) return n;
    }
    return null;
  }, slug);
  console.log("urdu article", slug, id);
  await editor.goto(site.url(`/admin/articles/${id}/email`));
  await editor.screenshot({ path: join(shots, "email-preview-ur.png"), fullPage: true });
  await editor.goto(site.url(`/admin/newsletters`));
  await editor.screenshot({ path: join(shots, "newsletters-ur.png"), fullPage: true });
  await editor.setViewportSize(PHONE);
  await editor.screenshot({ path: join(shots, "newsletters-ur-390.png"), fullPage: true });
  await editor.goto(site.url(`/admin/articles/${id}/email`));
  await editor.screenshot({ path: join(shots, "email-preview-ur-390.png"), fullPage: true });
});
