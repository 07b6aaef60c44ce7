// Notices print on A4 as official documents: a specimen is previewed, printed to PDF by
// Chromium, and the PDF's text is read back.
import path from "node:path";
import { execFileSync } from "node:child_process";
import { test, expect, screenshotDir } from "./fixtures.js";

test("a notice specimen previews in two copies and prints to a two-page A4 PDF", async ({ page, server }) => {
  await page.goto(server.url + "/notices");
  await page.getByRole("link", { name: "受理通知书", exact: true }).click();
  const sheets = page.locator(".a4");
  await expect(sheets).toHaveCount(2);
  await expect(sheets.first().getByRole("heading", { level: 1, name: "受理通知书" })).toBeVisible();
  await expect(sheets.first()).toContainText("某政受字〔2026〕第000001号");
  await expect(sheets.first()).toContainText("第一联　申请人留存");
  await expect(sheets.nth(1)).toContainText("第二联　窗口存档");
  await expect(sheets.first().locator("svg.qr")).toBeVisible();
  await page.screenshot({ path: path.join(screenshotDir, "notice-preview.png"), fullPage: true });

  const pdf = path.join(screenshotDir, "acceptance-notice.pdf");
  await page.emulateMedia({ media: "print" });
  await page.pdf({ path: pdf, format: "A4", printBackground: true, preferCSSPageSize: true });
  const info = execFileSync("pdfinfo", [pdf]).toString();
  expect(info).toMatch(/Pages:\s+2\b/);
  expect(info).toMatch(/Page size:.*\(A4\)/);
  const text = execFileSync("pdftotext", ["-layout", pdf, "-"]).toString();
  expect(text).toContain("受理通知书");
  expect(text).toContain("某政受字〔2026〕第000001号");
  expect(text).toContain("第二联");
  expect(text).not.toContain("文书样张"); // the app's own header is not printed
});

test("a one-time notice lists every gap in a table", async ({ page, server }) => {
  await page.goto(server.url + "/notices/one_time_notice");
  const sheet = page.locator(".a4").first();
  await expect(sheet.getByRole("heading", { level: 1, name: "一次性告知通知书" })).toBeVisible();
  await expect(sheet.locator(".notice-table tbody tr")).toHaveCount(1);
  await expect(sheet).toContainText("除上述内容外，不再要求提交其他材料");
});
