// What every browser test needs, in one place: a `lede serve` of its own (a temporary data
// directory, a free port, accounts made from the command line or the first-run setup page),
// Debian's headless Chromium through playwright-core, signing in, a folder for screenshots, and
// one way to end (what failed, then everything started is stopped and removed, whatever
// happened). A test reads:
//
//   import { run, startLede, launchBrowser, signIn } from "./lib.mjs";
//   await run("my flow", "screenshots/my-flow", async ({ shots }) => {
//     const site = await startLede({ users: [{ email: "ed@example.com", role: "editor" }] });
//     const browser = await launchBrowser();
//     const page = await signIn(browser, site, "ed@example.com");
//     ...
//   });
import { chromium } from "playwright-core";
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

/// Every account these tests make has this password (long enough for Lede's rules).
export const PASSWORD = "a long enough password";
export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 900 };

/// The binary under test: the first argument, else the debug build.
export const lede = resolve(process.argv[2] ?? "../target/debug/lede");

// Stopped in reverse order when the test ends, passed or failed.
const cleanups = [];

/// Runs a test body: prints "<name> passed" or "<name> FAILED: …", then stops the browsers
/// and servers it started, removes their data, names the screenshot folder and exits 0 or 1.
/// `shots` is the folder for screenshots, relative to the current directory (made here).
export async function run(name, shots, body) {
  const folder = resolve(shots);
  mkdirSync(folder, { recursive: true });
  let failed = false;
  try {
    await body({ shots: folder });
    console.log(`${name} passed`);
  } catch (error) {
    failed = true;
    console.error(`${name} FAILED:`, error);
  } finally {
    for (const cleanup of cleanups.reverse()) {
      try {
        await cleanup();
      } catch (error) {
        console.error("cleaning up:", error);
      }
    }
    console.log(`screenshots: ${folder}`);
  }
  process.exit(failed ? 1 : 0);
}

/// A port nobody listens on now (the kernel's choice), so that tests never collide.
function freePort() {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once("error", fail);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => done(port));
    });
  });
}

/// Starts `lede serve` on a fresh data directory and waits until /healthz answers.
/// `users`: accounts made with `lede user add` before the start ({ email, name, role });
/// `config`: the text of lede.toml; `demo`: load the demo newsroom (default yes). Returns the
/// site: its `base` address, `data` directory, `url(path)`, `cli(...args)` to run other lede
/// commands on it, and `log()`, what the server printed so far (e.g. the setup code).
export async function startLede({ users = [], config, demo = true } = {}) {
  const data = mkdtempSync(join(tmpdir(), "lede-e2e-"));
  cleanups.push(() => rmSync(data, { recursive: true, force: true }));
  if (config) writeFileSync(join(data, "lede.toml"), config);
  const cli = (...args) => execFileSync(lede, [...args, "--data", data], { encoding: "utf8" });
  for (const { email, name = email.split("@")[0], role } of users) {
    // Accounts before the server starts; the demo loads into the still-empty site afterwards.
    execFileSync(lede, ["user", "add", "--data", data, "--email", email, "--name", name, "--role", role], { input: PASSWORD + "\n" });
  }
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const args = ["serve", "--data", data, "--addr", `127.0.0.1:${port}`];
  if (demo) args.splice(1, 0, "--demo");
  const server = spawn(lede, args, { stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  for (const stream of [server.stdout, server.stderr]) stream.on("data", (chunk) => { log = (log + chunk).slice(-200_000); });
  const exited = new Promise((done) => server.once("exit", done));
  cleanups.push(async () => {
    if (server.exitCode === null) {
      server.kill("SIGTERM");
      await exited;
    }
  });
  for (let i = 0; ; i++) {
    if (server.exitCode !== null) throw new Error(`lede serve exited (${server.exitCode}):\n${log}`);
    try {
      if ((await fetch(`${base}/healthz`)).ok) break;
    } catch {}
    if (i >= 600) throw new Error(`lede did not become healthy in a minute:\n${log}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { base, data, url: (path) => base + path, cli, log: () => log };
}

/// Debian's headless Chromium (no browser downloaded by npm), closed at the end.
export async function launchBrowser() {
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  cleanups.push(() => browser.close());
  return browser;
}

/// Signs in through the sign-in form in a new browser context (`viewport`, desktop unless
/// given) and returns the page, on the dashboard.
export async function signIn(browser, site, email, { viewport = DESKTOP } = {}) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  await signInOn(page, site, email);
  return page;
}

/// Signs in on an existing page (whose context then carries the session).
export async function signInOn(page, site, email) {
  await page.goto(site.url("/admin"));
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(site.url("/admin"));
}

/// The first-run setup on a site without accounts: the setup code from the server's log, the
/// first administrator's name, email and password; ends signed in, on the dashboard.
export async function setUpFirstAdmin(page, site, { email, name }) {
  const code = site.log().match(/give the setup code (\S+)/)?.[1];
  if (!code) throw new Error(`no setup code in the server's log:\n${site.log()}`);
  await page.goto(site.url("/admin"));
  await page.getByLabel("Setup code").fill(code);
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: /Create/ }).click();
  await page.waitForURL(site.url("/admin"));
}

/// Full-page screenshots of `page` at a desktop's and a phone's width, named
/// `<name>-1280.png` and `<name>-390.png`; the page is left at desktop width.
export async function shootWidths(page, shots, name) {
  for (const viewport of [DESKTOP, PHONE]) {
    await page.setViewportSize(viewport);
    await page.screenshot({ path: join(shots, `${name}-${viewport.width}.png`), fullPage: true });
  }
  await page.setViewportSize(DESKTOP);
}
