// The supervision area: a supervisor reads the centre's figures over generated cases (the
// same generator as the million-case benchmark), narrows them to a site and a period; a
// clerk is refused. axe at 0 violations; a screenshot of the dashboard.
import path from "node:path";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { execFileSync } from "node:child_process";
import { test, expect, screenshotDir, startServer, addClerk, checkPage, deskLogin, recordStep } from "./fixtures.js";

const PASSWORD = "supervision password 1";
const root = path.resolve(import.meta.dirname, "..", "..");

test("a supervisor reads the figures of a period and a site; a clerk cannot", async ({ page }) => {
  const dir = mkdtempSync(path.join(tmpdir(), "onewindow-sv-"));
  const db = path.join(dir, "sv.sqlite3");
  const bin = process.env.ONEWINDOW_BIN || path.join(root, "target", "release", "onewindow");
  execFileSync(bin, ["gen-cases", "3000", "--db", db, "--catalog", path.join(root, "catalog"), "--seed", "7"]);
  const server = await startServer({ db });
  try {
    await addClerk(server, "李主任", PASSWORD, "supervisor");
    await addClerk(server, "王敏", PASSWORD);
    await deskLogin(page, server, "李主任", PASSWORD);
    await page.getByRole("link", { name: "督查统计" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "督查统计" })).toBeVisible();
    // The generated cases span two years: this year's figures are all there.
    await page.getByRole("button", { name: "本年" }).click();
    const year = new Date().getFullYear();
    await expect(page.locator("main p.note").first()).toContainText(`${year}-01-01`);
    const summary = page.getByRole("region", { name: "概况" });
    await expect(summary).toBeVisible();
    const tile = (name) => summary.locator(".kpi", { hasText: name }).locator("dd");
    const received = Number(await tile("收件").first().textContent());
    expect(received).toBeGreaterThan(100);
    await expect(tile("一次办成率")).toHaveText(/%$/);
    await expect(tile("按时办结率")).toHaveText(/%$/);
    // The department table adds up to the summary.
    const byDept = page.getByRole("region", { name: "各部门收件和受理" });
    const counts = await byDept.locator("tbody tr td:nth-child(2)").allTextContents();
    expect(counts.map(Number).reduce((a, b) => a + b, 0)).toBe(received);
    await expect(page.getByRole("region", { name: "在办件剩余时限（今日）" }).locator("table")).toBeVisible();
    await expect(page.getByRole("region", { name: "好差评" }).locator("table").first()).toContainText("办结环节");
    await expect(page.getByRole("region", { name: "窗口人员工作量" })).toContainText("王敏");
    await expect(page.locator("svg.chart").first()).toBeVisible();
    await checkPage(page, "the supervision dashboard");
    await page.screenshot({ path: path.join(screenshotDir, "supervision-dashboard.png"), fullPage: true });
    await page.screenshot({ path: path.join(screenshotDir, "supervision-top.png") });
    await page.setViewportSize({ width: 1024, height: 1366 });
    await page.getByRole("region", { name: "在办件剩余时限（今日）" }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(screenshotDir, "supervision-tablet.png") });
    await page.setViewportSize({ width: 1280, height: 800 });

    // The earliest 差评 awaiting its follow-up is assigned from its case page, with what was
    // done; the dashboard then names who works on it.
    const followUps = page.getByRole("region", { name: "待整改的差评" });
    const first = followUps.locator("tbody tr").first();
    await expect(first).toContainText("未指派");
    const number = (await first.locator("th a").textContent()).trim();
    await first.locator("th a").click();
    await recordStep(page, "差评整改：指派或记录处理情况", async () => {
      await page.getByLabel("已做的核实或整改工作（内部记录）").fill("已调取窗口录像核实等候情况");
      await page.getByLabel("指派给（账号名，可不填）").fill("李主任");
    });
    await expect(page.locator(".history")).toContainText("已调取窗口录像核实等候情况");
    await page.goBack();
    const row = page.getByRole("region", { name: "待整改的差评" }).locator("tbody tr", { hasText: number });
    await expect(row).toContainText("李主任");

    // One site: fewer cases; the address keeps the choice.
    await page.getByLabel("办理地点").selectOption("东湖镇便民服务中心");
    await page.getByRole("button", { name: "统计", exact: true }).click();
    await expect(page).toHaveURL(/site=/);
    await expect.poll(async () => Number(await tile("收件").first().textContent())).toBeLessThan(received);
    await page.reload();
    await expect(page.getByLabel("办理地点")).toHaveValue("东湖镇便民服务中心");

    // Last week's ledger as CSV (the browser saves it), and a too-short reason is named.
    const reports = page.getByRole("region", { name: "报表" });
    await reports.getByLabel("导出完整个人信息的事由（选填）").fill("查");
    await reports.getByRole("button", { name: "导出台账（CSV）" }).click();
    await expect(reports.getByRole("alert")).toContainText("至少4个字");
    await reports.getByLabel("导出完整个人信息的事由（选填）").fill("");
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      reports.getByRole("button", { name: "导出台账（CSV）" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^办结台账_.*\.csv$/);
    const csv = readFileSync(await download.path(), "utf8");
    expect(csv.replace(/^\uFEFF/, "").split("\r\n")[0]).toBe(
      "序号,办件编号,事项名称,承办部门,申请人,证件号码,联系电话,收件日期,受理日期,办结日期,办理结果,承诺期限,是否按时办结,出件日期,首办负责人,办理地点");
    expect(csv.split("\r\n").length).toBeGreaterThan(3);
    const [xlsx] = await Promise.all([
      page.waitForEvent("download"),
      reports.getByRole("button", { name: "导出台账（Excel）" }).click(),
    ]);
    expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);

    // The audit log shows the exports just made, filtered; and exports itself.
    await page.getByRole("link", { name: "审计日志" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "审计日志" })).toBeVisible();
    await page.getByLabel("操作类别").selectOption("report");
    await page.getByLabel("操作人").fill("李主任");
    await page.getByRole("button", { name: "筛选" }).click();
    await expect(page).toHaveURL(/action=report/);
    await expect(page.locator("table.audit-log tbody tr")).toHaveCount(2);
    await expect(page.locator("table.audit-log")).toContainText("report.ledger");
    await checkPage(page, "the audit log");
    const [auditCsv] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "导出CSV" }).click(),
    ]);
    const auditText = readFileSync(await auditCsv.path(), "utf8");
    expect(auditText.replace(/^\uFEFF/, "").split("\r\n")[0]).toBe("时间,操作人,操作,对象,来源地址,是否成功,说明");
    expect(auditText).toContain("report.ledger");
    await page.goBack();
    await page.goBack();

    // A period the wrong way round is named.
    await page.getByLabel("起始日期", { exact: true }).fill("2026-12-31");
    await page.getByLabel("截止日期", { exact: true }).fill("2026-01-01");
    await page.getByRole("button", { name: "统计", exact: true }).click();
    await expect(page.getByRole("alert")).toContainText("统计期间须从早到晚");

    // A clerk is told it is for supervisors.
    await page.getByRole("button", { name: "退出登录" }).click();
    await expect(page.getByLabel("用户名")).toBeVisible();
    await deskLogin(page, server, "王敏", PASSWORD);
    await page.goto(server.url + "/desk/supervision");
    await expect(page.getByRole("alert")).toContainText("只对中心管理人员开放");
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
