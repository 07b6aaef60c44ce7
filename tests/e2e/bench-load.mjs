// First load of the app at the demo size and at a county's size (1,500 generated items,
// `cargo xtask gen-catalog`), in Debian's Chromium with 4× CPU slowdown over loopback.
// Prints figures (run by `cargo xtask bench`); not a test: nothing here fails on a slow
// machine.
//   node bench-load.mjs [CATALOG_DIR …]
import { chromium } from "@playwright/test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import http from "node:http";
import { CHROMIUM_ARGS, startServer } from "./fixtures.js";

const LOADS = Number(process.env.BENCH_LOADS || 10);
const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]; };
const med = (xs) => pct(xs, 50).toFixed(1);

/** The body's size on the wire when the client accepts brotli. */
function wireSize(url) {
  return new Promise((resolve, reject) => {
    http.get(url, { headers: { "accept-encoding": "br" } }, (res) => {
      let n = 0;
      res.on("data", (d) => { n += d.length; });
      res.on("end", () => resolve({ bytes: n, encoding: res.headers["content-encoding"] || "identity" }));
    }).on("error", reject);
  });
}

async function browser() {
  const profile = mkdtempSync(path.join(tmpdir(), "onewindow-bench-load-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: "/usr/bin/chromium", headless: true, args: CHROMIUM_ARGS, locale: "zh-CN",
    viewport: { width: 1280, height: 800 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const cdp = await context.newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  await cdp.send("Network.enable");
  return { context, page, cdp, profile };
}

/** Navigation start → the first item card on screen, in ms. */
async function timeToList(page, url) {
  await page.goto(url, { waitUntil: "commit" });
  await page.locator(".item-list li a").first().waitFor({ timeout: 120_000 });
  return page.evaluate(() => performance.now());
}

async function measure(catalogDir) {
  const server = await startServer(catalogDir ? { catalog: catalogDir } : {});
  const cold = [], warm = [], click = [], open = [], typed = [];
  let heap = 0, items = 0;
  try {
    const catalog = await wireSize(server.url + "/api/catalog");
    const index = await wireSize(server.url + "/api/catalog/index");
    // Cold: a fresh profile each time, the cache disabled.
    for (let i = 0; i < LOADS; i++) {
      const b = await browser();
      try {
        await b.cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
        cold.push(await timeToList(b.page, server.url + "/"));
      } finally {
        await b.context.close();
        rmSync(b.profile, { recursive: true, force: true });
      }
    }
    // Warm: one profile, loaded once, then reloaded.
    const b = await browser();
    try {
      await timeToList(b.page, server.url + "/");
      await b.page.waitForTimeout(1500);
      for (let i = 0; i < LOADS; i++) warm.push(await timeToList(b.page, server.url + "/"));
      items = await b.page.locator(".item-list li a").count();
      // A theme click → the list changed in the DOM.
      const chips = b.page.locator(".themes .chip");
      const n = await chips.count();
      for (let i = 0; i < Math.min(LOADS * 2, 20); i++) {
        const index = 1 + (i % Math.max(1, n - 1));
        click.push(await b.page.evaluate((index) => new Promise((resolve) => {
          const list = document.querySelector(".catalog");
          const chip = document.querySelectorAll(".themes .chip")[index];
          const t0 = performance.now();
          const seen = new MutationObserver(() => { seen.disconnect(); resolve(performance.now() - t0); });
          seen.observe(list, { childList: true, subtree: true });
          chip.click();
          setTimeout(() => { seen.disconnect(); resolve(performance.now() - t0); }, 2000);
        }), index));
      }
      // Typing a search → the results changed in the DOM.
      const words = ["许可", "xk", "登记", "spjy", "备案", "医保", "证明", "dj", "养老", "交通"];
      for (let i = 0; i < Math.min(LOADS * 2, 20); i++) {
        typed.push(await b.page.evaluate((word) => new Promise((resolve) => {
          const input = document.querySelector("#search");
          const box = document.querySelector(".search");
          const t0 = performance.now();
          const seen = new MutationObserver(() => { seen.disconnect(); resolve(performance.now() - t0); });
          seen.observe(box, { childList: true, subtree: true, characterData: true });
          input.value = word;
          input.dispatchEvent(new Event("input", { bubbles: true }));
          setTimeout(() => { seen.disconnect(); resolve(performance.now() - t0); }, 2000);
        }), words[i % words.length] + (i >= words.length ? " " : "")));
      }
      // Opening an item's guide from the list (warm).
      for (let i = 0; i < Math.min(LOADS, 10); i++) {
        await timeToList(b.page, server.url + "/");
        const t = await b.page.evaluate(() => new Promise((resolve) => {
          const link = document.querySelectorAll(".item-list li a")[0];
          const t0 = performance.now();
          link.click();
          const wait = () => document.querySelector(".guide h1, main h1.guide-title, [data-guide]")
            ? resolve(performance.now() - t0) : requestAnimationFrame(wait);
          wait();
        }));
        open.push(t);
      }
      heap = await b.page.evaluate(() => (performance.memory ? performance.memory.usedJSHeapSize : 0));
    } finally {
      await b.context.close();
      rmSync(b.profile, { recursive: true, force: true });
    }
    return { catalog, index, cold, warm, click, typed, open, heap, items };
  } finally {
    await server.stop();
  }
}

const dirs = process.argv.slice(2);
const targets = [null, ...dirs];
console.log("bench-load: 4× CPU slowdown, loopback, medians of " + LOADS + " loads");
console.log("| catalogue | index on the wire (whole catalogue) | cold → list | warm → list | theme click → DOM | search typed → DOM | open guide | JS heap | cards drawn |");
console.log("|---|---|---|---|---|---|---|---|---|");
for (const dir of targets) {
  const r = await measure(dir);
  const name = dir ? path.basename(dir) : "demo";
  console.log(`| ${name} | ${r.index.bytes} B ${r.index.encoding} (${r.catalog.bytes} B) | ${med(r.cold)} ms | ${med(r.warm)} ms | ${med(r.click)} ms | ${med(r.typed)} ms | ${r.open.length ? med(r.open) + " ms" : "—"} | ${(r.heap / 1048576).toFixed(1)} MB | ${r.items} |`);
}
