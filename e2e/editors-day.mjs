// An editor's day in a real browser (Debian's headless Chromium, driven by playwright-core),
// through the newsroom's own labels and buttons, as a person works: sign in; upload a photo;
// write an article with it as the featured image, and see publishing refused until the photo
// has alt text; save the draft and open "Preview as readers see it" (the article once, as
// readers will see it); make a preview link and open it signed out (the draft, noindex);
// publish; add a correction with "Update" (the live page prints it with its date, and
// /corrections lists it); make it the top story, and see it lead the front page even after a
// newer article is published; trash it from the article list (its address then answers 410
// Gone) and restore it from the trash.
//
// The day is worked four times: an English article at desktop (1280x900) and phone (390x844)
// width, then an Urdu one at both widths, so that the preview, the shared link, the live page,
// the corrections and the front page are seen in Urdu too (the newsroom itself stays English).
// Screenshots of every step go to the folder printed at the end, named
// <language>-<width>-<step>.png: look at them. Usage: node editors-day.mjs [path/to/lede]
import { join } from "node:path";
import assert from "node:assert/strict";
import { run, startLede, launchBrowser, signIn, PHONE, DESKTOP } from "./lib.mjs";

/// What each day writes. Headlines differ, so that each day's article has its own address.
const writing = {
  en: (width) => ({
    headline: width > 400 ? "Old Quay footbridge reopens after flood repairs" : "Saltmarsh library opens its new reading room",
    standfirst: "The crossing was closed for six weeks while engineers replaced its damaged supports.",
    body: "The council reopened the **footbridge** at Old Quay on Friday morning.\n\n## What changed\n\nNew steel supports sit a metre higher than the old ones.",
    strong: "footbridge",
    alt: "Walkers crossing the repaired footbridge at Old Quay",
    correction: "An earlier version said the bridge was closed for eight weeks; it was six.",
    newer: width > 400 ? "Ferry Lane residents plan a street party" : "Northbridge market moves indoors for winter",
  }),
  ur: (width) => ({
    headline: width > 400 ? "اولڈ کی کا پل سیلاب کی مرمت کے بعد دوبارہ کھل گیا" : "سالٹ مارش لائبریری میں نیا مطالعہ کا کمرہ کھل گیا",
    standfirst: "انجینئروں نے خراب ستون بدلے، اس دوران یہ راستہ چھ ہفتے بند رہا۔",
    body: "کونسل نے جمعے کی صبح اولڈ کی کا **پیدل پل** دوبارہ کھول دیا۔\n\n## کیا بدلا\n\nنئے فولادی ستون پرانوں سے ایک میٹر اونچے ہیں۔",
    strong: "پیدل پل",
    alt: "اولڈ کی کے مرمت شدہ پل پر لوگ گزر رہے ہیں",
    correction: "پہلے ورژن میں لکھا تھا کہ پل آٹھ ہفتے بند رہا؛ دراصل چھ ہفتے بند رہا۔",
    newer: width > 400 ? "فیری لین کے رہائشی گلی میں جشن منائیں گے" : "نارتھ برج کی منڈی سردیوں میں چھت تلے چلی گئی",
  }),
};

await run("editor's day", "screenshots/editors-day", async ({ shots }) => {
  const site = await startLede({ users: [{ email: "ed@example.com", name: "Ed Itor", role: "editor" }] });
  const browser = await launchBrowser();
  // Real photos: the featured image of one of the demo's articles, as PNGs cut a little
  // differently each day (the library keeps one copy of the same bytes).
  const photos = await (async () => {
    const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
    await page.goto(site.url("/articles/river-aln-bursts-banks-old-quay-saltmarsh"));
    const box = await page.locator(".featured-image img").boundingBox();
    const cuts = [];
    for (let day = 0; day < 4; day++) {
      const clip = { x: box.x + day * 8, y: box.y, width: box.width - day * 16, height: box.height };
      cuts.push(await page.screenshot({ type: "png", clip }));
    }
    await page.close();
    return cuts;
  })();
  for (const language of ["en", "ur"]) {
    for (const viewport of [DESKTOP, PHONE]) {
      const photo = photos.shift();
      await editorsDay({ browser, site, shots, photo, language, viewport });
      console.log(`  the day in ${language} at ${viewport.width} px: done`);
    }
  }
});

