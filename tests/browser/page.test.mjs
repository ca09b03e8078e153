// page.test.mjs - browser tests of crosswire's web page (src/serve/assets):
// Debian's chromium driven by playwright-core, run with node's own test
// runner. tests/cli/test_browser.sh builds an archive (examples/corpus plus
// the hostile articles of hostile.jsonl), starts `crosswire serve` and runs
// `node --test tests/browser/` with:
//   CW_BASE_URL  the server, e.g. http://127.0.0.1:41234 (required)
//   CW_CHROMIUM  the browser binary (default /usr/bin/chromium)
//   CW_SHOTS     a folder for screenshots (default: none are saved)
// What is checked: the story list, a story with a discrepancy (timeline,
// quote variants with their differing words marked, discrepancy variants
// and evidence, the evidence span on the article page), search with the
// matches highlighted, the keys j/k/Enter/Esc and /, every page free of
// console errors and of anything the data could inject (run once with the
// page's CSP and once with the CSP bypassed, so that an injected script
// would really run and set window.__pwned), and the phone-width layout.
import { test, before, after, describe } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "playwright-core";

const BASE = process.env.CW_BASE_URL;
const CHROMIUM = process.env.CW_CHROMIUM || "/usr/bin/chromium";
const SHOTS = process.env.CW_SHOTS || "";
const skip = BASE ? false : "CW_BASE_URL not set: run tests/cli/test_browser.sh";
// time for one page to render (a sanitizer build of the server is slow)
const WAIT_MS = 15000;
// the marker every hostile string in hostile.jsonl tries to set
const PWNED = "window.__pwned=1";

let browser;
let stories = []; // light Story objects of /api/stories
let hostile = null; // the full Story object of the hostile story
let rich = null; // a full corpus Story with a discrepancy and a quote in two wordings

// a quote of st with two variants that differ, or -1
const twoWordings = (st) =>
  st.quotes.findIndex((q) => q.variants.length > 1 && q.variants[0].text !== q.variants[1].text);

async function getJson(path) {
  const r = await fetch(BASE + path);
  assert.equal(r.status, 200, `GET ${path}`);
  return r.json();
}

// a new page that records console errors and uncaught exceptions
async function open(context, hash, ready) {
  const page = await context.newPage();
  const errors = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(`console: ${m.text()}`);
  });
  page.on("pageerror", (e) => errors.push(`exception: ${e.message}`));
  page.on("requestfailed", (r) => errors.push(`request failed: ${r.url()}`));
  await page.goto(BASE + "/" + hash);
  if (ready) await page.waitForSelector(ready, { timeout: WAIT_MS });
  return { page, errors };
}

async function shot(page, name) {
  if (!SHOTS) return;
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, name + ".png"), fullPage: true });
}

// What data could have injected: attributes named on*, javascript: links,
// elements a text field should never become, hostile text outside text.
function injectionReport() {
  const bad = [];
  for (const e of document.querySelectorAll("*")) {
    for (const a of e.attributes) {
      if (/^on/i.test(a.name)) bad.push(`${e.tagName} has ${a.name}`);
      if (/^\s*javascript:/i.test(a.value)) bad.push(`${e.tagName} ${a.name}=${a.value}`);
      if (a.value.includes("__pwned") && a.name !== "title" && a.name !== "value" && a.name !== "aria-label")
        bad.push(`${e.tagName} ${a.name} carries data: ${a.value}`);
    }
  }
  for (const e of document.querySelectorAll("img, iframe, object, embed, b"))
    bad.push(`unexpected <${e.tagName.toLowerCase()}>`);
  const scripts = [...document.scripts].map((s) => s.getAttribute("src"));
  if (scripts.length !== 1 || scripts[0] !== "/app.js") bad.push(`scripts: ${scripts.join(",")}`);
  for (const e of document.querySelectorAll("svg"))
    if (!e.closest(".story-chart") && !e.closest(".coverage") && !e.matches(".story-chart"))
      bad.push("an <svg> outside the charts");
  if (typeof window.__pwned !== "undefined") bad.push("window.__pwned is set");
  return bad;
}

