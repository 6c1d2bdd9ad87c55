// Run axe-core in Debian's Chromium over local HTML files; print the violations as JSON.
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
  const results = {};
  for (const file of process.argv.slice(2)) {
    const page = await context.newPage();
    await page.goto("file://" + path.resolve(file));
    await page.addScriptTag({ content: axeSource });
    const outcome = await page.evaluate(() => axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa",
                                       "best-practice"] },
    }));
    results[file] = outcome.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")),
    }));
    await page.close();
  }
  await browser.close();
  process.stdout.write(JSON.stringify(results, null, 2) + "\n");
})().catch((err) => { console.error(err); process.exit(2); });
