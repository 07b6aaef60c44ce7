// Speed of the browser app, measured in the real app in Debian's Chromium against the
// real server; prints figures (run by `cargo xtask bench`). Not a test: nothing here fails
// on a slow machine.
import { chromium } from "@playwright/test";
import { mkdtempSync, rmSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { CHROMIUM_ARGS, startServer } from "./fixtures.js";

const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]; };
const fmt = (xs) => `n=${xs.length} median ${pct(xs, 50).toFixed(2)} ms, p95 ${pct(xs, 95).toFixed(2)} ms, max ${Math.max(...xs).toFixed(2)} ms`;

const server = await startServer();
const profile = mkdtempSync(path.join(tmpdir(), "onewindow-bench-"));
const context = await chromium.launchPersistentContext(profile, { executablePath: "/usr/bin/chromium", headless: true, args: CHROMIUM_ARGS });
try {
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(server.url + "/items/370000-SCJG-XK-001");
  await page.getByRole("button", { name: "开始网上预审" }).click();
  await page.waitForURL(/\/apply\//);
  for (let i = 0; i < 10; i++) {
    const h = page.locator("form.question h1");
    await h.waitFor();
    if ((await h.textContent()).includes("申请人信息")) break;
    const no = page.getByRole("radio", { name: "否", exact: true });
    await ((await no.count()) ? no : page.locator(".question input[type=radio]").first()).check();
    await page.getByRole("button", { name: "继续" }).click();
  }
  // 60 edits, each saved after the 300 ms debounce, with nothing else going on.
  const before = await page.evaluate(() => performance.getEntriesByName("onewindow:draft-save").length);
  for (let i = 0; i < 60; i++) {
    await page.getByLabel("姓名或单位名称").fill(`申请人${i}`);
    await page.waitForTimeout(360);
  }
  const typing = await page.evaluate((n) => performance.getEntriesByName("onewindow:draft-save").slice(n).map((e) => e.duration), before);
  console.log(`bench: draft save while typing ${fmt(typing)}`);
  await page.getByLabel("身份证号码或统一社会信用代码").fill("11010519491231002X");
  await page.getByLabel("手机号码").fill("13800138000");
  for (let i = 0; i < 30; i++) {
    await page.getByRole("button", { name: "继续" }).click();
    await page.getByRole("heading", { name: "需要准备的材料" }).waitFor();
    await page.getByRole("link", { name: "返回" }).click();
    await page.getByLabel("姓名或单位名称").waitFor();
  }
  const m = await page.evaluate(() => {
    const d = (n) => performance.getEntriesByName(n).map((e) => e.duration);
    return { save: d("onewindow:draft-save"), checklist: d("onewindow:checklist") };
  });
  console.log(`bench: draft save, all (including saves racing page changes) ${fmt(m.save)}`);
  console.log(`bench: checklist for the answers (core, in wasm) ${fmt(m.checklist)}  (one frame = 16.7 ms)`);
  const dist = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../../dist");
  let raw = 0, br = 0;
  for (const f of readdirSync(dist).filter((f) => /\.(wasm|js)$/.test(f) && f !== "sw.js")) {
    const bytes = readFileSync(path.join(dist, f));
    raw += bytes.length;
    br += zlib.brotliCompressSync(bytes, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  }
  console.log(`bench: bundle (wasm + js) ${raw} B raw, ${br} B brotli (budget 150 KB = 153600 B)`);
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
  await server.stop();
}
