// Phones in a real browser (Debian's headless Chromium, driven by playwright-core): every kind
// of reader page and every admin page, signed in as an admin, is loaded at a 360 px viewport
// with a breaking-news banner up, and must not be wider than the screen (document
// scrollWidth <= 360: nothing scrolls sideways). On a 390x844 phone the site's header must be
// at most 120 px tall, and an article's featured image or first paragraph must start within
// the first screen. Prints one line a page (scrollWidth, header height) and fails naming the
// pages at fault and what sticks out. Screenshots of each page at 390 px (whole, and its
// first screen) and 1280 px go to the folder printed at the end: look at them.
// Usage: node phone-widths.mjs [path/to/lede]
import { join } from "node:path";
import { run, startLede, launchBrowser, signInOn, PHONE, DESKTOP } from "./lib.mjs";

const NARROW = { width: 360, height: 740 };
const MAX_HEADER = 120;
let base; // the site's address, once it runs

/// What a page measures once loaded: its width, its header's height, and where the
/// article's featured image or first paragraph starts (null on other pages).
async function measure(page) {
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  return page.evaluate(() => {
    const header = document.querySelector("header.site-header");
    const first = document.querySelector(".article .featured-image, .article .prose > p");
    // The outermost elements that stick out of the screen, to say what to fix.
    const width = document.documentElement.clientWidth;
    const outside = (e) => {
      const r = e.getBoundingClientRect();
      return r.width > 0 && (r.right > width + 0.5 || r.left < -0.5);
    };
    const describe = (e) => e.tagName.toLowerCase() + (e.id ? `#${e.id}` : "") + [...e.classList].map((c) => `.${c}`).join("");
    // Inside an element that scrolls or clips sideways, sticking out is that element's business.
    const clipped = (e) => {
      for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
        if (getComputedStyle(a).overflowX !== "visible") return true;
      }
      return false;
    };
    const culprits = [...document.body.querySelectorAll("*")]
      .filter((e) => outside(e) && !e.closest(".skip-link, .visually-hidden") && !clipped(e))
      .filter((e) => !(e.parentElement && outside(e.parentElement) && !clipped(e.parentElement)))
      .slice(0, 4)
      .map((e) => `${describe(e.parentElement)} > ${describe(e)} (${Math.round(e.getBoundingClientRect().width)} px)`);
    return {
      culprits,
      scrollWidth: document.documentElement.scrollWidth,
      header: header ? Math.round(header.getBoundingClientRect().height) : 0,
      firstContent: first ? Math.round(first.getBoundingClientRect().top + window.scrollY) : null,
    };
  });
}

/// The first `href` of an element matching `selector` on `path`, as a path.
async function firstLink(page, path, selector) {
  await page.goto(base + path);
  const href = await page.locator(selector).first().getAttribute("href");
  if (!href) throw new Error(`no ${selector} on ${path}`);
  return new URL(href, base).pathname;
}

/// Every kind of reader page, found by following the demo's own links.
async function readerPages(page) {
  const article = await firstLink(page, "/", ".home-latest .card-title a");
  const urduArticle = await firstLink(page, "/ur/", ".card-title a");
  const section = await firstLink(page, "/", ".sections-nav li:nth-child(2) a");
  const tag = await firstLink(page, article, ".tags a");
  const author = await firstLink(page, article, ".byline .by a");
  const urduAuthor = await firstLink(page, urduArticle, ".byline .by a");
  const staticPage = await firstLink(page, "/", ".site-footer li a");
  const datetime = await page.goto(base + article).then(() => page.locator(".byline time").first().getAttribute("datetime"));
  const [year, month, day] = datetime.slice(0, 10).split("-");
  return [
    ["home", "/"],
    ["home (ur)", "/ur/"],
    ["article", article],
    ["article (ur)", urduArticle],
    ["all articles", "/articles"],
    ["all articles, page 2", "/articles?page=2"],
    ["section", section],
    ["section (ur)", `/ur${section}`],
    ["tag", tag],
    ["author", author],
    ["author (ur)", urduAuthor],
    ["archive year", `/archive/${year}`],
    ["archive month", `/archive/${year}/${month}`],
    ["archive day", `/archive/${year}/${month}/${day}`],
    ["search", "/search?q=council"],
    ["search (ur)", "/ur/search?q=%DA%A9%D9%88%D9%86%D8%B3%D9%84"],
    ["search, nothing found", "/search?q=zzzzqqq"],
    ["subscribe", "/subscribe"],
    ["subscribe (ur)", "/ur/subscribe"],
    ["static page", staticPage],
    ["not found", "/no-such-page"],
  ];
}

