// Run axe-core in Debian's Chromium over local HTML files; print, as JSON, the violations and
// what a screen reader of the page sees: the text size of the body, the smallest text size
// outside diagrams, and whether every link is underlined.
// Usage: node tests/checkers/axe.cjs FILE.html...   (offline: every non-file request is aborted)
const path = require("path");
const { chromium } = require("playwright-core");
const axeSource = require("fs").readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

(async () => {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  const context = await browser.newContext({ offline: true });
  await context.route("**/*", (route) =>
    route.request().url().startsWith("file:") ? route.continue() : route.abort());
  const results = {}, screen = {};
  for (const file of process.argv.slice(2)) {
    const page = await context.newPage();
    await page.goto("file://" + path.resolve(file));
    await page.addScriptTag({ content: axeSource });
    const outcome = await page.evaluate(() => axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa",
                                       "best-practice"] },
    }));
    screen[file] = await page.evaluate(() => {
      const texts = [...document.querySelectorAll("body *")].filter((e) => !e.closest("svg")
        && e.getClientRects().length && [...e.childNodes].some((n) => n.nodeType === 3
        && n.textContent.trim()));
      const size = (e) => parseFloat(getComputedStyle(e).fontSize);
      return {
        body: size(document.querySelector("main") || document.body),
        smallest: Math.min(...texts.map(size)),
        plainLinks: [...document.querySelectorAll("a[href]")].filter((a) => !a.closest("svg")
          && !getComputedStyle(a).textDecorationLine.includes("underline")).length,
      };
    });
    results[file] = outcome.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")),
    }));
    await page.close();
  }
  await browser.close();
  process.stdout.write(JSON.stringify({ violations: results, screen }, null, 2) + "\n");
})().catch((err) => { console.error(err); process.exit(2); });
