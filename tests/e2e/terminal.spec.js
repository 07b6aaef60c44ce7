// The self-service terminal in assisted mode on a 1080×1920 portrait screen, measured:
// every visible control at least 64×64 px (an answer option by its whole-row tile), body
// text at least 24 px, the page's heading at least 32 px, line height at least 1.5, on
// every page of the terminal flow; axe at AAA; screenshots of each page.
import path from "node:path";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { test, expect, screenshotDir } from "./fixtures.js";

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const MIN_TARGET = 64, MIN_TEXT = 24, MIN_HEADING = 32, MIN_LINE = 1.5;
export const figures = [];

/** The smallest control and text on the page, and every element under the figures. */
async function measure(page) {
  return page.evaluate(() => {
    const shown = (el) => {
      const s = getComputedStyle(el);
      if (s.visibility === "hidden" || s.display === "none" || el.closest("[aria-hidden=true], .print-only")) return false;
      const r = el.getBoundingClientRect();
      // Off screen (a skip link until focused) or clipped to a pixel (screen-reader text).
      return r.width > 1 && r.height > 1 && r.right > 0 && r.bottom > 0 && r.left < innerWidth;
    };
    const name = (el) => `${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}${el.className && typeof el.className === "string" ? "." + el.className.split(" ").join(".") : ""} “${(el.textContent || el.value || "").trim().slice(0, 20)}”`;
    const controls = [...document.querySelectorAll("a[href], button, input:not([type=hidden]), select, textarea, [role=button], summary")].filter(shown);
    let target = Infinity; const small = [];
    for (const el of controls) {
      let r = el.getBoundingClientRect();
      if (el.matches("input[type=radio], input[type=checkbox]")) {
        const tile = el.closest(".choice");
        if (tile) r = tile.getBoundingClientRect();
      }
      const m = Math.min(r.width, r.height);
      target = Math.min(target, m);
      if (m < 64) small.push(`${name(el)} ${Math.round(r.width)}×${Math.round(r.height)}`);
    }
    const texts = [...document.querySelectorAll("body *")].filter((el) => shown(el) && [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim()));
    let text = Infinity, line = Infinity; const tiny = [];
    for (const el of texts) {
      const s = getComputedStyle(el);
      const size = parseFloat(s.fontSize);
      const lh = s.lineHeight === "normal" ? 1.2 : parseFloat(s.lineHeight) / size;
      text = Math.min(text, size);
      if (!el.closest("button, a, input, select, textarea, label")) line = Math.min(line, lh);
      if (size < 24) tiny.push(`${name(el)} ${size}px`);
    }
    const h1 = document.querySelector("h1");
    return {
      target: Math.round(target), text, line: Math.round(line * 100) / 100,
      heading: h1 ? parseFloat(getComputedStyle(h1).fontSize) : 0,
      small: small.slice(0, 8), tiny: tiny.slice(0, 8), controls: controls.length,
    };
  });
}

async function check(page, name) {
  const m = await measure(page);
  figures.push(`${name}: smallest control ${m.target} px (${m.controls} controls), smallest text ${m.text} px, heading ${m.heading} px, line height ≥ ${m.line}`);
  console.log(figures[figures.length - 1]);
  expect(m.small, `${name}: controls under ${MIN_TARGET} px`).toEqual([]);
  expect(m.tiny, `${name}: text under ${MIN_TEXT} px`).toEqual([]);
  expect(m.heading, `${name}: heading`).toBeGreaterThanOrEqual(MIN_HEADING);
  expect(m.line, `${name}: line height`).toBeGreaterThanOrEqual(MIN_LINE);
  await page.evaluate(axeSource);
  const r = await page.evaluate(() => window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag2aaa", "wcag21aa"] } }));
  const problems = r.violations.map((v) => `${name}: ${v.id}: ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(" | ")}`);
  expect(problems, problems.join("\n")).toEqual([]);
  await page.screenshot({ path: path.join(screenshotDir, `terminal-${name}.png`), fullPage: false });
}

test("every page of the terminal flow meets the elder-friendly figures at 1080×1920", async ({ page, server }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1080, height: 1920 });
  await page.goto(server.url + "/?terminal=1");
  await expect(page.locator("html")).toHaveClass(/terminal/);
  await expect(page.locator(".item-card").first()).toBeVisible();
  await check(page, "1-start");
  await page.goto(server.url + "/items/370000-MZ-JF-004");
  await expect(page.getByRole("button", { name: "开始网上预审" })).toBeVisible();
  await check(page, "2-guide");
  await page.getByRole("button", { name: "开始网上预审" }).click();
  await page.waitForURL(/\/apply\//);
  let n = 0;
  for (let i = 0; i < 10; i++) {
    const h = page.locator("form.question h1");
    await expect(h).toBeVisible();
    const text = await h.textContent();
    if (text.includes("申请人信息")) break;
    if (i === 0) await check(page, "3-question");
    if (await page.locator("input[type=number]").count()) {
      await page.locator("input[type=number]").fill("82");
    } else {
      const no = page.getByRole("radio", { name: "否", exact: true });
      const yes = page.getByRole("radio", { name: "是", exact: true });
      await ((await yes.count()) ? yes : page.locator(".question input[type=radio]").first()).check();
      if (text.includes("委托他人")) await no.check();
    }
    await page.getByRole("button", { name: "继续", exact: true }).click();
    n++;
  }
  expect(n).toBeGreaterThan(0);
  await check(page, "4-applicant");
  await page.getByLabel("姓名或单位名称").fill("张大爷");
  await page.getByLabel("身份证号码或统一社会信用代码").fill("11010519491231002X");
  await page.getByLabel("手机号码", { exact: true }).fill("13800138000");
  await page.getByRole("button", { name: "继续", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "需要准备的材料" })).toBeVisible();
  await check(page, "5-checklist");
});
