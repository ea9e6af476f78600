// A reader's newsletters end to end in a real browser (Debian's headless Chromium, driven by
// playwright-core), with the demo's mail going to DATA/outbox/ as .eml files (no SMTP server
// configured; scripts/check-newsletters.sh covers SMTP): the reader subscribes under an
// article, confirms from the email, receives the breaking news an editor sends on publish and
// the daily briefing, and unsubscribes with one click from the briefing's link; the editor
// previews the article's email and sends a test to themself. Screenshots of
// the pages and of both emails (their HTML part, as a mail client shows it) go to the folder
// printed at the end. Usage: node newsletter.mjs [path/to/lede]
import { join } from "node:path";
import { readdirSync, readFileSync } from "node:fs";
import assert from "node:assert/strict";
import { run, startLede, launchBrowser, signIn, PHONE } from "./lib.mjs";

/// The outbox's messages, oldest first, with quoted-printable soft breaks undone.
function outbox(site) {
  const dir = join(site.data, "outbox");
  let names = [];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith(".eml")).sort();
  } catch {}
  return names.map((n) => readFileSync(join(dir, n), "utf8").replace(/=\r?\n/g, ""));
}

/// Waits for a message whose raw text matches `pattern`; returns it.
async function waitForMail(site, pattern) {
  for (let i = 0; i < 200; i++) {
    const found = outbox(site).find((m) => pattern.test(m));
    if (found) return found;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no email matching ${pattern} in the outbox: ${outbox(site).length} there`);
}

/// The last link in a message that contains `needle`: one in its body (headers such as
/// List-Unsubscribe may be folded across lines).
function link(message, needle) {
  const found = [...message.matchAll(new RegExp(`https?://[^\\s"<>]*${needle}[^\\s"<>]*`, "g"))];
  assert.ok(found.length, `a link with ${needle}`);
  return found[found.length - 1][0].replace(/=3D/g, "=").replace(/&amp;/g, "&");
}

/// The HTML part of a message, decoded (8bit, quoted-printable or base64), as a mail client
/// shows it.
function htmlPart(message) {
  const start = message.indexOf("Content-Type: text/html");
  assert.ok(start >= 0, "an HTML part");
  const headerEnd = message.indexOf("\r\n\r\n", start);
  const headers = message.slice(start, headerEnd);
  let body = message.slice(headerEnd + 4);
  body = body.slice(0, body.search(/\r\n--/));
  if (/base64/i.test(headers)) return Buffer.from(body.replace(/\s/g, ""), "base64").toString("utf8");
  if (/quoted-printable/i.test(headers)) {
    const bytes = [];
    for (let i = 0; i < body.length; i++) {
      const hex = body[i] === "=" && body.slice(i + 1, i + 3);
      if (hex && /^[0-9A-F]{2}$/.test(hex)) {
        bytes.push(parseInt(hex, 16));
        i += 2;
      } else {
        bytes.push(...Buffer.from(body[i], "utf8"));
      }
    }
    return Buffer.from(bytes).toString("utf8");
  }
  return body;
}

await run("newsletter", "screenshots/newsletter", async ({ shots }) => {
  const site = await startLede({
    config: "comment_min_seconds = 1\n",
    users: [{ email: "ed@example.com", name: "Ed Itor", role: "editor" }],
  });
  const browser = await launchBrowser();
  const readerContext = await browser.newContext({ viewport: PHONE });
  const reader = await readerContext.newPage();

  // The reader subscribes with the form under an article.
  await reader.goto(site.url("/"));
  await reader.locator(".lead .card-title a").click();
  const box = reader.locator(".subscribe-box");
  await box.getByLabel("Email address").fill("reader@example.org");
  await box.screenshot({ path: join(shots, "subscribe-box.png") });
  await new Promise((r) => setTimeout(r, 1200));
  await box.getByRole("button", { name: "Subscribe" }).click();
  assert.equal((await reader.locator("h1").textContent()).trim(), "Check your inbox");
  await reader.screenshot({ path: join(shots, "check-inbox.png"), fullPage: true });

  // The confirmation email's link.
  const confirmation = await waitForMail(site, /Subject: Confirm your subscription/);
  await reader.goto(link(confirmation, "/subscribe/confirm"));
  assert.equal((await reader.locator("h1").textContent()).trim(), "You are subscribed");

  // An editor publishes breaking news and emails it.
  const editor = await signIn(browser, site, "ed@example.com");
  await editor.getByRole("link", { name: "New article" }).first().click();
  const headline = "Bridge reopens after the storm";
  await editor.getByLabel("Headline").fill(headline);
  await editor.getByLabel("Standfirst").fill("Traffic crosses the Aln again from noon.");
  await editor.getByLabel("Body").fill("Engineers passed the bridge as safe this morning.\n\nBuses return to their routes tomorrow.");
  await editor.getByLabel("Section").selectOption("news");
  await editor.getByLabel("Email as breaking news").check();
  await editor.getByRole("button", { name: "Publish" }).click();
  await editor.waitForURL(/saved=publish/);
  const breaking = await waitForMail(site, new RegExp(`Subject: Breaking: ${headline}`));
  assert.match(breaking, /To: reader@example\.org/);
  assert.match(breaking, /List-Unsubscribe-Post: List-Unsubscribe=One-Click/);
  await reader.goto("about:blank"); // no site CSP: a mail client applies inline styles
  await reader.setContent(htmlPart(breaking));
  assert.equal((await reader.locator("h1").textContent()).trim(), headline);
  await reader.screenshot({ path: join(shots, "email-breaking.png"), fullPage: true });

  // The editor looks at the article's email and sends a test to themself.
  const preview = await editor.locator(".email-preview-link a").getAttribute("href");
  await editor.goto(site.url(preview));
  assert.equal((await editor.locator("h1").textContent()).trim(), "Email preview");
  const frame = editor.frameLocator(".email-frame");
  assert.equal((await frame.locator("h1").textContent()).trim(), headline);
  // From the keyboard: playwright's click, scrolling to the button below the email's frame,
  // lands in the frame (a person's click does not).
  await editor.getByRole("button", { name: "Send me a test" }).focus();
  await editor.keyboard.press("Enter");
  assert.match(await editor.locator(".flash, [role=status]").first().textContent(), /A test was sent to ed@example\.com/);
  const test = await waitForMail(site, new RegExp(`Subject: \\[Test\\] Breaking: ${headline}`));
  assert.match(test, /To: ed@example\.com/);
  assert.equal((await editor.locator(".issue-breaking .count-delivered").first().textContent()).trim(), "1");
  await editor.screenshot({ path: join(shots, "admin-email-preview.png"), fullPage: true });

  // The daily briefing, at the time the newsroom sets (now).
  await editor.goto(site.url("/admin/newsletters"));
  await editor.getByLabel("Daily briefing at").fill("00:00");
  await editor.getByRole("button", { name: "Save" }).click();
  const briefing = await waitForMail(site, /Subject: .*daily briefing/);
  assert.match(briefing, /To: reader@example\.org/);
  await reader.goto("about:blank"); // no site CSP: a mail client applies inline styles
  await reader.setContent(htmlPart(briefing));
  assert.ok((await reader.locator("h2").allTextContents()).some((t) => t.includes(headline)), "the day's article is listed");
  await reader.screenshot({ path: join(shots, "email-briefing.png"), fullPage: true });

  // One click on the briefing's unsubscribe page.
  await reader.goto(link(briefing, "/newsletters/unsubscribe"));
  await reader.getByRole("button", { name: "Unsubscribe" }).click();
  assert.equal((await reader.locator(".p-summary").textContent()).trim(), "You will no longer receive Daily briefing.");
  await reader.screenshot({ path: join(shots, "unsubscribed.png"), fullPage: true });

  // The newsroom sees it.
  await editor.goto(site.url("/admin/newsletters"));
  const englishBriefing = editor.locator(".issue-daily", { hasText: "(en)" }).first();
  assert.equal((await englishBriefing.locator(".count-unsubscribed").textContent()).trim(), "1");
  assert.equal((await editor.locator(".issue-breaking .count-delivered").first().textContent()).trim(), "1");
  await editor.screenshot({ path: join(shots, "admin-newsletters.png"), fullPage: true });
});
