// The self-service terminal in assisted mode on a 1080×1920 portrait screen, measured:
// every visible control at least 64×64 px (an answer option by its whole-row tile), body
// text at least 24 px, the page's heading at least 32 px, line height at least 1.5, on
// every page of the terminal flow; axe at AAA; screenshots of each page.
import path from "node:path";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { test, expect, screenshotDir, addClerk, anotherBrowser, deskLogin } from "./fixtures.js";

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
  // What the terminal says aloud, recorded instead of spoken.
  await page.addInitScript(() => {
    window.__spoken = [];
    if (window.speechSynthesis) window.speechSynthesis.speak = (u) => window.__spoken.push({ text: u.text, rate: u.rate });
  });
  await page.goto(server.url + "/?terminal=1&place=" + encodeURIComponent("一楼自助服务区2号机"));
  await expect(page.locator("html")).toHaveClass(/terminal/);
  await expect(page.locator(".item-card").first()).toBeVisible();
  await check(page, "1-start");
  await page.goto(server.url + "/items/370000-MZ-JF-004");
  await expect(page.getByRole("button", { name: "开始网上预审" })).toBeVisible();
  // 呼叫工作人员: the desk sees where, and what is on screen; one clerk goes.
  await page.getByRole("button", { name: "呼叫工作人员" }).click();
  await expect(page.locator(".call-staff-said")).toHaveText("已通知工作人员到一楼自助服务区2号机，请稍候。");
  await check(page, "2-guide");
  await addClerk(server, "王敏", "desk password 1");
  const desk = await anotherBrowser();
  await deskLogin(desk.page, server, "王敏", "desk password 1");
  const calls = desk.page.locator(".help-calls");
  await expect(calls).toContainText("一楼自助服务区2号机（正在看：高龄津贴申领）");
  await desk.page.getByRole("button", { name: "前往处理" }).click();
  await expect(desk.page.getByText("请前往一楼自助服务区2号机。")).toBeVisible();
  await expect(desk.page.getByText("目前没有求助。")).toBeVisible();
  await desk.close();
  // The helper switches automatic reading on, at a slow rate (中 → 快 → 慢).
  await page.getByRole("button", { name: "自动朗读" }).click();
  await expect(page.getByRole("button", { name: "自动朗读" })).toHaveAttribute("aria-pressed", "true");
  await page.getByRole("button", { name: /语速/ }).click();
  await page.getByRole("button", { name: /语速/ }).click();
  await expect(page.getByRole("button", { name: /语速/ })).toHaveText("语速：慢");
  await page.getByRole("button", { name: "开始网上预审" }).click();
  await page.waitForURL(/\/apply\//);
  // Each question is read on arrival, with its options, at the chosen rate.
  const first = (await page.locator("form.question h1").textContent()).trim();
  await expect.poll(() => page.evaluate(() => window.__spoken.map((s) => s.text).join("|"))).toContain(first);
  expect(await page.evaluate(() => window.__spoken[window.__spoken.length - 1].rate)).toBeCloseTo(0.7);
  let n = 0;
  for (let i = 0; i < 10; i++) {
    const h = page.locator("form.question h1");
    await expect(h).toBeVisible();
    const text = await h.textContent();
    if (text.includes("申请人信息")) break;
    if (i === 0) {
      await check(page, "3-question");
      // The main action is on screen, in the reach of a standing or seated person.
      const box = await page.getByRole("button", { name: "继续", exact: true }).boundingBox();
      expect(box.y + box.height).toBeLessThanOrEqual(1920 * 0.8);
    }
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
  // The name through the input method; the ID number and mobile on the keypad alone
  // (a wrong key taken back with 退格).
  await page.getByLabel("姓名或单位名称").fill("张大爷");
  const idPad = page.getByRole("group", { name: "身份证号码或统一社会信用代码的数字键盘" });
  for (const k of "110105194912310021") await idPad.getByRole("button", { name: k, exact: true }).click();
  await idPad.getByRole("button", { name: "退格，删除最后一位" }).click();
  await idPad.getByRole("button", { name: "X", exact: true }).click();
  await expect(page.getByLabel("身份证号码或统一社会信用代码", { exact: true })).toHaveValue("11010519491231002X");
  const mobilePad = page.getByRole("group", { name: "手机号码的数字键盘" });
  for (const k of "13800138000") await mobilePad.getByRole("button", { name: k, exact: true }).click();
  await expect(page.getByLabel("手机号码", { exact: true })).toHaveValue("13800138000");
  await page.getByRole("button", { name: "继续", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "需要准备的材料" })).toBeVisible();
  await check(page, "5-checklist");

  // Handed to the desk, and the 一次性告知单 printed on the kiosk's 80 mm receipt printer.
  await page.getByRole("button", { name: "交给窗口继续办理" }).click();
  const number = (await page.locator(".handover-number").textContent()).trim();
  expect(number).toMatch(/^J/);
  await check(page, "6-handed-over");
  await page.evaluate(() => document.documentElement.classList.add("print-slip"));
  await page.emulateMedia({ media: "print" });
  const slip = path.join(screenshotDir, "terminal-receipt-80mm.pdf");
  await page.pdf({ path: slip, printBackground: true, preferCSSPageSize: true });
  await page.evaluate(() => document.documentElement.classList.replace("print-slip", "print-sheet"));
  const sheet = path.join(screenshotDir, "terminal-notice-a4.pdf");
  await page.pdf({ path: sheet, printBackground: true, preferCSSPageSize: true });
  await page.emulateMedia({ media: "screen" });
  const { execFileSync } = await import("node:child_process");
  const info = execFileSync("pdfinfo", [slip]).toString();
  const width = Number(info.match(/Page size:\s+([\d.]+) x/)[1]);
  expect(Math.abs(width - 226.8)).toBeLessThan(2); // 80 mm
  expect(info).toMatch(/Pages:\s+1\n/);
  for (const pdf of [slip, sheet]) {
    const text = execFileSync("pdftotext", ["-layout", pdf, "-"]).toString().replace(/\s+/g, "");
    for (const want of ["一次性告知单", "高龄津贴申领", number, "高龄津贴申请审批表", "老人居民身份证"]) {
      expect(text, `${pdf}: ${want}`).toContain(want);
    }
    expect(text).not.toContain("继续");
  }
  expect(execFileSync("pdfinfo", [sheet]).toString()).toMatch(/Page size:\s+59[45](\.\d+)? x 841/);
});
