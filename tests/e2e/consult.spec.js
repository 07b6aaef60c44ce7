// The guidance desk on a tablet: every situation question of an item on one page, the
// list beside it updating with each answer (follow-ups in place, papers still to confirm
// while a question is open), the 一次性告知单 printed and the consultation counted; a
// question the desk cannot answer goes to the back office and the answer comes back.
import path from "node:path";
import { execFileSync } from "node:child_process";
import { test, expect, screenshotDir, addClerk, anotherBrowser, checkPage, deskLogin } from "./fixtures.js";

const PASSWORD = "desk password 1";

test("a consultation at the guidance desk, its printed list, and a question answered by the back office", async ({ page, server }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  await addClerk(server, "王敏", PASSWORD);
  await deskLogin(page, server, "王敏", PASSWORD);
  await page.getByLabel("事项", { exact: true }).selectOption({ label: "食品经营许可（新办）（市场监督管理局）" });
  await page.getByRole("button", { name: "在导办台咨询" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "导办咨询：食品经营许可（新办）" })).toBeVisible();

  const list = page.locator(".consult-list");
  // Nothing answered: the always-needed papers are listed, the agent's are to confirm.
  await expect(list.locator(".consult-materials li")).toHaveCount(6);
  await expect(list.locator(".to-confirm")).toContainText("授权委托书");
  await expect(list.locator(".to-confirm")).toContainText("取决于：是否委托他人代为办理？");

  // A follow-up appears in place; its paper joins the list, counted per machine.
  await page.getByRole("group", { name: "您申请的主体业态是什么？" }).getByLabel(/餐饮服务经营者/).check();
  await page.getByRole("group", { name: "是否利用自动设备（自动售货机等）从事食品经营？" }).getByLabel("是").check();
  await expect(page.getByLabel("共有几台自动设备？")).toBeVisible();
  await page.getByLabel("共有几台自动设备？").fill("3");
  await expect(list.locator(".consult-materials")).toContainText("自动设备的具体放置地点");
  await expect(list.locator(".consult-materials")).toContainText("原件3份");
  await page.getByRole("group", { name: "是否委托他人代为办理？" }).getByLabel("是").check();
  await expect(list.locator(".to-confirm")).toHaveCount(0);
  await expect(list.locator(".consult-materials li")).toHaveCount(9);
  await checkPage(page);
  await page.screenshot({ path: path.join(screenshotDir, "consult-tablet.png"), fullPage: true });

  // Printed: the 一次性告知单 with each paper, why, where and when (and counted once).
  await page.evaluate(() => { window.print = () => {}; });
  await page.getByRole("button", { name: "打印一次性告知单（计入咨询统计）" }).click();
  await expect(page.locator(".banner-success")).toContainText("本次咨询已计入统计");
  await page.emulateMedia({ media: "print" });
  const pdf = path.join(screenshotDir, "consult-one-time-notice.pdf");
  await page.pdf({ path: pdf, format: "A4", printBackground: true, preferCSSPageSize: true });
  await page.emulateMedia({ media: "screen" });
  const text = execFileSync("pdftotext", ["-layout", pdf, "-"]).toString();
  for (const line of ["一次性告知单", "食品经营许可（新办）", "自动设备的具体放置地点", "授权委托书", "县政务服务中心一楼企业开办综合窗口", "12345"]) {
    expect(text, line).toContain(line);
  }
  expect(text).not.toContain("发送给后台");

  // A question for the back office.
  await page.getByLabel("导办台无法答复的问题").fill("流动餐车能否申请食品经营许可？");
  await page.getByRole("button", { name: "发送给后台" }).click();
  await expect(page.locator(".banner-success").last()).toContainText("已发送给市场监督管理局");
  await expect(page.locator(".enquiries")).toContainText("等待答复");

  // The department's reviewer answers on its workbench.
  await addClerk(server, "张审批", PASSWORD, "reviewer", "市场监督管理局");
  const other = await anotherBrowser();
  await deskLogin(other.page, server, "张审批", PASSWORD);
  await expect(other.page.getByRole("heading", { level: 2, name: "导办台转来的问题" })).toBeVisible();
  await expect(other.page.locator(".enquiry")).toContainText("流动餐车能否申请食品经营许可？");
  await other.page.getByLabel("答复内容").fill("流动餐车按食品摊贩管理，向乡镇（街道）办理登记。");
  await other.page.getByRole("button", { name: "提交答复" }).click();
  await expect(other.page.getByText("答复已送回导办台。")).toBeVisible();
  await expect(other.page.getByText("没有待答复的问题。")).toBeVisible();
  await checkPage(other.page);
  await other.close();

  // The answer comes back to the desk.
  await page.getByRole("button", { name: "刷新答复" }).click();
  await expect(page.locator(".enquiries")).toContainText("张审批");
  await expect(page.locator(".enquiries")).toContainText("流动餐车按食品摊贩管理");
});

test("at the desk, papers are ticked before every question is answered, the open ones to confirm", async ({ page, server }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await addClerk(server, "王敏", PASSWORD);
  await deskLogin(page, server, "王敏", PASSWORD);
  const select = page.getByLabel("事项", { exact: true });
  await select.selectOption(await select.locator("option", { hasText: "食品经营许可（新办）" }).getAttribute("value"));
  await page.getByRole("button", { name: "开始收件" }).click();
  await page.waitForURL(/\/apply\//);
  // Only the first question answered, then straight to the papers.
  await page.getByRole("radio", { name: /餐饮服务经营者/ }).check();
  await page.getByRole("button", { name: "继续" }).click();
  await expect(page.locator("form.question h1")).toContainText("自动设备");
  await page.getByRole("link", { name: "先核对材料（其余问题稍后回答）" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "需要准备的材料" })).toBeVisible();
  await expect(page.locator(".banner-warning")).toContainText("还有问题未回答");
  await expect(page.locator(".banner-warning")).toContainText("是否委托他人代为办理？");
  await expect(page.locator(".to-confirm")).toContainText("授权委托书");
  await expect(page.locator(".to-confirm")).toContainText("自动设备的具体放置地点");
  // Ticking starts: the marks are kept while the questions are answered.
  const first = page.locator("select[id^=mark-]").first();
  await first.selectOption("original");
  await checkPage(page);
  await page.getByRole("link", { name: "继续" }).click();
  await expect(page.locator("form.question h1")).toContainText("自动设备");
  await page.getByRole("radio", { name: "否", exact: true }).check();
  await page.getByRole("button", { name: "继续" }).click();
  await page.getByRole("radio", { name: "否", exact: true }).check();
  await page.getByRole("button", { name: "继续" }).click();
  await expect(page.getByLabel("姓名或单位名称")).toBeVisible();
  await page.getByLabel("姓名或单位名称").fill("某某餐饮有限公司");
  await page.getByLabel("身份证号码或统一社会信用代码").fill("91350100M000100Y43");
  await page.getByLabel("手机号码").fill("13800138000");
  await page.getByRole("button", { name: "继续" }).click();
  await expect(page.locator(".banner-warning")).toHaveCount(0);
  await expect(page.locator(".to-confirm")).toHaveCount(0);
  await expect(page.locator("select[id^=mark-]").first()).toHaveValue("original");
});
