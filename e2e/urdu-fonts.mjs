// Urdu typography in a real browser (Debian's headless Chromium, driven by playwright-core):
// on an Urdu article, after document.fonts.ready, the body's first font family is a loaded
// FontFace fetched from the site's own origin, and no request of any page goes elsewhere; a
// page without Urdu neither preloads nor fetches the Urdu faces; a reader's Urdu comment
// reads right to left and its "name · date" line keeps its order; the Urdu edition (/ur/),
// reached from the English front page, is Urdu all through. Screenshots of the Urdu article,
// the Urdu edition, a list mixing Urdu and English cards, Urdu search results and the home page, on a
// phone (390×844) and a desktop (1280×900), go to the folder printed at the end: look at them.
// Usage: node urdu-fonts.mjs [path/to/lede]
import { join } from "node:path";
import assert from "node:assert/strict";
import { run, startLede, launchBrowser, signIn, PHONE, DESKTOP } from "./lib.mjs";

const urdu = "/articles/saltmarsh-volunteers-urdu-flood-warnings";
const viewports = { phone: PHONE, desktop: DESKTOP };
let base; // the site's address, once it runs

/// A page that remembers every request it makes, fonts apart.
async function openPage(browser, viewport) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  page.requests = [];
  page.fonts = [];
  page.on("request", (request) => {
    page.requests.push(request.url());
    if (request.resourceType() === "font") page.fonts.push(request.url());
  });
  return page;
}

/// Loads a path and waits until every font the page asked for has loaded (or failed).
async function visit(page, path) {
  page.requests.length = 0;
  page.fonts.length = 0;
  await page.goto(base + path);
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
}

