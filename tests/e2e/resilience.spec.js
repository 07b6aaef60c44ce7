// What users of shared and flaky machines meet: the browser dies mid-form, two tabs are
// open on the same case.
import { chromium } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { test, expect, CHROMIUM_ARGS, startServer } from "./fixtures.js";

const launch = (profile) =>
  chromium.launchPersistentContext(profile, {
    executablePath: "/usr/bin/chromium", headless: true, args: CHROMIUM_ARGS, locale: "zh-CN",
  });

async function toApplicantPage(page, url) {
  await page.goto(url + "/items/370000-SCJG-XK-001");
  await page.getByRole("button", { name: "开始网上预审" }).click();
  await page.waitForURL(/\/apply\//);
  for (let i = 0; i < 10; i++) {
    const h = page.locator("form.question h1");
    await expect(h).toBeVisible();
    if ((await h.textContent()).includes("申请人信息")) return;
    const no = page.getByRole("radio", { name: "否", exact: true });
    await ((await no.count()) ? no : page.locator(".question input[type=radio]").first()).check();
    await page.getByRole("button", { name: "继续" }).click();
  }
}

test("the browser process is killed after typing: the draft is back after a restart", async () => {
  const server = await startServer();
  const profile = mkdtempSync(path.join(tmpdir(), "onewindow-kill-"));
  try {
    let context = await launch(profile);
    let page = context.pages()[0] ?? (await context.newPage());
    await toApplicantPage(page, server.url);
    const draftUrl = page.url();
    await page.getByLabel("姓名或单位名称").fill("王五");
    await page.waitForTimeout(600); // a crash may lose the last fraction of a second, no more
    // Kill every process of this browser profile, as a crash or a pulled plug would.
    try {
      execFileSync("pkill", ["-9", "-f", `user-data-dir=${profile}`]);
    } catch {
      // pkill exits 1 when nothing matched; the browser is gone either way.
    }
    await context.close().catch(() => {});
    context = await launch(profile);
    page = context.pages()[0] ?? (await context.newPage());
    await page.goto(draftUrl);
    await expect(page.getByLabel("姓名或单位名称")).toHaveValue("王五");
    await page.goto(server.url + "/");
    await expect(page.locator(".draft")).toContainText("食品经营许可（新办）");
    await context.close();
  } finally {
    rmSync(profile, { recursive: true, force: true });
    await server.stop();
  }
});

test("two tabs send the same queued case at the same time: one case", async ({ context, server }) => {
  const a = context.pages()[0] ?? (await context.newPage());
  await toApplicantPage(a, server.url);
  await a.getByLabel("姓名或单位名称").fill("张三");
  await a.getByLabel("身份证号码或统一社会信用代码").fill("11010519491231002X");
  await a.getByLabel("手机号码").fill("13800138000");
  await a.getByRole("button", { name: "继续" }).click();
  await a.getByRole("link", { name: "继续" }).click();
  // Offline in both tabs while the case is queued.
  await context.route("**/api/cases", (route) => route.abort("internetdisconnected"));
  await a.getByRole("button", { name: "提交预审" }).click();
  await expect(a.getByText("正在等待发送")).toBeVisible();
  const b = await context.newPage();
  await b.goto(server.url + "/");
  await expect(b.locator(".outbox-badge")).toHaveText("待发送 1");
  // The network returns for both at once; both send.
  let posts = 0;
  await context.unroute("**/api/cases");
  await context.route("**/api/cases", (route) => { posts += 1; return route.continue(); });
  await Promise.all([a, b].map((p) => p.evaluate(() => window.dispatchEvent(new Event("online")))));
  await expect(a.locator(".receipt-value").first()).toHaveText("2026-000001");
  await expect(b.locator(".outbox-badge")).toHaveCount(0);
  expect(posts).toBeGreaterThanOrEqual(1);
  // Both tabs sent the case under the same Idempotency-Key: the first number, and the
  // server's view of it.
  const code = await a.locator(".receipt-value").nth(1).textContent();
  const view = await (await fetch(`${server.url}/api/cases/2026-000001?code=${code}`)).json();
  expect(view.state).toBe("pre_checked");
});
