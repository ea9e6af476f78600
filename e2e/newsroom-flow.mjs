// The newsroom end to end in a real browser (Debian's headless Chromium, driven by
// playwright-core): an author signs in, writes an illustrated article and publishes it; a
// reader finds it on the home page and comments; an editor approves the comment; the reader
// sees it. Screenshots of the editor and the published article go to the folder printed at
// the end. Usage: node newsroom-flow.mjs [path/to/lede]
import { chromium } from "playwright-core";
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import assert from "node:assert/strict";

const lede = resolve(process.argv[2] ?? "../target/debug/lede");
const shots = resolve("screenshots");
const port = 18200 + Math.floor(Math.random() * 500);
const base = `http://127.0.0.1:${port}`;
const data = mkdtempSync(join(tmpdir(), "lede-e2e-"));
const password = "a long enough password";

mkdirSync(shots, { recursive: true });
writeFileSync(join(data, "lede.toml"), "comment_min_seconds = 2\n");
for (const [email, name, role] of [["maya@example.com", "Maya Chen", "author"], ["ed@example.com", "Ed Itor", "editor"]]) {
  // Accounts before the server starts; the demo loads into the still-empty site afterwards.
  execFileSync(lede, ["user", "add", "--data", data, "--email", email, "--name", name, "--role", role], { input: password + "\n" });
}
const server = spawn(lede, ["serve", "--demo", "--data", data, "--addr", `127.0.0.1:${port}`], { stdio: "ignore" });

async function waitForHealth() {
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("lede did not become healthy");
}

async function signIn(browser, email) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${base}/admin`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(`${base}/admin`);
  return page;
}

const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
let failed = false;
try {
  await waitForHealth();
  const headline = "Ferry service returns to the Aln after twenty years";

  // The author uploads a photo with the file picker, then writes and publishes.
  const author = await signIn(browser, "maya@example.com");
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
  const readerContext = await browser.newContext({ viewport: { width: 390, height: 844 }, javaScriptEnabled: false });
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
  await reader.getByLabel("Email").fill("sam@example.com");
  await reader.getByLabel("Comment", { exact: true }).fill("Wonderful news for Saltmarsh commuters.");
  await reader.waitForTimeout(2500); // people take a moment; the form refuses instant posts
  await reader.getByRole("button", { name: "Post comment" }).click();
  assert.match(await reader.locator(".notice").textContent(), /awaiting moderation/);
  assert.equal(await reader.locator(".no-comments").textContent(), "There are no comments");

  // An editor approves it.
  const editor = await signIn(browser, "ed@example.com");
  await editor.getByRole("link", { name: /Comments/ }).click();
  const row = editor.locator("tr", { hasText: "Sam Reader" });
  await row.getByRole("button", { name: "Approve" }).click();
  await editor.waitForURL(/status=pending/);

  // The reader sees it.
  await reader.reload();
  assert.equal(await reader.locator(".comment-author").first().textContent(), "Sam Reader");
  assert.match(await reader.locator(".comment-text").first().textContent(), /Wonderful news/);
  await reader.screenshot({ path: join(shots, "approved-comment.png"), fullPage: true });
  console.log("newsroom flow passed");
} catch (error) {
  failed = true;
  console.error("newsroom flow FAILED:", error);
} finally {
  await browser.close();
  server.kill("SIGTERM");
  rmSync(data, { recursive: true, force: true });
  console.log(`screenshots: ${shots}`);
}
process.exit(failed ? 1 : 0);
