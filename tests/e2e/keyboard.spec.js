// The whole pre-check with the keyboard alone: Tab, Space, Enter and arrow keys.
import { test, expect } from "./fixtures.js";

/** Presses Tab until the focused element matches `selector` (at most 40 times). */
async function tabTo(page, selector) {
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press("Tab");
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}

test("a pre-check can be completed with the keyboard alone", async ({ page, server }) => {
  await page.goto(server.url + "/items/370000-SCJG-XK-001");
  await expect(page.getByRole("button", { name: "开始网上预审" })).toBeVisible();
  await tabTo(page, "button.button-start");
  await page.keyboard.press("Enter");
  await page.waitForURL(/\/apply\//);
  for (let i = 0; i < 10; i++) {
    const h = page.locator("form.question h1");
    await expect(h).toBeVisible();
    if ((await h.textContent()).includes("申请人信息")) break;
    const before = page.url();
    const yesNo = (await page.getByRole("radio", { name: "否", exact: true }).count()) > 0;
    await tabTo(page, ".question input[type=radio]");
    if (yesNo) await page.keyboard.press("ArrowDown"); // from 是 to 否
    await page.keyboard.press("Space");
    await tabTo(page, "form.question button[type=submit]");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.url()).not.toBe(before);
  }
  await tabTo(page, "#applicant-name");
  await page.keyboard.type("张三");
  await page.keyboard.press("Tab");
  await page.keyboard.type("11010519491231002X");
  await page.keyboard.press("Tab");
  await page.keyboard.type("13800138000");
  await tabTo(page, "form.question button[type=submit]");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "需要准备的材料" })).toBeVisible();
  await tabTo(page, "a.button");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "核对您的信息" })).toBeVisible();
  await tabTo(page, "form button[type=submit]");
  await page.keyboard.press("Enter");
  await expect(page.locator(".receipt-value").first()).toHaveText(/^2026-\d{6}$/);
});