/// The body's first font family and the FontFaces of that family, with status and source.
function bodyFont(page) {
  return page.evaluate(() => {
    const body = document.querySelector(".e-content");
    const first = getComputedStyle(body).fontFamily.split(",")[0].trim().replace(/^["']|["']$/g, "");
    const faces = [...document.fonts]
      .filter((face) => face.family.replace(/^["']|["']$/g, "") === first)
      .map((face) => ({ weight: face.weight, status: face.status }));
    const fetched = performance.getEntriesByType("resource")
      .filter((entry) => /\.woff2$/.test(new URL(entry.name).pathname))
      .map((entry) => entry.name);
    return { first, weight: getComputedStyle(body).fontWeight, faces, fetched, origin: location.origin };
  });
}

function assertOwnOrigin(page, path) {
  const foreign = page.requests.filter((url) => new URL(url).origin !== base && !url.startsWith("data:"));
  assert.deepEqual(foreign, [], `${path}: requests to another origin`);
}

await run("urdu fonts", "screenshots/urdu-fonts", async ({ shots }) => {
  const site = await startLede({
    config: "comment_min_seconds = 2\n",
    users: [{ email: "ed@example.com", name: "Ed Itor", role: "editor" }],
  });
  base = site.base;
  const browser = await launchBrowser();

  // A reader leaves an Urdu comment; it is approved from the command line.
  const reader = await openPage(browser, viewports.phone);
  await visit(reader, urdu);
  // The form speaks Urdu on an Urdu article, so its fields are found by their ids.
  await reader.locator("#comment-name").fill("عائشہ خان");
  await reader.locator("#comment-email").fill("ayesha@example.com");
  await reader.locator("#comment-text").fill("بہت اچھی خبر ہے۔ رضاکاروں کا شکریہ، میری والدہ کو بھی یہ پرچہ ملا تھا۔\nاللہ سب کو محفوظ رکھے۔");
  assert.equal(await reader.locator("#comment-text").evaluate((el) => getComputedStyle(el).direction), "rtl",
    "the comment box turns right to left as Urdu is typed");
  await reader.waitForTimeout(2500); // the form refuses instant posts
  await reader.locator(".comment-form button[type=submit]").click();
  assert.match(await reader.locator(".notice").textContent(), /شکریہ/, "thanked in Urdu");
  const pending = site.cli("comments", "list");
  const ids = [...pending.matchAll(/^#(\d+)/gm)].map((m) => m[1]);
  assert.ok(ids.length > 0, pending);
  site.cli("comments", "approve", ...ids);
  await reader.waitForTimeout(2500); // the server drops its rendered pages after an outside change

  for (const [name, viewport] of Object.entries(viewports)) {
    const page = await openPage(browser, viewport);

    // The Urdu article: Nastaliq preloaded, loaded, from here.
    await visit(page, urdu);
    assert.equal(await page.locator('link[rel=preload][as=font]').count(), 2, "the Urdu faces are preloaded");
    const font = await bodyFont(page);
    assert.equal(font.first, "Noto Nastaliq Urdu", "the body is set in Nastaliq first");
    assert.ok(font.faces.some((face) => face.status === "loaded" && face.weight === font.weight),
      `a ${font.first} face of weight ${font.weight} is loaded: ${JSON.stringify(font.faces)}`);
    assert.ok(font.fetched.length > 0 && font.fetched.every((url) => url.startsWith(font.origin + "/static/fonts/")),
      `the fonts came from the site itself: ${font.fetched}`);
    assert.ok(page.fonts.length > 0 && page.fonts.every((url) => url.startsWith(`${base}/static/fonts/`)), page.fonts.join());
    assertOwnOrigin(page, urdu);
    assert.equal(await page.locator(".prose h2").first().evaluate((el) => getComputedStyle(el).fontFamily.split(",")[0]),
      '"Noto Nastaliq Urdu"', "subheadings keep the Urdu face");

    // The comment reads right to left; its meta line keeps "name · date" in that order.
    const comment = page.locator(".comment").last();
    await comment.scrollIntoViewIfNeeded();
    assert.equal(await comment.locator(".comment-text").evaluate((el) => getComputedStyle(el).direction), "rtl");
    const nameBox = await comment.locator(".comment-author").boundingBox();
    const dateBox = await comment.locator(".comment-meta time").boundingBox();
    // The page reads right to left, so the name, said first, stands to the right of the date.
    assert.ok(dateBox.x + dateBox.width <= nameBox.x, "the name comes before the date, right to left");
    await page.screenshot({ path: join(shots, `article-${name}.png`), fullPage: true });

    await page.context().close();

    // The Urdu edition: reached from the English front page's language switch, Urdu all
    // through (lang, direction, cards), no wider than the screen.
    {
      const page = await openPage(browser, viewport);
      await visit(page, "/");
      await page.locator('.editions a[hreflang="ur"]').click();
      await page.waitForURL(`${base}/ur/`);
      await page.evaluate(() => document.fonts.ready.then(() => undefined));
      assert.equal(await page.getAttribute("html", "lang"), "ur");
      assert.equal(await page.getAttribute("html", "dir"), "rtl");
      const cards = await page.locator("main .card-title").evaluateAll((titles) => titles.map((t) => t.getAttribute("lang")));
      assert.ok(cards.length > 5 && cards.every((lang) => lang === "ur"), `only Urdu cards: ${cards}`);
      assert.equal(await page.locator('.editions a[hreflang="en"]').textContent(), "English");
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= viewport.width, `/ur/ is ${width}px wide on a ${viewport.width}px screen`);
      assertOwnOrigin(page, "/ur/");
      await page.screenshot({ path: join(shots, `edition-${name}.png`), fullPage: true });
      await page.context().close();
    }

    // A list mixing Urdu and English cards preloads; the home page preloads only if it shows
    // Urdu. Each in a fresh context: Chromium asks again for the fonts a cached stylesheet
    // loaded before, even on a page that does not use them.
    const search = `/search?q=${encodeURIComponent("سیلاب")}`;
    for (const [path, shot] of [["/articles", "list"], [search, "search"], ["/", "home"]]) {
      const page = await openPage(browser, viewport);
      await visit(page, path);
      assertOwnOrigin(page, path);
      const showsUrdu = await page.evaluate(() => /[\u0600-\u06FF]/.test(document.body.innerText));
      const preloads = await page.locator('link[rel=preload][as=font]').count();
      // Cards in the page's main part; the header's language switch names Urdu in Urdu, in the
      // small interface face, which is never preloaded.
      assert.equal(preloads > 0, await page.locator('main [lang="ur"]').count() > 0, `${path}: preload if and only if Urdu cards`);
      if (!showsUrdu) assert.deepEqual(page.fonts, [], `${path} shows no Urdu and fetches no font`);
      await page.screenshot({ path: join(shots, `${shot}-${name}.png`), fullPage: true });
      await page.context().close();
    }
  }

  // The editor's preview of the Urdu article's email: the email, in a sandboxed frame of no
  // origin, loads the site's Nastaliq (fonts are fetched in CORS mode, so they must say any
  // origin may use them), as a mail client that loads web fonts would.
  {
    const headline = await (async () => {
      const page = await openPage(browser, viewports.desktop);
      await visit(page, urdu);
      const text = (await page.locator("h1").first().textContent()).trim();
      await page.context().close();
      return text;
    })();
    const editor = await signIn(browser, site, "ed@example.com");
    await editor.goto(site.url("/admin/articles"));
    const href = await editor.getByRole("link", { name: headline, exact: true }).first().getAttribute("href");
    // The frame runs no script (sandboxed), so its fonts are read from the network: those
    // the frame asked for, not the newsroom page's own.
    const loaded = [];
    const failed = [];
    const emailFont = (request) => request.url().endsWith(".woff2") && request.frame().url().includes("/email/body");
    editor.on("requestfinished", async (request) => {
      if (!emailFont(request)) return;
      const response = await request.response();
      loaded.push(`${response.status()} ${request.url()}`);
    });
    editor.on("requestfailed", (request) => {
      if (emailFont(request)) failed.push(`${request.failure()?.errorText} ${request.url()}`);
    });
    await editor.goto(site.url(`${href}/email`));
    const frame = editor.frames().find((f) => f.url().includes("/email/body"));
    assert.ok(frame, "the email is shown in a frame");
    await frame.waitForLoadState("networkidle");
    await editor.waitForTimeout(500);
    assert.deepEqual(failed, [], "no font of the email fails to load");
    assert.ok(loaded.some((line) => line.startsWith("200 ") && line.includes("nastaliq")), `the email's Nastaliq loads: ${loaded}`);
    await editor.screenshot({ path: join(shots, "email-preview-urdu.png"), fullPage: true });
    await editor.context().close();
  }
});
