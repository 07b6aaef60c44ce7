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
  expect((await page.getByRole("button", { name: "继续", exact: true }).boundingBox()).height).toBeGreaterThanOrEqual(48);
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

test("a helper acts for an elderly applicant at a terminal, hands the work to the desk, and the terminal forgets", async ({ page, server }) => {
  test.setTimeout(180_000);
  const { addClerk } = await import("./fixtures.js");
  await page.setViewportSize({ width: 1080, height: 1920 });
  await page.goto(server.url + "/?terminal=1");
  await expect(page.locator("html")).toHaveClass(/terminal/);
  await page.goto(server.url + "/items/370000-MZ-JF-004");
  await expect(page.getByRole("button", { name: "开始网上预审" })).toBeVisible();
  await axeAAA(page, "assisted guide");
  await page.getByRole("button", { name: "开始网上预审" }).click();
  await page.waitForURL(/\/apply\//);
  // Every question in plain words, one per screen; the helper says they act for the applicant.
  for (let i = 0; i < 10; i++) {
    const h = page.locator("form.question h1");
    await expect(h).toBeVisible();
    const text = await h.textContent();
    if (text.includes("申请人信息")) break;
    if (text.includes("委托他人")) {
      await page.getByRole("radio", { name: "是", exact: true }).check();
      await shot(page, "assisted-agent-question-1080x1920.png");
    } else if (await page.locator("input[type=number]").count()) {
      await page.locator("input[type=number]").fill("82");
    } else {
      const yes = page.getByRole("radio", { name: "是", exact: true });
      await ((await yes.count()) ? yes : page.locator(".question input[type=radio]").first()).check();
    }
    await page.getByRole("button", { name: "继续", exact: true }).click();
  }
  // The agent is named on the applicant page, checked like the applicant.
  await expect(page.getByRole("group", { name: "代办人信息" })).toBeVisible();
  await page.getByLabel("姓名或单位名称").fill("张大爷");
  await page.getByLabel("身份证号码或统一社会信用代码", { exact: true }).fill("11010519491231002X");
  await page.getByLabel("手机号码", { exact: true }).fill("13800138000");
  await page.getByLabel("代办人姓名").fill("李四");
  await page.getByLabel("代办人身份证号码", { exact: true }).fill("123");
  await page.getByLabel("代办人手机号码", { exact: true }).fill("13900139000");
  await page.getByRole("button", { name: "继续", exact: true }).click();
  await expect(page.locator(".error-summary")).toContainText("身份证号码");
  await axeAAA(page, "assisted applicant with an agent and an error");
  await shot(page, "assisted-applicant-agent-1080x1920.png");
  await page.getByLabel("代办人身份证号码", { exact: true }).fill("110105194912310029".slice(0, 17) + "X");
  await page.getByRole("button", { name: "继续", exact: true }).click();
  // The rules put the agent's papers on the list.
  await expect(page.getByRole("heading", { level: 1, name: "需要准备的材料" })).toBeVisible();
  // (The first choice of "代办人是老人的什么人" is the spouse, so the relationship is proved.)
  await expect(page.locator(".material-list")).toContainText("代办人居民身份证");
  await expect(page.locator(".material-list")).toContainText("代办人与老人的亲属关系证明");
  await axeAAA(page, "assisted checklist");
  await shot(page, "assisted-checklist-agent-1080x1920.png");

  // Not finished here: hand it to the desk.
  await page.getByRole("button", { name: "交给窗口继续办理" }).click();
  const number = page.locator(".handover-number");
  await expect(number).toHaveText(/^J2026-\d{6}$/);
  const handed = await number.textContent();
  await axeAAA(page, "assisted hand-over receipt");
  await shot(page, "assisted-handover-1080x1920.png");
  await page.getByRole("button", { name: "清除本机填写内容" }).click();
  await page.waitForURL(server.url + "/");
  const left = await page.evaluate(async () => {
    const db = await new Promise((ok, err) => { const r = indexedDB.open("onewindow"); r.onsuccess = () => ok(r.result); r.onerror = err; });
    return await new Promise((ok, err) => { const r = db.transaction("drafts").objectStore("drafts").count(); r.onsuccess = () => ok(r.result); r.onerror = err; });
  });
  expect(left).toBe(0);

  // At the desk the clerk continues from the number: nothing is asked twice.
  await addClerk(server, "王敏", "desk password 1");
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(server.url + "/desk");
  await page.getByLabel("用户名").fill("王敏");
  await page.getByLabel("密码").fill("desk password 1");
  await page.getByRole("button", { name: "登录" }).click();
  await page.getByLabel("预审或交接编号").fill(handed);
  await page.getByRole("button", { name: "调取预审，继续收件" }).click();
  await expect(page.locator("form.question h1")).toContainText("申请人信息");
  await expect(page.getByLabel("代办人姓名")).toHaveValue("李四");
  await page.getByRole("button", { name: "继续", exact: true }).click();
  await expect(page.locator(".material-list")).toContainText("代办人居民身份证");
});
