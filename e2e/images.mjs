// Images done right, in a real browser (Debian's headless Chromium, driven by playwright-core):
// an author uploads a photo and describes it in the media library; in the editor, the media
// picker makes it the featured image (its alt text, caption and credit filled in) and inserts
// it into the body at the cursor; publishing with the featured image's alt text cleared is
// refused with the text kept; described again, the article publishes, and readers see both
// images with their variants, captions and credits. Screenshots at 1280 and 390 pixels go to
// the folder printed at the end. Usage: node images.mjs [path/to/lede]
import assert from "node:assert/strict";
import { run, startLede, launchBrowser, signIn, shootWidths } from "./lib.mjs";

await run("images flow", "screenshots", async ({ shots }) => {
  const site = await startLede({ users: [{ email: "maya@example.com", name: "Maya Chen", role: "author" }] });
  const base = site.base;
  const browser = await launchBrowser();
  const page = await signIn(browser, site, "maya@example.com");
  const context = page.context();
  const shoot = (page, name) => shootWidths(page, shots, name);

  // Upload a photo (a real PNG: a screenshot of the demo's home page) and describe it.
  const photoPage = await context.newPage();
  await photoPage.setViewportSize({ width: 1600, height: 900 });
  await photoPage.goto(`${base}/articles/river-aln-bursts-banks-old-quay-saltmarsh`);
  const photo = await photoPage.locator(".featured-image img").screenshot({ type: "png" });
  await photoPage.close();
  await page.getByRole("link", { name: "Media" }).click();
  await page.getByLabel("Upload an image").setInputFiles({ name: "old-quay-flood.png", mimeType: "image/png", buffer: photo });
  await page.getByRole("button", { name: "Upload", exact: true }).click();
  await page.waitForURL(/admin\/media/);
  const item = page.locator(".media-item", { hasText: "old-quay-flood.png" });
  const imagePath = await item.locator(".media-path").inputValue();
  assert.equal(await item.locator(".no-alt").textContent(), "No alt text yet");
  const alt = "Floodwater up to the windows of terraced houses on Ferry Lane";
  await item.getByLabel("Alt text").fill(alt);
  await item.getByLabel("Caption").fill("Ferry Lane on the morning after the Aln burst its banks.");
  await item.getByLabel("Credit").fill("Photo: Sana Mirza");
  await item.getByRole("button", { name: "Save description" }).click();
  await page.waitForURL(/described=/);
  assert.match(await page.locator(".notice").textContent(), /Saved the description of “old-quay-flood\.png”/);
  await shoot(page, "media-library");

  // The editor: the picker makes it the featured image and inserts it into the body.
  await page.getByRole("link", { name: "New article" }).first().click();
  const headline = "Ferry Lane families count the cost a week on";
  await page.getByLabel("Headline").fill(headline);
  await page.getByLabel("Standfirst").fill("Carpets and furniture line the street as families wait for insurers.");
  const body = page.getByLabel("Body");
  await body.fill("Residents of Ferry Lane are still drying out their homes.\n\nThe council says 243 properties flooded.");
  await page.getByLabel("Section").selectOption("news");
  await page.getByText(/^Media library \(\d+\)$/).click();
  const picked = page.locator(`.picker-item[data-path="${imagePath}"]`);
  await picked.getByRole("button", { name: "Use as featured image" }).click();
  assert.equal(await page.getByLabel("Image address").inputValue(), imagePath);
  assert.equal(await page.getByLabel("Alt text").inputValue(), alt, "filled in from the library");
  assert.equal(await page.getByLabel("Credit").inputValue(), "Photo: Sana Mirza");
  // The cursor after the first paragraph: the image goes there, in a paragraph of its own.
  await body.evaluate((el) => { const at = el.value.indexOf("\n\n"); el.setSelectionRange(at, at); });
  await picked.getByRole("button", { name: "Insert" }).click();
  const written = await body.inputValue();
  assert.equal(
    written,
    `Residents of Ferry Lane are still drying out their homes.\n\n![${alt}](${imagePath} "Ferry Lane on the morning after the Aln burst its banks. | Photo: Sana Mirza")\n\nThe council says 243 properties flooded.`,
  );
  // The body's figure (the live preview shows the featured image too, with the same credit).
  await page.locator(".live-preview .prose figure figcaption .credit", { hasText: "Photo: Sana Mirza" }).waitFor({ timeout: 10000 });
  await page.locator(".media-picker").evaluate((el) => el.scrollIntoView());
  await shoot(page, "editor-picker");

  // Publishing without the featured image's alt text is refused, the text kept.
  await page.getByLabel("Alt text").fill("");
  await page.getByRole("button", { name: "Publish" }).click();
  await page.locator(".form-errors").waitFor();
  assert.match(await page.locator(".form-errors").textContent(), /Describe the featured image in its alt text/);
  assert.equal(await page.getByLabel("Body").inputValue(), written, "the text is kept");
  assert.equal(await page.getByLabel("Headline").inputValue(), headline);
  await shoot(page, "editor-refused");
  await page.getByLabel("Alt text").fill(alt);
  await page.getByRole("button", { name: "Publish" }).click();
  await page.waitForURL(/saved=publish/);

  // Readers see both images, each with its variants, caption and credit.
  const reader = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await reader.goto(`${base}/articles/ferry-lane-families-count-the-cost-a-week-on`);
  assert.equal(await reader.locator(".featured-image img").getAttribute("alt"), alt);
  const inline = reader.locator(".prose figure img");
  assert.equal(await inline.getAttribute("alt"), alt);
  assert.equal(await inline.getAttribute("loading"), "lazy");
  assert.ok(Number(await inline.getAttribute("width")) > 0);
  assert.match(await reader.locator(".prose figure source").getAttribute("srcset"), /-480\.webp 480w/);
  assert.equal((await reader.locator(".prose figcaption .credit").textContent()), "Photo: Sana Mirza");
  // The browser picked a variant that fits the column, not the full-size file.
  await inline.scrollIntoViewIfNeeded();
  await reader.waitForFunction(() => document.querySelector(".prose figure img").complete);
  const chosen = await inline.evaluate((el) => el.currentSrc);
  assert.match(chosen, /-(480|960|1600)\.webp$/, chosen);
  await shoot(reader, "article-inline-image");
});
