// The newsroom end to end in a real browser (Debian's headless Chromium, driven by
// playwright-core): an author signs in, writes an illustrated article and publishes it; a
// reader finds it on the home page and comments; an editor approves the comment; the reader
// sees it. Screenshots of the editor and the published article go to the folder printed at
// the end. Usage: node newsroom-flow.mjs [path/to/lede]
import { join } from "node:path";
import assert from "node:assert/strict";
import { run, startLede, launchBrowser, signIn, PHONE } from "./lib.mjs";

await run("newsroom flow", "screenshots", async ({ shots }) => {
  const site = await startLede({
    config: "comment_min_seconds = 2\n",
    users: [
      { email: "maya@example.com", name: "Maya Chen", role: "author" },
      { email: "ed@example.com", name: "Ed Itor", role: "editor" },
    ],
  });
  const base = site.base;
  const browser = await launchBrowser();
  const headline = "Ferry service returns to the Aln after twenty years";

  // The author uploads a photo with the file picker, then writes and publishes.
  const author = await signIn(browser, site, "maya@example.com");
  await author.getByRole("link", { name: "Media" }).click();
  const photo = await author.screenshot({ type: "png" }); // any real PNG will do
  await author.getByLabel("Upload an image").setInputFiles({ name: "ferry.png", mimeType: "image/png", buffer: photo });
  await author.getByRole("button", { name: "Upload", exact: true }).click();
  await author.waitForURL(/admin\/media/);
  const imagePath = await author.locator(".media-path").first().inputValue();
  assert.match(imagePath, /^\/media\/uploads\/.+\.png$/);
  await author.getByRole("link", { name: "New article" }).first().click();
  await author.getByLabel("Headline").fill(headline);
  await author.getByLabel("Standfirst").fill("A passenger ferry will link Old Quay and Saltmarsh from March.");
  await author.getByLabel("Body").fill("The council has approved a **passenger ferry** between Old Quay and Saltmarsh.\n\n## What happens next\n\nTrials begin in February.");
  // With JavaScript: the toolbar formats, and the live preview follows the text.
  await author.getByRole("toolbar", { name: "Formatting" }).waitFor();
  await author.locator(".live-preview strong", { hasText: "passenger ferry" }).waitFor({ timeout: 10000 });
  await author.getByLabel("Section").selectOption("news");
  await author.getByLabel("Tags").fill("Transport, River Aln");
  await author.getByLabel("Image address").fill(imagePath);
  await author.getByLabel("Alt text").fill("The ferry landing at Old Quay");
  await author.getByLabel("Caption").fill("The river crossing at Saltmarsh.");
  await author.getByLabel("Credit").fill("Illustration: Northbridge Courier");
  await author.getByRole("button", { name: "Preview" }).click();
  assert.equal(await author.locator(".preview:not(.live-preview) strong").textContent(), "passenger ferry");
  await author.screenshot({ path: join(shots, "editor.png"), fullPage: true });
  await author.getByRole("button", { name: "Publish" }).click();
  await author.waitForURL(/saved=publish/);

  // A reader finds it on the home page and comments.
  const readerContext = await browser.newContext({ viewport: PHONE, javaScriptEnabled: false });
  const reader = await readerContext.newPage();
  await reader.goto(base);
  assert.equal((await reader.locator(".lead .card-title").textContent()).trim(), headline);
  await reader.locator(".lead .card-title a").click();
  assert.equal(await reader.locator("h1").textContent(), headline);
  assert.equal(await reader.locator(".featured-image img").getAttribute("alt"), "The ferry landing at Old Quay");
  assert.match(await reader.locator(".featured-image source").getAttribute("srcset"), /-480\.webp 480w/);
  assert.match(await reader.locator(".byline").textContent(), /Maya Chen/);
  await reader.screenshot({ path: join(shots, "published-article.png"), fullPage: true });
  await reader.getByLabel("Name").fill("Sam Reader");
  // Exactly "Email": the newsletter box under the article asks for an "Email address".
  await reader.getByLabel("Email", { exact: true }).fill("sam@example.com");
  await reader.getByLabel("Comment", { exact: true }).fill("Wonderful news for Saltmarsh commuters.");
  await reader.waitForTimeout(2500); // people take a moment; the form refuses instant posts
  await reader.getByRole("button", { name: "Post comment" }).click();
  assert.match(await reader.locator(".notice").textContent(), /awaiting moderation/);
  assert.equal(await reader.locator(".no-comments").textContent(), "There are no comments");

  // An editor approves it.
  const editor = await signIn(browser, site, "ed@example.com");
  await editor.getByRole("link", { name: /Comments/ }).click();
  const row = editor.locator("tr", { hasText: "Sam Reader" });
  await row.getByRole("button", { name: "Approve" }).click();
  await editor.waitForURL(/status=pending/);

  // The reader sees it.
  await reader.reload();
  assert.equal(await reader.locator(".comment-author").first().textContent(), "Sam Reader");
  assert.match(await reader.locator(".comment-text").first().textContent(), /Wonderful news/);
  await reader.screenshot({ path: join(shots, "approved-comment.png"), fullPage: true });
});