/// Every admin page an admin can open, found by following the admin's own links.
async function adminPages(page) {
  const editor = await firstLink(page, "/admin/articles", ".queue a[href^='/admin/articles/']");
  const section = await firstLink(page, "/admin/sections", ".queue a[href^='/admin/sections/']");
  const staticPage = await firstLink(page, "/admin/pages", ".pages-list a.page-title");
  return [
    ["admin dashboard", "/admin"],
    ["admin articles", "/admin/articles"],
    ["admin articles sorted", "/admin/articles?sort=headline&order=asc&select=all"],
    ["admin trash", "/admin/articles?view=trash"],
    ["admin empty trash", "/admin/articles/trash/empty"],
    ["admin new article", "/admin/articles/new"],
    ["admin editor", editor],
    ["admin revisions", `${editor}/revisions`],
    ["admin email preview", `${editor}/email`],
    ["admin media", "/admin/media"],
    ["admin comments", "/admin/comments"],
    ["admin comments (spam)", "/admin/comments?status=spam"],
    ["admin people", "/admin/people"],
    ["admin sections", "/admin/sections"],
    ["admin section", section],
    ["admin settings", "/admin/settings"],
    ["admin pages", "/admin/pages"],
    ["admin new page", "/admin/pages/new"],
    ["admin page", staticPage],
    ["admin page revisions", `${staticPage}/revisions`],
    ["admin delete page", `${staticPage}/delete`],
    ["admin menus", "/admin/menus"],
    ["admin menus (ur)", "/admin/menus?language=ur"],
    ["admin breaking news", "/admin/breaking"],
    ["admin webhooks", "/admin/webhooks"],
    ["admin newsletters", "/admin/newsletters"],
    ["admin profile", "/admin/profile"],
  ];
}

await run("phone widths", "screenshots/phone-widths", async ({ shots }) => {
  const site = await startLede({ users: [{ email: "ada@example.com", name: "Ada Admin", role: "admin" }] });
  base = site.base;
  const browser = await launchBrowser();
  const faults = [];
  // One signed-in browser context per width, sharing the admin's session cookie.
  const contexts = {};
  for (const [name, viewport] of Object.entries({ narrow: NARROW, phone: PHONE, desktop: DESKTOP })) {
    contexts[name] = await browser.newContext({ viewport });
  }
  console.log(`${"page".padEnd(24)} ${"width".padStart(5)} ${"header".padStart(7)} ${"story".padStart(6)}  path (width at 360 px; header and where the story starts at 390x844)`);
  const signIn = await contexts.narrow.newPage();
  await signIn.goto(`${base}/admin`);
  {
    const signedOut = await measure(signIn);
    console.log(`${"admin sign-in".padEnd(24)} ${String(signedOut.scrollWidth).padStart(5)} ${String(signedOut.header).padStart(7)} ${"".padStart(6)}  /admin (signed out)`);
    if (signedOut.scrollWidth > NARROW.width) faults.push(`admin sign-in is ${signedOut.scrollWidth} px wide at 360 px`);
    await signIn.screenshot({ path: join(shots, "admin-sign-in-360.png"), fullPage: true });
  }
  await signInOn(signIn, site, "ada@example.com");
  // A breaking-news banner in each edition, long enough to wrap on a phone: reader pages are
  // measured with it.
  for (const [language, text] of [
    ["en", "Flood warning: the River Aln is rising at Old Quay; keep away from the quayside until the barrier is closed"],
    ["ur", "سیلاب کی وارننگ: اولڈ کی پر دریائے ایلن کا پانی بڑھ رہا ہے؛ بیراج بند ہونے تک کنارے سے دور رہیں"],
  ]) {
    await signIn.goto(`${base}/admin/breaking`);
    await signIn.locator(`#text-${language}`).fill(text);
    await signIn.locator(`#link-${language}`).fill("/search?q=flood");
    await signIn.locator(`form:has(#text-${language}) button[type=submit]`).click();
    await signIn.waitForURL(`${base}/admin/breaking`);
  }
  const cookies = await contexts.narrow.cookies();
  for (const context of [contexts.phone, contexts.desktop]) await context.addCookies(cookies);
  const pages = [...(await readerPages(signIn)), ...(await adminPages(signIn))];
  const narrow = signIn;
  const phone = await contexts.phone.newPage();
  const desktop = await contexts.desktop.newPage();
  for (const [label, path] of pages) {
    const file = label.replace(/[^a-z0-9]+/gi, "-").replace(/-$/, "").toLowerCase();
    await narrow.goto(base + path);
    const at360 = await measure(narrow);
    await phone.goto(base + path);
    const at390 = await measure(phone);
    await phone.screenshot({ path: join(shots, `${file}-390.png`), fullPage: true });
    await phone.screenshot({ path: join(shots, `${file}-390-first-screen.png`) });
    await desktop.goto(base + path);
    await desktop.screenshot({ path: join(shots, `${file}-1280.png`), fullPage: true });
    const story = at390.firstContent === null ? "" : String(at390.firstContent);
    console.log(`${label.padEnd(24)} ${String(at360.scrollWidth).padStart(5)} ${String(at390.header).padStart(7)} ${story.padStart(6)}  ${decodeURI(path)}`);
    if (at360.scrollWidth > NARROW.width) {
      faults.push(`${label} (${path}) is ${at360.scrollWidth} px wide at 360 px: ${at360.culprits.join(", ")}`);
    }
    if (at390.header > MAX_HEADER) faults.push(`${label} (${path}): the header is ${at390.header} px tall at 390 px`);
    if (at390.firstContent !== null && at390.firstContent >= PHONE.height) {
      faults.push(`${label} (${path}): the article's first image or paragraph starts at ${at390.firstContent} px, below the first screen`);
    }
  }
  if (faults.length) throw new Error(`${faults.length} pages do not fit a phone:\n  ${faults.join("\n  ")}`);
  console.log(`${pages.length + 1} pages fit a phone`);
});
