// The assisted mode for elderly applicants and the self-service terminal that forgets.
import path from "node:path";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { test, expect, screenshotDir } from "./fixtures.js";

const shot = (page, name) => page.screenshot({ path: path.join(screenshotDir, name), fullPage: true });
const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

async function axeAAA(page, name) {
  await page.evaluate(axeSource);
  const r = await page.evaluate(() => window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag2aaa", "wcag21aa"] } }));
  const problems = r.violations.map((v) => `${name}: ${v.id}: ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(" | ")}`);
  expect(problems, problems.join("\n")).toEqual([]);
}

async function toQuestion(page, url) {
  await page.goto(url + "/items/370000-MZ-JF-004");
  await page.getByRole("button", { name: "开始网上预审" }).click();
  await page.waitForURL(/\/apply\//);
  await expect(page.locator("form.question h1")).toBeVisible();
}

test("a terminal is locked in the assisted mode: large type, AAA contrast, big targets", async ({ page, server }) => {
  await page.setViewportSize({ width: 1080, height: 1920 });
  await page.goto(server.url + "/?terminal=1");
  await expect(page.locator("html")).toHaveClass(/terminal/);
  await expect(page.locator("html")).toHaveClass(/assisted/);
  await expect(page.getByRole("button", { name: "大字模式" })).toHaveCount(0, { timeout: 1000 });
  const size = await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
  expect(size).toBeGreaterThanOrEqual(20);
  await shot(page, "assisted-home-1080x1920.png");
  await axeAAA(page, "assisted home");
  await toQuestion(page, server.url);
  const radio = page.locator(".choice").first();
  expect((await radio.boundingBox()).height).toBeGreaterThanOrEqual(48);
  expect((await page.getByRole("button", { name: "继续" }).boundingBox()).height).toBeGreaterThanOrEqual(48);
  await shot(page, "assisted-question-1080x1920.png");
  await axeAAA(page, "assisted question");
  // The even larger setting.
  await page.getByRole("button", { name: "更大字号" }).click();
  expect(await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize))).toBeGreaterThanOrEqual(26);
  await shot(page, "assisted-question-larger-1080x1920.png");
  // A reload keeps the terminal in the assisted mode.
  await page.goto(server.url + "/");
  await expect(page.locator("html")).toHaveClass(/terminal/);
});

test("the standard mode can switch to large type", async ({ page, server }) => {
  await page.goto(server.url + "/");
  await page.getByRole("button", { name: "大字模式" }).click();
  await expect(page.locator("html")).toHaveClass(/assisted/);
  expect(await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize))).toBeGreaterThanOrEqual(20);
});

test("a terminal left alone shows a countdown that a touch cancels, then forgets what was entered", async ({ page, server }) => {
  await page.goto(server.url + "/?terminal=1&idle=2&countdown=5");
  // The app has taken the setting (and remembered it) once <html> says so.
  await expect(page.locator("html")).toHaveClass(/terminal/);
  await toQuestion(page, server.url);
  await page.locator(".question input[type=radio]").first().check();
  const dialog = page.getByRole("alertdialog");
  await expect(dialog).toBeVisible({ timeout: 10_000 });
  await expect(dialog).toContainText("秒后将清除本机上填写的内容");
  await shot(page, "terminal-countdown.png");
  await page.mouse.click(5, 5); // any touch
  await expect(dialog).toHaveCount(0);
  // Left alone again: the session is cleared and the start page shown, without drafts.
  await expect(dialog).toBeVisible({ timeout: 10_000 });
  await page.waitForURL((u) => u.pathname === "/", { timeout: 15_000 });
  await expect(page.locator(".item-card").first()).toBeVisible();
  await expect(page.locator(".draft")).toHaveCount(0);
});
