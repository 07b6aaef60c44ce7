// The guidance desk's consultation page: answer click → material list updated (the DOM
// change, seen by a MutationObserver) in Debian's Chromium with 4× CPU slowdown, on the
// demo food licence and on the generated item with the most questions of a county-size
// catalogue. Prints figures (run by `cargo xtask bench`); not a test.
//   node bench-consult.mjs [CATALOG_DIR]
import { chromium } from "@playwright/test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { CHROMIUM_ARGS, startServer, addClerk } from "./fixtures.js";

const CLICKS = Number(process.env.BENCH_CLICKS || 120);
const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]; };
const fmt = (xs) => `n=${xs.length} median ${pct(xs, 50).toFixed(2)} ms, p95 ${pct(xs, 95).toFixed(2)} ms, max ${Math.max(...xs).toFixed(2)} ms`;

async function measure(catalogDir) {
  const server = await startServer(catalogDir ? { catalog: catalogDir } : {});
  const profile = mkdtempSync(path.join(tmpdir(), "onewindow-bench-consult-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: "/usr/bin/chromium", headless: true, args: CHROMIUM_ARGS, locale: "zh-CN",
    viewport: { width: 1280, height: 800 },
  });
  try {
    // The item with the most questions (the demo: the food licence).
    let code = "370000-SCJG-XK-001";
    if (catalogDir) {
      const index = await (await fetch(server.url + "/api/catalog/index")).json();
      let most = -1;
      for (const s of index.items.slice(0, 200)) {
        const item = await (await fetch(`${server.url}/api/catalog/items/${encodeURIComponent(s.code)}`)).json();
        if (item.questions.length > most) { most = item.questions.length; code = s.code; }
      }
    }
    await addClerk(server, "导办员", "bench password 1");
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(server.url + "/desk");
    await page.getByLabel("用户名").fill("导办员");
    await page.getByLabel("密码").fill("bench password 1");
    await page.getByRole("button", { name: "登录" }).click();
    await page.getByRole("heading", { level: 1, name: "窗口工作台" }).waitFor();
    await page.goto(`${server.url}/desk/consult/${encodeURIComponent(code)}`);
    await page.locator(".consult-list").waitFor();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
    const times = await page.evaluate(async (clicks) => {
      const list = document.querySelector(".consult-list");
      const out = [];
      for (let i = 0; i < clicks; i++) {
        // An unchecked option of a random question on the page.
        const radios = [...document.querySelectorAll(".consult-q input[type=radio]:not(:checked)")];
        if (!radios.length) break;
        const r = radios[Math.floor(Math.random() * radios.length)];
        const changed = new Promise((resolve) => {
          const mo = new MutationObserver(() => { mo.disconnect(); resolve(performance.now()); });
          mo.observe(list, { childList: true, subtree: true, characterData: true });
          setTimeout(() => { mo.disconnect(); resolve(null); }, 1000);
        });
        const t0 = performance.now();
        r.click();
        const t1 = await changed;
        if (t1 !== null) out.push(t1 - t0);
        await new Promise((res) => setTimeout(res, 30));
      }
      return out;
    }, CLICKS);
    const questions = await page.locator(".consult-q").count();
    console.log(`bench: consultation ${catalogDir ? "county catalogue" : "demo"} item ${code} (${questions} questions shown), answer click → list updated (clicks that changed it), 4× CPU slowdown: ${fmt(times)} (target median ≤ 8 ms, p95 ≤ 16 ms)`);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
    await server.stop();
  }
}

await measure(null);
if (process.argv[2]) await measure(process.argv[2]);
