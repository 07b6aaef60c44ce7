// The applicant follows a case: from the desk's receipt to the status page (state in plain
// words, what to supply, deadlines and their meaning, steps, notices), the same answer for
// a wrong code and a missing case, and the last status kept on the phone when the server
// cannot be reached. Screenshots at phone width.
import path from "node:path";
import { test, expect, screenshotDir, addClerk, checkPage } from "./fixtures.js";

const PASSWORD = "status password 1";

test("the applicant follows a desk case on the status page, online and off", async ({ page, server }) => {
  await addClerk(server, "王敏", PASSWORD);
  await page.goto(server.url + "/desk");
  await page.getByLabel("用户名").fill("王敏");
  await page.getByLabel("密码").fill(PASSWORD);
  await page.getByRole("button", { name: "登录" }).click();
  const select = page.getByLabel("事项", { exact: true });
  await select.selectOption(await select.locator("option", { hasText: "食品经营许可（新办）" }).getAttribute("value"));
  await page.getByRole("button", { name: "开始收件" }).click();
  await page.waitForURL(/\/apply\//);
  for (let i = 0; i < 20; i++) {
    const heading = page.locator("form.question h1");
    await expect(heading).toBeVisible();
    if ((await heading.textContent()).includes("申请人信息")) break;
    const no = page.getByRole("radio", { name: "否", exact: true });
    if (await no.count()) await no.check();
    else if (await page.locator("input[type=number]").count()) await page.locator("input[type=number]").fill("3");
    else await page.locator(".question input[type=radio]").first().check();
    await page.getByRole("button", { name: "继续" }).click();
  }
  await page.getByLabel("姓名或单位名称").fill("某某餐饮有限公司");
  await page.getByLabel("身份证号码或统一社会信用代码").fill("91350100M000100Y43");
  await page.getByLabel("手机号码").fill("13800138000");
  await page.getByRole("button", { name: "继续" }).click();
  // One paper missing: the applicant is told what to bring.
  const selects = page.locator("select[id^=mark-]");
  for (let i = 0; i < (await selects.count()); i++) {
    const s = selects.nth(i);
    const options = await s.locator("option").evaluateAll((os) => os.map((o) => o.value));
    await s.selectOption(i === 0 ? "missing" : options.includes("original") ? "original" : "satisfied");
  }
  await page.getByRole("link", { name: "继续" }).click();
  await page.getByRole("button", { name: "完成收件并提交" }).click();
  const number = (await page.locator(".receipt-value").first().textContent()).trim();
  const code = (await page.locator(".receipt-value").nth(1).textContent()).trim();

  // The applicant's phone opens the address on the receipt.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByRole("link", { name: /随时查询办理进度/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: `办件 ${number}` })).toBeVisible();
  await expect(page.locator(".q-state")).toHaveText("需要您补交或补正材料");
  await expect(page.locator(".to-supply li").first()).toBeVisible();
  await expect(page.getByRole("region", { name: "办理期限" })).toContainText("此日前未收到补正告知的");
  await expect(page.locator(".history")).toContainText("收件");
  await expect(page.locator(".history")).toContainText("要求补正");
  await expect(page.getByRole("region", { name: "通知书" })).toContainText("一次性告知通知书");
  // Personal data masked; nothing of the offices' work.
  await expect(page.locator("main")).not.toContainText("91350100M000100Y43");
  await expect(page.locator("main")).toContainText("913***********0Y43");
  await page.screenshot({ path: path.join(screenshotDir, "status-phone.png"), fullPage: true });
  await checkPage(page, "the status page");

  // The server out of reach: the last status seen, with when.
  await page.route("**/api/cases/**", (route) => route.abort());
  await page.reload();
  await expect(page.getByRole("status").filter({ hasText: "当前无法连接服务器" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: `办件 ${number}` })).toBeVisible();
  await page.screenshot({ path: path.join(screenshotDir, "status-phone-offline.png"), fullPage: true });
  await page.unroute("**/api/cases/**");

  // A wrong code and a missing case look the same.
  const answers = [];
  for (const url of [`/q/${number}?code=AAAAAAAA`, `/q/2026-999999?code=${code}`]) {
    await page.goto(server.url + url);
    const alert = page.getByRole("alert");
    await expect(alert).toBeVisible();
    answers.push(await alert.textContent());
  }
  expect(answers[0]).toContain("没有找到该办件");
  expect(answers[1]).toBe(answers[0]);
  const api = await Promise.all([`${number}?code=AAAAAAAA`, `2026-999999?code=${code}`].map(async (q) => {
    const r = await fetch(`${server.url}/api/cases/${q}`);
    return [r.status, (await r.text()).replace(/\d{4}-\d{6}/g, "N")];
  }));
  expect(api[0]).toEqual(api[1]);
  // And the form looks a case up.
  await page.getByLabel("办件编号").fill(number);
  await page.getByLabel("查询码").fill(code.toLowerCase());
  await page.getByRole("button", { name: "查询" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `办件 ${number}` })).toBeVisible();
  await checkPage(page, "the lookup form's answer");
});