async function editorsDay({ browser, site, shots, photo, language, viewport }) {
  const text = writing[language](viewport.width);
  const edition = language === "en" ? "" : `/${language}`;
  let step = 0;
  const shoot = async (page, name) => {
    step += 1;
    const file = `${language}-${viewport.width}-${String(step).padStart(2, "0")}-${name}.png`;
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    await page.screenshot({ path: join(shots, file), fullPage: true });
  };
  const flash = (page) => page.locator(".flash p").first().textContent();
  /// The page's width must not exceed the screen's: nothing scrolls sideways.
  const fits = async (page, what) => {
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= viewport.width, `${what} is ${width} px wide on a ${viewport.width} px screen`);
  };
  /// What a reader's page says: the document's language and direction, and its main text.
  const reads = async (page) => ({
    lang: await page.getAttribute("html", "lang"),
    dir: await page.getAttribute("html", "dir"),
    main: await page.locator("main").innerText(),
  });
  const times = (haystack, needle) => haystack.split(needle).length - 1;

  // Sign in.
  const desk = await signIn(browser, site, "ed@example.com", { viewport });
  const context = desk.context();
  const menu = desk.getByRole("navigation", { name: "Newsroom" });
  await shoot(desk, "dashboard");

  // Upload the photo in the media library; it has no alt text yet.
  await menu.getByRole("link", { name: "Media", exact: true }).click();
  const file = `${language}-${viewport.width}-footbridge.png`;
  await desk.getByLabel("Upload an image").setInputFiles({ name: file, mimeType: "image/png", buffer: photo });
  await desk.getByRole("button", { name: "Upload", exact: true }).click();
  await desk.waitForURL(/admin\/media/);
  assert.equal(await desk.locator(".notice").textContent(),
    `Uploaded “${file}”. Describe it below: its alt text is offered to each article that uses it.`);
  const item = desk.locator(".media-item", { hasText: file });
  assert.equal(await item.locator(".no-alt").textContent(), "No alt text yet");
  const imagePath = await item.locator(".media-path").inputValue();
  await shoot(desk, "media-uploaded");

  // Write the article, the new photo as its featured image.
  await menu.getByRole("link", { name: "New article" }).click();
  await desk.getByLabel("Headline").fill(text.headline);
  await desk.getByLabel("Standfirst").fill(text.standfirst);
  await desk.getByLabel("Body").fill(text.body);
  await desk.getByLabel("Section").selectOption("news");
  await desk.getByLabel("Language").selectOption(language);
  await desk.getByText(/^Media library \(\d+\)$/).click();
  await desk.locator(`.picker-item[data-path="${imagePath}"]`).getByRole("button", { name: "Use as featured image" }).click();
  assert.equal(await desk.getByLabel("Image address").inputValue(), imagePath);
  assert.equal(await desk.getByLabel("Alt text").inputValue(), "", "the library had no alt text to offer");
  // The live preview follows the text.
  await desk.locator(".live-preview strong", { hasText: text.strong }).waitFor({ timeout: 10000 });

  // Publishing is refused while the photo has no alt text; the text is kept.
  await desk.getByRole("button", { name: "Publish", exact: true }).click();
  await desk.locator(".form-errors").waitFor();
  assert.match(await desk.locator(".form-errors").textContent(), /Describe the featured image in its alt text/);
  assert.equal(await desk.getByLabel("Headline").inputValue(), text.headline);
  assert.equal(await desk.getByLabel("Body").inputValue(), text.body);
  await desk.locator(".form-errors").scrollIntoViewIfNeeded();
  await shoot(desk, "publish-refused-without-alt-text");
  // The message leads to the field, screens below on a phone.
  await desk.locator(".form-errors").getByRole("link", { name: "Go to the field" }).click();
  assert.ok(await desk.getByLabel("Alt text").isVisible());
  // On screen once the (smooth) scroll ends.
  await desk.waitForFunction(() => {
    const box = document.getElementById("image_alt").getBoundingClientRect();
    return box.top >= 0 && box.bottom <= window.innerHeight;
  }, null, { timeout: 5000 });
  await desk.getByLabel("Alt text").fill(text.alt);
  await desk.getByRole("button", { name: "Save draft" }).click();
  await desk.waitForURL(/\/admin\/articles\/\d+/);
  assert.equal(await flash(desk), "Saved");
  const editorUrl = desk.url().split("?")[0];
  await desk.locator(".live-preview .headline").waitFor();
  const layout = await desk.evaluate(() => {
    const box = (selector) => document.querySelector(selector).getBoundingClientRect();
    const signOut = box(".sign-out button");
    return { preview: box(".live-preview").top, side: box(".editor-side").bottom, signOut: signOut.height };
  });
  if (viewport.width > 960) {
    assert.ok(layout.preview < layout.side, "on a desktop the live preview sits beside the side column, under the body");
  }
  assert.ok(layout.signOut < 48, `"Sign out" stays on one line (${layout.signOut} px tall)`);
  await shoot(desk, "draft-saved");

  // The full-page preview: the article once, as readers will see it, marked a preview.
  const [preview] = await Promise.all([
    context.waitForEvent("page"),
    desk.getByRole("link", { name: "Preview as readers see it" }).click(),
  ]);
  await preview.waitForLoadState();
  await assertArticle(preview, text, language, "the preview");
  const previewed = await reads(preview);
  assert.equal(times(previewed.main, text.headline), 1, "the headline once in the preview");
  assert.equal(times(previewed.main, text.standfirst), 1, "the standfirst once in the preview");
  assert.equal(await preview.locator("h1").count(), 1, "one h1 in the preview");
  assert.equal(await preview.locator(".preview-banner").count(), 1);
  await fits(preview, "the preview");
  await shoot(preview, "preview");
  await preview.close();

  // A preview link, opened by someone without an account.
  await desk.getByRole("button", { name: "Make a preview link" }).click();
  await desk.waitForURL(/\/admin\/articles\/\d+/);
  assert.match(await flash(desk), /^Preview link made/);
  const link = await desk.getByLabel("Preview link").inputValue();
  assert.match(link, /\/preview\/[^/]+$/);
  await shoot(desk, "preview-link-made");
  const outsider = await (await browser.newContext({ viewport })).newPage();
  const shared = await outsider.goto(link);
  assert.equal(shared.status(), 200);
  assert.match(shared.headers()["x-robots-tag"] ?? "", /noindex/);
  assert.match(await outsider.locator('meta[name="robots"]').getAttribute("content"), /noindex/);
  await assertArticle(outsider, text, language, "the shared preview");
  assert.equal(times((await reads(outsider)).main, text.headline), 1, "the headline once in the shared preview");
  await fits(outsider, "the shared preview");
  await shoot(outsider, "shared-preview-signed-out");

  // Publish.
  await desk.goto(editorUrl);
  await desk.getByRole("button", { name: "Publish", exact: true }).click();
  await desk.waitForURL(/saved=publish/);
  assert.equal(await flash(desk), "Published");
  await shoot(desk, "published");
  const live = new URL(await desk.getByRole("link", { name: "View the published article" }).getAttribute("href"), site.base).pathname;
  const reader = await (await browser.newContext({ viewport })).newPage();
  assert.equal((await reader.goto(site.url(live))).status(), 200);
  await assertArticle(reader, text, language, "the live article");
  assert.equal(await reader.locator(".preview-banner").count(), 0, "no preview banner on the live page");
  await shoot(reader, "live");

  // A correction, put live with "Update": printed on the article with its date, listed on
  // the edition's corrections page.
  await desk.getByLabel("Correction").fill(text.correction);
  await desk.getByRole("button", { name: "Update", exact: true }).click();
  await desk.waitForURL(/saved=update/);
  assert.equal(await flash(desk), "Updated: the live article shows your changes.");
  await shoot(desk, "corrected");
  await reader.reload();
  const note = reader.locator(".note-correction");
  assert.equal(await note.locator(".note-text").textContent(), text.correction);
  assert.match(await note.locator("time").getAttribute("datetime"), /^\d{4}-\d\d-\d\dT/);
  assert.ok((await note.locator("time").textContent()).trim().length > 0, "the correction's date is shown");
  await note.scrollIntoViewIfNeeded();
  await fits(reader, "the corrected article");
  await shoot(reader, "live-with-correction");
  await reader.goto(site.url(`${edition}/corrections`));
  const listed = reader.locator(".correction", { hasText: text.headline });
  assert.equal(await listed.locator(".correction-text").textContent(), text.correction);
  assert.equal(new URL(await listed.locator(".correction-headline a").getAttribute("href"), site.base).pathname, live);
  assert.equal(await reader.getAttribute("html", "lang"), language);
  await fits(reader, "the corrections page");
  await shoot(reader, "corrections-page");

  // Top story: it leads its edition's front page, even after a newer article is published.
  await desk.getByLabel("Top story").check();
  await desk.getByRole("button", { name: "Update", exact: true }).click();
  await desk.waitForURL(/saved=update/);
  assert.equal(await flash(desk), "Updated: the live article shows your changes.");
  assert.ok(await desk.getByLabel("Top story").isChecked());
  await menu.getByRole("link", { name: "New article" }).click();
  await desk.getByLabel("Headline").fill(text.newer);
  await desk.getByLabel("Standfirst").fill(text.standfirst);
  await desk.getByLabel("Body").fill(text.body);
  await desk.getByLabel("Section").selectOption("news");
  await desk.getByLabel("Language").selectOption(language);
  await desk.getByRole("button", { name: "Publish", exact: true }).click();
  await desk.waitForURL(/saved=publish/);
  assert.equal(await flash(desk), "Published");
  await reader.goto(site.url(`${edition}/`));
  assert.equal((await reader.locator(".lead .card-title").textContent()).trim(), text.headline, "the top story leads");
  const latest = await reader.locator("main .card-title").allTextContents();
  assert.ok(latest.some((title) => title.trim() === text.newer), "the newer article is on the front page too");
  await fits(reader, "the front page");
  await shoot(reader, "front-page-top-story");

  // Trash it from the article list: its address answers 410 Gone. Then restore it.
  await menu.getByRole("link", { name: "Articles", exact: true }).click();
  await desk.getByLabel("Headline").fill(text.headline);
  await desk.getByRole("button", { name: "Filter" }).click();
  await desk.getByRole("checkbox", { name: `Select “${text.headline}”` }).check();
  await desk.getByLabel("Bulk actions:").selectOption({ label: "Trash" });
  await desk.getByRole("button", { name: "Apply" }).click();
  await desk.locator(".flash").waitFor();
  assert.equal(await flash(desk), "One article moved to the trash.");
  await shoot(desk, "trashed");
  const gone = await reader.goto(site.url(live));
  assert.equal(gone.status(), 410);
  // Said in the article's language, as its page was.
  assert.equal(await reader.getAttribute("html", "lang"), language);
  assert.match(await reader.locator("main h1").innerText(), language === "en" ? /^Article removed$/ : /^خبر ہٹا دی گئی$/);
  await fits(reader, "the removed article's page");
  await shoot(reader, "trashed-article-gone");
  await desk.getByRole("link", { name: /^Trash \(\d+\)$/ }).click();
  await desk.getByRole("checkbox", { name: `Select “${text.headline}”` }).check();
  await desk.getByLabel("Bulk actions:").selectOption({ label: "Restore" });
  await desk.getByRole("button", { name: "Apply" }).click();
  await desk.locator(".flash").waitFor();
  assert.equal(await flash(desk), "One article restored from the trash, as a draft.");
  await shoot(desk, "restored");
  await desk.goto(editorUrl);
  assert.equal((await desk.locator("h1 .status").first().textContent()).trim(), "draft");
  await fits(desk, "the editor");
  await shoot(desk, "restored-draft-in-editor");
  await context.close();
  await outsider.context().close();
  await reader.context().close();
}

/// A page that shows the article as readers see it: headline, standfirst, the body's bold
/// words, the photo with its alt text (once it has one), in the article's language.
async function assertArticle(page, text, language, what) {
  assert.equal((await page.locator("h1.headline").textContent()).trim(), text.headline, `${what}: headline`);
  assert.equal((await page.locator(".standfirst").textContent()).trim(), text.standfirst, `${what}: standfirst`);
  assert.equal(await page.locator(".prose strong").first().textContent(), text.strong, `${what}: body`);
  assert.equal(await page.locator(".featured-image img").getAttribute("alt"), text.alt, `${what}: alt text`);
  assert.equal(await page.getAttribute("html", "lang"), language, `${what}: language`);
  assert.equal(await page.getAttribute("html", "dir"), language === "ur" ? "rtl" : "ltr", `${what}: direction`);
}
