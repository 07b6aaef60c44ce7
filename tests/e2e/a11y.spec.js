// Accessibility: axe-core on every page of the applicant flow and the notices, at
// desktop and phone widths. Any violation fails, with its rule and the elements.
import { test, expect, addClerk, checkPage } from "./fixtures.js";

for (const [label, viewport] of [["desktop", { width: 1280, height: 800 }], ["phone", { width: 390, height: 844 }]]) {
  test(`every page of the pre-check passes axe-core (${label})`, async ({ page, server }) => {
    await page.setViewportSize(viewport);
    await page.goto(server.url + "/");
    await expect(page.locator(".item-card").first()).toBeVisible();
    await checkPage(page, "home");
    await page.getByLabel("搜索事项").fill("spjy");
    await expect(page.locator(".search-results")).toBeVisible();
    await checkPage(page, "home with results");
    await page.goto(server.url + "/items/370000-SCJG-XK-001");
    await expect(page.getByRole("button", { name: "开始网上预审" })).toBeVisible();
    await checkPage(page, "guide");
    await page.getByRole("button", { name: "开始网上预审" }).click();
    await page.waitForURL(/\/apply\//);
    await expect(page.locator("form.question h1")).toBeVisible();
    await checkPage(page, "question");
    await page.getByRole("button", { name: "继续" }).click();
    await expect(page.locator(".error-summary")).toBeVisible();
    await checkPage(page, "question with error");
    for (let i = 0; i < 10; i++) {
      const h = page.locator("form.question h1");
      if ((await h.textContent()).includes("申请人信息")) break;
      const no = page.getByRole("radio", { name: "否", exact: true });
      await ((await no.count()) ? no : page.locator(".question input[type=radio]").first()).check();
      await page.getByRole("button", { name: "继续" }).click();
      await expect(page.locator("form.question h1")).toBeVisible();
    }
    await page.getByRole("button", { name: "继续" }).click();
    await expect(page.locator(".error-summary")).toBeVisible();
    await checkPage(page, "applicant with errors");
    await page.getByLabel("姓名或单位名称").fill("张三");
    await page.getByLabel("身份证号码或统一社会信用代码").fill("11010519491231002X");
    await page.getByLabel("手机号码").fill("13800138000");
    await page.getByRole("button", { name: "继续" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "需要准备的材料" })).toBeVisible();
    await checkPage(page, "checklist");
    await page.getByRole("link", { name: "继续" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "核对您的信息" })).toBeVisible();
    await checkPage(page, "review");
    await page.getByRole("button", { name: "提交预审" }).click();
    await expect(page.locator(".receipt-value").first()).toBeVisible();
    await checkPage(page, "done");
    await page.goto(server.url + "/notices");
    await checkPage(page, "notices");
    await page.goto(server.url + "/notices/one_time_notice");
    await expect(page.locator(".a4").first()).toBeVisible();
    await checkPage(page, "notice preview");
  });
}

