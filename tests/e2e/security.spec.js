// Login security as a supervisor sees it: an account locked after five wrong passwords is
// listed and unlocked on 登录安全, and a clerk's session is ended from there. axe at 0.
import { test, expect, startServer, addClerk, checkPage, deskLogin, anotherBrowser } from "./fixtures.js";

const PASSWORD = "security password 1";

test("a supervisor unlocks a locked account and ends a session", async ({ page }) => {
  const server = await startServer();
  const other = await anotherBrowser();
  try {
    await addClerk(server, "王敏", PASSWORD);
    await addClerk(server, "李主任", PASSWORD, "supervisor");
    // Five wrong passwords lock the name; the right one is then refused too.
    await page.goto(server.url + "/desk");
    for (let i = 0; i < 5; i++) {
      await page.getByLabel("用户名").fill("王敏");
      await page.getByLabel("密码").fill(`wrong guess ${i}`);
      await page.getByRole("button", { name: "登录" }).click();
      // Each answer comes more slowly; the button is enabled again once it has.
      await expect(page.getByRole("button", { name: "登录" })).toBeEnabled({ timeout: 10_000 });
      await expect(page.getByRole("alert")).toContainText(/不正确|锁定/);
    }
    await page.getByLabel("用户名").fill("王敏");
    await page.getByLabel("密码").fill(PASSWORD);
    await page.getByRole("button", { name: "登录" }).click();
    await expect(page.getByRole("alert")).toContainText("临时锁定");

    // The supervisor sees the lock on 登录安全 and lifts it.
    await deskLogin(other.page, server, "李主任", PASSWORD);
    await other.page.getByRole("link", { name: "登录安全" }).click();
    await expect(other.page.getByRole("heading", { level: 1, name: "登录安全" })).toBeVisible();
    await expect(other.page.getByRole("region", { name: "被锁定的账户和设备" })).toContainText("账户“王敏”锁定至");
    await checkPage(other.page, "the security page");
    await other.page.getByRole("button", { name: "解除“王敏”的锁定" }).click();
    await expect(other.page.locator(".banner-success")).toContainText("已解除锁定");
    await expect(other.page.getByRole("region", { name: "被锁定的账户和设备" })).toContainText("目前没有被锁定");

    // The clerk logs in; the supervisor ends that session and the clerk is sent to log in.
    await page.getByLabel("用户名").fill("王敏");
    await page.getByLabel("密码").fill(PASSWORD);
    await page.getByRole("button", { name: "登录" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "窗口工作台" })).toBeVisible();
    await other.page.reload();
    await other.page.getByRole("button", { name: "结束会话（王敏）" }).click();
    await expect(other.page.locator(".banner-success")).toContainText("会话已结束");
    await page.reload();
    await expect(page.getByLabel("用户名")).toBeVisible();
  } finally {
    await other.close();
    await server.stop();
  }
});