before(async () => {
  if (skip) return;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    // root (a container, CI) cannot use chromium's sandbox
    args: ["--disable-dev-shm-usage", "--disable-gpu",
           ...(process.getuid && process.getuid() === 0 ? ["--no-sandbox"] : [])],
  });
  stories = (await getJson("/api/stories?limit=100")).stories;
  const hits = (await getJson("/api/search?q=velmora")).results;
  assert.ok(hits.length > 0, "the hostile articles are in the archive");
  hostile = await getJson(`/api/stories/${hits[0].story_id}`);
  // the corpus story with the most discrepancies that also has a quote
  // in two wordings
  const full = [];
  for (const s of stories)
    if (s.id !== hostile.id && s.n_discrepancies > 0) full.push(await getJson(`/api/stories/${s.id}`));
  full.sort((a, b) => b.discrepancies.length - a.discrepancies.length);
  rich = full.find((st) => twoWordings(st) >= 0);
  assert.ok(rich, "the corpus has a story with a discrepancy and a quote in two wordings");
});

after(async () => {
  if (browser) await browser.close();
});

describe("story list and story page", { skip }, () => {
  test("the story list shows every story", async () => {
    const ctx = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    const { page, errors } = await open(ctx, "#/", "#story-list .story-item");
    const items = page.locator("#story-list .story-item");
    assert.equal(await items.count(), stories.length);
    assert.deepEqual(await items.evaluateAll((es) => es.map((e) => Number(e.dataset.id))),
                     stories.map((s) => s.id));
    assert.equal(await page.locator("#story-list .story-title").first().textContent(), stories[0].title);
    assert.equal(await page.locator("#story-list .story-chart").count(), stories.length);
    const withDisc = stories.filter((s) => s.n_discrepancies > 0).length;
    assert.ok(withDisc > 0, "the corpus has a story with a discrepancy");
    assert.equal(await page.locator("#story-list .badge-discrepancy").count(), withDisc);
    assert.ok(await page.locator("#outlet-filter option").count() > 2, "outlets in the filter");
    assert.ok(await page.locator("#more-stories").isHidden(), "no second page");
    assert.equal(await page.locator(".story-item.selected").count(), 1);
    await shot(page, "list");
    assert.deepEqual(errors, []);
    await ctx.close();
  });

  test("the outlet filter narrows the list", async () => {
    const ctx = await browser.newContext();
    const { page, errors } = await open(ctx, "#/", "#story-list .story-item");
    await page.waitForFunction(() => document.querySelectorAll("#outlet-filter option").length > 1);
    const outlet = await page.locator("#outlet-filter option").nth(1).getAttribute("value");
    const want = (await getJson(`/api/stories?limit=100&outlet=${encodeURIComponent(outlet)}`)).stories;
    await page.selectOption("#outlet-filter", outlet);
    await page.waitForFunction((n) => document.querySelectorAll("#story-list .story-item").length === n,
                               want.length, { timeout: WAIT_MS });
    assert.ok(want.length < stories.length);
    assert.deepEqual(errors, []);
    await ctx.close();
  });

  test("a story with a discrepancy: timeline, quotes, discrepancies, evidence", async () => {
    const st = rich, pick = rich;
    const ctx = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    const { page, errors } = await open(ctx, "#/", "#story-list .story-item");
    await page.locator(`.story-item[data-id="${pick.id}"] .story-title`).click();
    await page.waitForSelector("#story-title", { timeout: WAIT_MS });
    assert.equal(new URL(page.url()).hash, `#/story/${pick.id}`);
    assert.equal(await page.locator("#story-title").textContent(), st.title);
    assert.equal(await page.locator("#summary li").count(), st.summary.length);

    // timeline: one entry per event, in order, dated
    const events = page.locator("#timeline .timeline-event");
    assert.equal(await events.count(), st.timeline.length);
    assert.ok(st.timeline.length > 0);
    assert.deepEqual(await page.locator("#timeline time").allTextContents(), st.timeline.map((e) => e.date));
    assert.equal(await events.first().locator(".timeline-text").textContent(), st.timeline[0].text);

    // coverage: a row per outlet; articles: one item per original
    // (an article without an outlet is counted under its URL's host, or in
    // one "outlet not given" row, never under its file name)
    const outletOf = (a) => a.outlet ||
      ((/^https?:\/\/(?:www\.)?([^\/:?#]+)/i.exec(a.url || "") || [])[1] || "").toLowerCase() || "outlet not given";
    assert.equal(await page.locator("#coverage tbody tr").count(), new Set(
      st.articles.flatMap((a) => [a, ...(a.copies || [])]).map(outletOf)).size, "coverage rows");
    assert.deepEqual((await page.locator("#coverage tbody td:first-child").allTextContents()).sort(),
      [...new Set(st.articles.flatMap((a) => [a, ...(a.copies || [])]).map(outletOf))].sort(), "coverage outlets");
    assert.equal(await page.locator("#articles .article-item").count(), st.articles.length);

    // quotes: a group per quote; a quote with two differing variants has
    // its differing words marked
    assert.equal(await page.locator("#quotes .quote-group").count(), st.quotes.length);
    const qi = twoWordings(st);
    const group = page.locator("#quotes .quote-group").nth(qi);
    assert.equal(await group.locator(".quote-variant").count(), st.quotes[qi].variants.length);
    assert.ok(await group.locator("mark.diff").count() > 0, "differing words are marked");
    assert.equal(await group.locator(".speaker").textContent(), st.quotes[qi].speaker || "unknown speaker");

    // discrepancies: each with its variants side by side and their evidence
    const discs = page.locator("#discrepancies .discrepancy");
    assert.equal(await discs.count(), st.discrepancies.length);
    for (let i = 0; i < st.discrepancies.length; i++) {
      const d = st.discrepancies[i];
      const vs = discs.nth(i).locator(".variant");
      assert.equal(await vs.count(), d.variants.length);
      // a disagreement has two sides at least; an item only one outlet
      // reports ("uncorroborated") has one
      assert.ok(d.variants.length >= (d.kind === "uncorroborated" ? 1 : 2));
      for (let j = 0; j < d.variants.length; j++) {
        const v = d.variants[j];
        assert.equal(await vs.nth(j).locator(".variant-value").textContent(), v.value);
        const ev = vs.nth(j).locator(".evidence");
        assert.equal(await ev.count(), v.evidence.length);
        assert.ok((await ev.first().textContent()).includes(v.evidence[0].sentence));
      }
    }
    await shot(page, "story");

    // the first evidence link opens the article with the span marked
    const d0 = st.discrepancies[0].variants[0];
    const ev0 = d0.evidence[0];
    await discs.first().locator(".variant").first().locator(".evidence a.evidence-link").first().click();
    await page.waitForSelector("#evidence-mark", { timeout: WAIT_MS });
    const art = await getJson(`/api/articles/${ev0.article}`);
    const span = Buffer.from(art.text, "utf8").subarray(ev0.start, ev0.end).toString("utf8");
    assert.equal(await page.locator("#evidence-mark").textContent(), span);
    assert.equal(await page.locator("#article-title").textContent(), art.title);
    assert.ok(await page.locator("#evidence-mark").isVisible());
    await shot(page, "article");
    assert.deepEqual(errors, []);
    await ctx.close();
  });
});

describe("search and keys", { skip }, () => {
  test("search shows results with the matches highlighted", async () => {
    const ctx = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    const { page, errors } = await open(ctx, "#/", "#story-list .story-item");
    await page.fill("#search-input", "strike");
    await page.press("#search-input", "Enter");
    await page.waitForSelector("#search-results .result-item", { timeout: WAIT_MS });
    assert.equal(new URL(page.url()).hash, "#/search/strike");
    const want = (await getJson("/api/search?limit=50&q=strike")).results;
    assert.equal(await page.locator("#search-results .result-item").count(), want.length);
    const marks = await page.locator("#search-results .snippet mark").allTextContents();
    assert.ok(marks.length > 0, "matches are highlighted");
    for (const m of marks) assert.match(m, /strik/i);
    assert.ok(!(await page.locator("#search-results").textContent()).includes("\u00ab"),
              "the API's match marks are not shown as text");
    await shot(page, "search");
    // a result opens its article
    await page.locator("#search-results .result-item .nav-link").first().click();
    await page.waitForSelector("#article-text", { timeout: WAIT_MS });
    assert.equal(new URL(page.url()).hash, `#/article/${want[0].article_id}`);
    assert.deepEqual(errors, []);
    await ctx.close();
  });

  test("a malformed query shows the API's error", async () => {
    const ctx = await browser.newContext();
    const { page } = await open(ctx, "#/search/%28strike", "#error");
    assert.ok((await page.locator("#error").textContent()).length > 0);
    await ctx.close();
  });

  test("keys: j and k move, Enter opens, Esc goes back, / searches", async () => {
    const ctx = await browser.newContext();
    const { page, errors } = await open(ctx, "#/", "#story-list .story-item.selected");
    const selected = () => page.locator(".nav-item.selected").getAttribute("data-id");
    const ids = stories.map((s) => String(s.id));
    assert.equal(await selected(), ids[0]);
    await page.keyboard.press("j");
    assert.equal(await selected(), ids[1]);
    await page.keyboard.press("j");
    await page.keyboard.press("j");
    assert.equal(await selected(), ids[3]);
    await page.keyboard.press("k");
    assert.equal(await selected(), ids[2]);
    await page.keyboard.press("k");
    await page.keyboard.press("k");
    await page.keyboard.press("k"); // stays on the first
    assert.equal(await selected(), ids[0]);
    await page.keyboard.press("j");
    await page.keyboard.press("Enter");
    await page.waitForSelector("#story-title", { timeout: WAIT_MS });
    assert.equal(new URL(page.url()).hash, `#/story/${ids[1]}`);
    // on the story page j moves through the articles
    assert.equal(await page.locator(".article-item.selected").count(), 1);
    await page.keyboard.press("j");
    assert.equal(await page.locator("#articles .article-item").nth(1).getAttribute("class")
      .then((c) => c.split(" ").includes("selected")), true);
    await page.keyboard.press("Escape");
    await page.waitForSelector("#story-list .story-item", { timeout: WAIT_MS });
    assert.equal(new URL(page.url()).hash, "#/");
    await page.keyboard.press("/");
    assert.equal(await page.evaluate(() => document.activeElement && document.activeElement.id), "search-input");
    // typing j in the search box types, it does not move
    await page.keyboard.type("jk");
    assert.equal(await page.inputValue("#search-input"), "jk");
    await page.keyboard.press("Escape");
    assert.notEqual(await page.evaluate(() => document.activeElement && document.activeElement.id), "search-input");
    assert.deepEqual(errors, []);
    await ctx.close();
  });
});

// every page of the archive: [name, hash, selector that shows it rendered]
function allPages() {
  const pages = [["list", "#/", "#story-list .story-item"]];
  for (const s of stories) pages.push([`story ${s.id}`, `#/story/${s.id}`, "#story-title"]);
  for (const a of hostile.articles) {
    pages.push([`hostile article ${a.id}`, `#/article/${a.id}`, "#article-text"]);
  }
  // an evidence span in the hostile story (whichever analysis found one)
  const ev = [...hostile.discrepancies.flatMap((d) => d.variants.flatMap((v) => v.evidence)),
              ...hostile.quotes.flatMap((q) => q.variants.flatMap((v) => v.evidence)),
              ...hostile.timeline.flatMap((t) => t.evidence)][0];
  assert.ok(ev, "the hostile story has evidence");
  pages.push(["hostile article with evidence", `#/article/${ev.article}?s=${ev.start}&e=${ev.end}`, "#evidence-mark"]);
  const corpusStory = stories.find((s) => s.id !== hostile.id);
  pages.push(["corpus article", `#/article/${corpusStory.articles[0].id}`, "#article-text"]);
  pages.push(["search script", "#/search/script", "#search-results .result-item"]);
  pages.push(["search velmora", "#/search/velmora", "#search-results .result-item"]);
  pages.push(["hostile query", "#/search/" + encodeURIComponent(`"><img src=x onerror="${PWNED}">`), "#error, .empty, #search-results"]);
  pages.push(["hostile outlet filter", "#/", "#story-list .story-item"]);
  return pages;
}

for (const bypassCSP of [false, true]) {
  describe(`every page, CSP ${bypassCSP ? "bypassed" : "on"}`, { skip }, () => {
    test("no console error, nothing injected, hostile text shown as text", async () => {
      const ctx = await browser.newContext({ bypassCSP, viewport: { width: 1200, height: 900 } });
      for (const [name, hash, ready] of allPages()) {
        const { page, errors } = await open(ctx, hash, ready);
        if (name === "hostile outlet filter") {
          const evil = hostile.outlets.find((o) => o.includes("<"));
          await page.waitForFunction(() => document.querySelectorAll("#outlet-filter option").length > 1);
          await page.selectOption("#outlet-filter", evil);
          await page.waitForFunction((id) => {
            const items = document.querySelectorAll("#story-list .story-item");
            return items.length === 1 && items[0].dataset.id === String(id);
          }, hostile.id, { timeout: WAIT_MS });
        }
        const bad = await page.evaluate(injectionReport);
        assert.deepEqual(bad, [], `${name}: injected`);
        if (name === "hostile query") {
          // the API answers 400 bad_query (an open phrase): chromium logs
          // the failed fetch; the page shows the message as text
          assert.ok(await page.locator("#error").isVisible(), "hostile query: #error shown");
          const rest = errors.filter((e) => !/status of 400/.test(e));
          assert.deepEqual(rest, [], `${name}: errors`);
        } else assert.deepEqual(errors, [], `${name}: errors`);
        assert.equal(await page.evaluate(() => typeof window.__pwned), "undefined", name);
        await page.close();
      }
      await ctx.close();
    });
  });
}

describe("the hostile story", { skip }, () => {
  test("its text is shown as text", async () => {
    const ctx = await browser.newContext({ bypassCSP: true, viewport: { width: 1200, height: 900 } });
    const { page, errors } = await open(ctx, `#/story/${hostile.id}`, "#story-title");
    assert.equal(await page.locator("#story-title").textContent(), hostile.title);
    assert.ok(hostile.title.includes("<script>"));
    const body = await page.locator("#view").textContent();
    for (const o of hostile.outlets) assert.ok(body.includes(o), `outlet ${o} shown`);
    assert.equal(await page.locator("#articles .article-item").count(), hostile.articles.length);
    await shot(page, "hostile-story");
    const art = hostile.articles.find((a) => a.title.includes("<script>"));
    await page.goto(`${BASE}/#/article/${art.id}`);
    await page.waitForSelector("#article-text", { timeout: WAIT_MS });
    const full = await getJson(`/api/articles/${art.id}`);
    assert.equal(await page.locator("#article-title").textContent(), full.title);
    const meta = await page.locator("#article").textContent();
    assert.ok(meta.includes(full.byline), "byline shown as text");
    assert.ok(meta.includes(full.outlet), "outlet shown as text");
    assert.equal(await page.locator("a.original-link").count(), 0, "no link for a javascript: URL");
    const text = await page.locator("#article-text").textContent();
    assert.ok(text.includes(`<script>${PWNED}</script>`));
    assert.ok(text.includes(`"><svg onload="${PWNED}">`));
    assert.equal(await page.evaluate(() => typeof window.__pwned), "undefined");
    await shot(page, "hostile-article");
    assert.deepEqual(errors, []);
    await ctx.close();
  });
});

describe("phone width", { skip }, () => {
  test("no horizontal scroll at 360 px", async () => {
    const ctx = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true,
                                           hasTouch: true });
    const pick = rich;
    const pages = [["phone-list", "#/", "#story-list .story-item"],
                   ["phone-story", `#/story/${pick.id}`, "#story-title"],
                   ["phone-hostile-story", `#/story/${hostile.id}`, "#story-title"],
                   ["phone-article", `#/article/${pick.articles[0].id}`, "#article-text"],
                   ["phone-search", "#/search/strike", "#search-results .result-item"]];
    for (const [name, hash, ready] of pages) {
      const { page, errors } = await open(ctx, hash, ready);
      const w = await page.evaluate(() => ({
        scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth,
        wide: [...document.querySelectorAll("#view *")]
          .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
          .slice(0, 5).map((e) => e.tagName + "." + e.className),
      }));
      await shot(page, name);
      assert.ok(w.scroll <= w.client, `${name}: scrollWidth ${w.scroll} > ${w.client} (${w.wide.join(", ")})`);
      assert.deepEqual(errors, [], name);
      await page.close();
    }
    await ctx.close();
  });
});