for (const [label, viewport] of [["tablet landscape", { width: 1280, height: 800 }], ["tablet portrait", { width: 800, height: 1280 }]]) {
  test(`every page of the clerk's desk passes axe-core (${label})`, async ({ page, server }) => {
    test.setTimeout(180_000);
    await page.setViewportSize(viewport);
    await addClerk(server, "王敏", "desk password 1");
    await page.goto(server.url + "/desk");
    await expect(page.getByRole("heading", { level: 1, name: "窗口工作人员登录" })).toBeVisible();
    await checkPage(page, "desk login");
    await page.getByRole("button", { name: "登录" }).click();
    await expect(page.getByRole("alert")).toBeVisible();
    await checkPage(page, "desk login with error");
    await page.getByLabel("用户名").fill("王敏");
    await page.getByLabel("密码").fill("desk password 1");
    await page.getByRole("button", { name: "登录" }).click();
    await expect(page.getByText("没有符合条件的办件。")).toBeVisible();
    await checkPage(page, "workbench");
    const select = page.getByLabel("事项", { exact: true });
    await select.selectOption(await select.locator("option", { hasText: "食品经营许可（新办）" }).getAttribute("value"));
    await page.getByRole("button", { name: "开始收件" }).click();
    await page.waitForURL(/\/apply\//);
    for (let i = 0; i < 10; i++) {
      const h = page.locator("form.question h1");
      await expect(h).toBeVisible();
      if ((await h.textContent()).includes("申请人信息")) break;
      const no = page.getByRole("radio", { name: "否", exact: true });
      await ((await no.count()) ? no : page.locator(".question input[type=radio]").first()).check();
      await page.getByRole("button", { name: "继续" }).click();
    }
    await page.getByLabel("姓名或单位名称").fill("张三");
    await page.getByLabel("身份证号码或统一社会信用代码").fill("11010519491231002X");
    await page.getByLabel("手机号码").fill("13800138000");
    await page.getByRole("button", { name: "继续" }).click();
    const marks = page.locator("select[id^=mark-]");
    await expect(marks.first()).toBeVisible();
    await marks.first().selectOption("defective");
    await expect(page.getByLabel("材料问题")).toBeVisible();
    await checkPage(page, "desk checklist with a defective material");
    await page.getByRole("link", { name: "继续" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "核对您的信息" })).toBeVisible();
    await checkPage(page, "desk review");
    await page.getByRole("button", { name: "完成收件并提交" }).click();
    await page.getByRole("link", { name: "打开办件并打印通知书" }).click();
    await expect(page.locator(".case-state")).toHaveText("补正中");
    await checkPage(page, "desk case");
    await page.getByRole("button", { name: "收到补正材料", exact: true }).click();
    await checkPage(page, "desk case with a step form");
    await page.getByRole("button", { name: /显示并打印/ }).first().click();
    await expect(page.locator(".notice-pages .a4").first()).toBeVisible();
    await checkPage(page, "desk case with a notice");
    await page.getByRole("link", { name: "← 返回我的办件" }).click();
    await expect(page.locator("table.cases")).toBeVisible();
    await checkPage(page, "workbench with a case");
  });
}

test("every page of the pre-check passes axe-core at AAA on a terminal in the assisted mode (1080×1920)", async ({ page, server }) => {
  test.setTimeout(180_000);
  const aaa = (name) => checkPage(page, name, ["wcag2a", "wcag2aa", "wcag2aaa", "wcag21a", "wcag21aa", "best-practice"]);
  await page.setViewportSize({ width: 1080, height: 1920 });
  await page.goto(server.url + "/?terminal=1");
  await expect(page.locator("html")).toHaveClass(/assisted/);
  await expect(page.locator(".item-card").first()).toBeVisible();
  await aaa("assisted home");
  await page.getByLabel("搜索事项").fill("gl");
  await expect(page.locator(".search-results")).toBeVisible();
  await aaa("assisted home with results");
  await page.goto(server.url + "/items/370000-SCJG-XK-001");
  await page.getByRole("button", { name: "开始网上预审" }).click();
  await page.waitForURL(/\/apply\//);
  await expect(page.locator("form.question h1")).toBeVisible();
  await page.getByRole("button", { name: "继续", exact: true }).click();
  await expect(page.locator(".error-summary")).toBeVisible();
  await aaa("assisted question with error");
  for (let i = 0; i < 10; i++) {
    const h = page.locator("form.question h1");
    if ((await h.textContent()).includes("申请人信息")) break;
    const no = page.getByRole("radio", { name: "否", exact: true });
    await ((await no.count()) ? no : page.locator(".question input[type=radio]").first()).check();
    await page.getByRole("button", { name: "继续", exact: true }).click();
    await expect(page.locator("form.question h1")).toBeVisible();
  }
  await page.getByLabel("姓名或单位名称").fill("张三");
  await page.getByLabel("身份证号码或统一社会信用代码", { exact: true }).fill("11010519491231002X");
  await page.getByLabel("手机号码", { exact: true }).fill("13800138000");
  await page.getByRole("button", { name: "继续", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "需要准备的材料" })).toBeVisible();
  await page.getByRole("link", { name: "继续", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "核对您的信息" })).toBeVisible();
  await aaa("assisted review");
  await page.getByRole("button", { name: "提交预审" }).click();
  await expect(page.locator(".receipt-value").first()).toBeVisible();
  await aaa("assisted done");
  await page.goto(server.url + "/notices");
  await aaa("assisted notices");
  await page.goto(server.url + "/notices/acceptance");
  await expect(page.locator(".a4").first()).toBeVisible();
  await aaa("assisted notice preview");
});
