// The whole guide as a window and the guidance desk need it: places and hours, telephones,
// online channels and who may not use them, the procedure drawn as a flowchart with each
// step's limit, units and third-party issuers, retired materials, 未公布 where the guide
// publishes nothing — and the A4 办事指南 printed from it.
import path from "node:path";
import { execFileSync } from "node:child_process";
import { test, expect, screenshotDir, checkPage } from "./fixtures.js";

test("a guide shows everything it publishes, 未公布 for the rest, and prints as an A4 办事指南", async ({ page, server }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(server.url + "/");
  await page.locator(".item-card").getByRole("link", { name: /公共场所卫生许可/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "公共场所卫生许可（新办）" })).toBeVisible();
  // The procedure as a flowchart: five boxes in order, limits or 未公布.
  const flow = page.getByRole("list", { name: "办理流程图" });
  await expect(flow.locator(".flow-step")).toHaveCount(5);
  await expect(flow.locator(".flow-step").nth(1)).toContainText("受理");
  await expect(flow.locator(".flow-step").nth(1)).toContainText("当日");
  await expect(flow.locator(".flow-step").nth(2)).toContainText("未公布");
  // Places and hours, telephones: what is not published says so.
  await expect(page.getByRole("heading", { level: 2, name: "办理地点和时间" })).toBeVisible();
  await expect(page.locator("table.places")).toContainText("周一至周五");
  await expect(page.getByRole("heading", { level: 2, name: "咨询和监督" })).toBeVisible();
  await expect(page.locator("#contacts + dl")).toContainText("12345");
  await expect(page.locator("#contacts + dl")).toContainText("未公布");
  // A testing body's report names who issues it.
  await expect(page.getByRole("rowheader", { name: /公共场所卫生检测或者评价报告/ })).toContainText("出具单位：具备资质的检验检测机构");
  await expect(page.getByRole("cell", { name: "第三方机构出具" }).first()).toBeVisible();
  await checkPage(page);
  await page.screenshot({ path: path.join(screenshotDir, "guide-hygiene.png"), fullPage: true });

  // Printed: the A4 办事指南 with the flowchart, no buttons or navigation.
  await page.emulateMedia({ media: "print" });
  const pdf = path.join(screenshotDir, "guide-hygiene.pdf");
  await page.pdf({ path: pdf, format: "A4", printBackground: true, preferCSSPageSize: true });
  await page.emulateMedia({ media: "screen" });
  const text = execFileSync("pdftotext", ["-layout", pdf, "-"]).toString();
  for (const line of ["办事指南", "公共场所卫生许可（新办）", "办理流程", "审查（含现场审查）", "办理地点和时间", "申请材料清单", "出具单位：具备资质的", "设定依据"]) {
    expect(text, line).toContain(line);
  }
  expect(text).not.toContain("打印办事指南");
  expect(text).not.toContain("返回事项列表");
  const pages = execFileSync("pdfinfo", [pdf]).toString();
  expect(pages).toMatch(/Page size:\s+59[45](\.\d+)? x 841(\.\d+)? pts \(A4\)/);

  // A retired material is in the guide, under its own heading, and on no checklist; a
  // photo is counted in 张.
  await page.goto(server.url + "/items/370000-SCJG-DJ-002");
  await expect(page.getByRole("heading", { level: 2, name: "已取消的材料（无须提交）" })).toBeVisible();
  await expect(page.locator("#retired + ul")).toContainText("税务登记证：2016-12-01起因个体工商户营业执照和税务登记证“两证整合”不再收取");
  await expect(page.getByRole("rowheader", { name: /^税务登记证/ })).toHaveCount(0);
  await expect(page.getByRole("list", { name: "办理流程图" }).locator(".flow-step")).toHaveCount(3);
  await page.goto(server.url + "/items/370000-CL-QR-016");
  await expect(page.getByRole("row", { name: /近期二寸免冠白底彩色照片/ })).toContainText("2张");
  await page.screenshot({ path: path.join(screenshotDir, "guide-disability.png"), fullPage: true });
});
