// 办不成事: a helper at a terminal reports what could not be done for an elderly person;
// the number and code lead to the status page; a supervisor follows it up on the
// workbench and closes it; the person reads the result on a phone. axe on each page, in
// the terminal's assisted mode and the standard one.
import path from "node:path";
import { test, expect, screenshotDir, addClerk, checkPage, anotherBrowser, deskLogin } from "./fixtures.js";

const PASSWORD = "complaint password 1";

test("a complaint filed at a terminal is followed up by a supervisor and its result read on a phone", async ({ page, server }) => {
  await addClerk(server, "李主任", PASSWORD, "supervisor");
  await addClerk(server, "王敏", PASSWORD);

  // The terminal, in the assisted mode it cannot leave.
  await page.setViewportSize({ width: 1080, height: 1920 });
  await page.goto(server.url + "/?terminal=1");
  await page.getByRole("link", { name: "办不成事反映" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "“办不成事”反映" })).toBeVisible();
  await checkPage(page, "the complaint form at a terminal", ["wcag2a", "wcag2aa", "wcag2aaa", "wcag21a", "wcag21aa", "best-practice"]);
  // Sent half-filled: each missing field is named and nothing typed is lost.
  const item = page.getByLabel("想办理的事项");
  await item.selectOption(await item.locator("option", { hasText: "食品经营许可（新办）" }).getAttribute("value"));
  await page.getByLabel("遇到了什么问题").fill("窗口要求提供目录以外的房产证明，老人跑了两次没办成");
  await page.getByLabel("手机号码").fill("1380013800");
  await page.getByRole("button", { name: "提交反映" }).click();
  const summary = page.locator(".error-summary");
  await expect(summary).toContainText("请写明在哪里办理");
  await expect(summary).toContainText("请填写联系人姓名");
  await expect(summary).toContainText("手机号码");
  await expect(page.getByLabel("遇到了什么问题")).toHaveValue(/房产证明/);
  await expect(page.getByLabel("在哪里办理")).toHaveAttribute("aria-invalid", "true");
  await page.getByLabel("在哪里办理").fill("县政务服务中心综合窗口");
  await page.getByLabel("联系人姓名").fill("赵丽华");
  await page.getByLabel("手机号码").fill("13800138000");
  await page.getByRole("button", { name: "提交反映" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "已收到您的反映" })).toBeVisible();
  const facts = page.locator(".complaint-filed .big-number");
  const number = (await facts.nth(0).textContent()).trim();
  const code = (await facts.nth(1).textContent()).trim();
  expect(number).toMatch(/^BC\d{4}-\d{6}$/);
  expect(code).toMatch(/^[A-Z2-9]{8}$/);
  await checkPage(page, "the filed complaint at a terminal");
  await page.screenshot({ path: path.join(screenshotDir, "complaint-terminal-filed.png") });

  // The person's phone, with the number and code written down: the complaint is open.
  const phone = await anotherBrowser();
  const p = phone.page;
  await p.setViewportSize({ width: 390, height: 844 });
  await p.goto(server.url + "/q");
  await p.getByLabel("办件编号").fill(number);
  await p.getByLabel("查询码").fill(code.toLowerCase());
  await p.getByRole("button", { name: "查询" }).click();
  await expect(p.getByRole("heading", { level: 1, name: `办不成事反映 ${number}` })).toBeVisible();
  await expect(p.locator(".state-words")).toHaveText("正在核实处理");
  await expect(p.locator(".complaint-facts")).toContainText("赵**");
  await expect(p.locator(".complaint-facts")).toContainText("138****8000");
  await expect(p.locator(".complaint-facts")).not.toContainText("13800138000");
  await checkPage(p, "an open complaint on the status page");
  // A wrong code looks exactly like a missing complaint.
  await p.goto(`${server.url}/q/${number}?code=AAAAAAAA`);
  const wrong = await p.getByRole("alert").textContent();
  await p.goto(`${server.url}/q/BC2026-999999?code=AAAAAAAA`);
  await expect(p.getByRole("alert")).toHaveText(wrong);

  // A clerk's workbench has no complaints; the supervisor's has it, overdue or not.
  await deskLogin(page, server, "王敏", PASSWORD);
  await expect(page.getByRole("region", { name: "办不成事反映", exact: true })).toHaveCount(0);
  const centre = await anotherBrowser();
  const c = centre.page;
  await deskLogin(c, server, "李主任", PASSWORD);
  const panel = c.getByRole("region", { name: "办不成事反映", exact: true });
  const row = panel.locator("li", { hasText: number });
  await expect(row).toContainText("自助终端");
  await expect(row).toContainText("13800138000");
  await expect(row).toContainText("正常");
  await checkPage(c, "the supervisor's complaints panel");
  // Assigned to the clerk, who finds it on their workbench and logs a call.
  await row.getByLabel("指派处理人（工作人员用户名）").fill("王敏");
  await row.getByRole("button", { name: "指派", exact: true }).click();
  await expect(row).toContainText("处理人：王敏");
  await page.reload();
  const mine = page.getByRole("region", { name: "指派给我的办不成事反映" });
  await expect(mine.locator("li", { hasText: number })).toBeVisible();
  await mine.getByLabel("处理情况（记入处理记录）").fill("已电话联系反映人，约定上门办理");
  await mine.getByRole("button", { name: "记录处理情况" }).click();
  await expect(mine.locator(".complaint-log")).toContainText("王敏：已电话联系反映人");
  await checkPage(page, "the clerk's assigned complaints");
  await c.reload();
  await expect(row.locator(".complaint-log")).toContainText("约定上门办理");
  await row.getByRole("button", { name: "办结并答复" }).click();
  await expect(row.getByRole("alert").filter({ hasText: "请写明核实情况和处理结果" })).toBeVisible();
  await row.getByLabel("核实情况和处理结果（将告知反映人）").fill("经核实，房产证明不属于目录材料。已约谈窗口人员，并上门为老人办结。");
  await row.getByRole("button", { name: "办结并答复" }).click();
  await expect(panel).toContainText("没有待处理的反映");
  await panel.getByLabel("只看未办结的").uncheck();
  await expect(panel.locator("li", { hasText: number })).toContainText("已按期完成");
  await expect(panel.locator("li", { hasText: number })).toContainText("李主任");
  await centre.close();

  // The phone reads the result.
  await p.goto(`${server.url}/q/${number}?code=${code}`);
  await expect(p.locator(".state-words")).toHaveText("已核实处理并答复");
  await expect(p.getByRole("region", { name: "处理结果" })).toContainText("上门为老人办结");
  await checkPage(p, "a closed complaint on the status page");
  await p.screenshot({ path: path.join(screenshotDir, "complaint-phone-closed.png"), fullPage: true });
  await phone.close();
});
