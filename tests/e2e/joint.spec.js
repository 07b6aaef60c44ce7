// A joint item (联办件) with three responsible departments: the window accepts it and
// prints the 审批流程表, hands each department its packet; tax agrees, housing disagrees
// with reasons, land says nothing. The lead cannot decide while land's day is still
// running; twenty days later land's silence counts as consent (超时默认), and the decision
// notice lists all three opinions. The drill runs on the server's case clock moved back
// (`--clock-offset-days`) so that its 30-working-day limit stays within the years whose
// holiday schedules the catalogue has; the browsers' clocks are set to the same day.
import path from "node:path";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { execFileSync } from "node:child_process";
import {
  test, expect, screenshotDir, addClerk, anotherBrowser, checkPage, startServer, deskLogin, recordStep, receiveAtDesk,
} from "./fixtures.js";

const PASSWORD = "joint password 1";
const ITEM = "不动产转移登记（存量房买卖）";
const DAY = 86_400_000;
const ACCEPTED = -60;
const LATER = -40;

/** Sets the page's clock to the server's case clock, `days` from today. */
const serverDay = (page, days) => page.clock.setFixedTime(new Date(Date.now() + days * DAY));
test.describe.configure({ timeout: 240_000 });

const login = (page, server, name) => deskLogin(page, server, name, PASSWORD);

/** A department's post at another desk, on the case's page. */
async function post(server, number, name, role, department) {
  await addClerk(server, name, PASSWORD, role, department);
  const other = await anotherBrowser();
  await serverDay(other.page, ACCEPTED);
  await login(other.page, server, name);
  await other.page.goto(`${server.url}/desk/cases/${number}`);
  await expect(other.page.locator(".case-state")).toBeVisible();
  return other;
}

const step = recordStep;

async function printNotice(page, title, file) {
  await page.getByRole("button", { name: `显示并打印 ${title}` }).click();
  await expect(page.locator(".notice-pages .a4").first()).toBeVisible();
  const pdf = path.join(screenshotDir, file);
  await page.emulateMedia({ media: "print" });
  await page.pdf({ path: pdf, format: "A4", printBackground: true, preferCSSPageSize: true });
  await page.emulateMedia({ media: "screen" });
  // In reading order: a table cell's lines stay together.
  return execFileSync("pdftotext", [pdf, "-"]).toString();
}

test("a joint item: schedule printed, packets handed over, one agrees, one disagrees, one defaults by timeout, the lead decides", async ({ page }) => {
  const dir = mkdtempSync(path.join(tmpdir(), "onewindow-joint-"));
  const db = path.join(dir, "joint.sqlite3");
  let server = await startServer({ db, args: ["--clock-offset-days", String(ACCEPTED)] });
  try {
    await serverDay(page, ACCEPTED);
    await addClerk(server, "王敏", PASSWORD);
    await login(page, server, "王敏");
    const { number } = await receiveAtDesk(
      page, ITEM, { name: "张三", id: "11010519491231002X", mobile: "13800138000" }, { count: "1" });
    await page.getByRole("link", { name: "打开办件并打印通知书" }).click();
    await expect(page.locator(".case-state")).toHaveText("已受理");

    // The schedule: lead, three departments, their steps, deadlines, packets and defaults.
    const schedule = await printNotice(page, "审批流程表", "joint-schedule.pdf");
    for (const text of ["不动产登记中心", "税务局", "存量房交易税费核定", "住房和城乡建设局", "网签备案合同核验",
      "自然资源局", "权籍调查成果核验", "超时默认", "某政联字〔2026〕第000001号"]) {
      expect(schedule, text).toContain(text);
    }
    // Each department's packet is one ledger line.
    await step(page, "材料移交", async () => {
      await page.getByRole("radio", { name: /^税务局：/ }).check();
      await page.getByLabel("份数", { exact: true }).fill("1");
      await page.getByLabel("接收人").fill("钱税务");
    });
    await expect(page.getByRole("region", { name: "材料流转台账" })).toContainText("联办分送材料");
    const panel = page.getByRole("region", { name: "联办件并联审查" });
    await expect(panel.locator(".joint-row")).toHaveCount(3);
    await expect(panel).toContainText("尚未出具意见");

    // Tax agrees; it may answer only for its own department.
    const tax = await post(server, number, "钱税务", "reviewer", "税务局");
    await tax.page.getByRole("button", { name: "出具部门意见", exact: true }).click();
    await expect(tax.page.getByRole("radio", { name: "住房和城乡建设局" })).toHaveCount(0);
    await tax.page.getByRole("radio", { name: "税务局", exact: true }).check();
    await tax.page.getByRole("radio", { name: "同意", exact: true }).check();
    await tax.page.getByRole("button", { name: "确认办理" }).click();
    await expect(tax.page.locator(".banner-success")).toBeVisible();
    await tax.close();
    // Housing disagrees, and must say why.
    const housing = await post(server, number, "周住建", "reviewer", "住房和城乡建设局");
    await housing.page.getByRole("button", { name: "出具部门意见", exact: true }).click();
    await housing.page.getByRole("radio", { name: "住房和城乡建设局" }).check();
    await housing.page.getByRole("radio", { name: "不同意", exact: true }).check();
    await housing.page.getByRole("button", { name: "确认办理" }).click();
    await expect(housing.page.getByRole("alert")).toContainText("不同意须逐行写明理由");
    await housing.page.getByLabel(/条件或理由/).fill("网签合同成交价格与备案价格不一致");
    await housing.page.getByRole("button", { name: "确认办理" }).click();
    await expect(housing.page.locator(".banner-success")).toBeVisible();
    await housing.close();
    // The lead cannot decide while land's day is running.
    const lead = await post(server, number, "孙主任", "lead", "不动产登记中心");
    await lead.page.getByRole("button", { name: "作出决定", exact: true }).click();
    await lead.page.getByRole("radio", { name: "准予许可" }).check();
    await lead.page.getByRole("button", { name: "确认办理" }).click();
    await expect(lead.page.getByRole("alert")).toContainText("自然资源局（权籍调查成果核验，期限");
    await lead.close();
  } finally {
    await server.stop();
  }

  // Twenty days on: land's silence is consent.
  server = await startServer({ db, args: ["--clock-offset-days", String(LATER)] });
  try {
    const lead = await anotherBrowser();
    const p = lead.page;
    await serverDay(p, LATER);
    await login(p, server, "孙主任");
    await p.getByRole("link", { name: /^\d{4}-\d{6}$/ }).first().click();
    const panel = p.getByRole("region", { name: "联办件并联审查" });
    await expect(panel).toContainText("同意");
    await expect(panel).toContainText("不同意：网签合同成交价格与备案价格不一致");
    await expect(panel).toContainText("超时默认");
    await expect(panel.locator(".joint-row.due-overdue")).toHaveCount(1);
    await expect(panel.locator(".joint-row.due-overdue")).toContainText("自然资源局");
    await p.screenshot({ path: path.join(screenshotDir, "joint-lead.png"), fullPage: true });
    await checkPage(p, "a joint case at the lead's desk");
    await step(p, "作出决定", () => p.getByRole("radio", { name: "准予许可" }).check());
    await expect(p.locator(".case-state")).toHaveText("已办结（准予）");
    await expect(p.locator(".history")).toContainText("默认同意");
    const completion = await printNotice(p, "办结通知书", "joint-completion.pdf");
    expect(completion).toContain("税务局");
    expect(completion).toContain("网签合同成交价格与备案价格不一致");
    expect(completion).toMatch(/自然资源局\s+权籍调查成果核验\s+超时默认/);
    expect(completion).toContain("同意");
    await lead.close();
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
