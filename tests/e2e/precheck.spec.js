// The applicant's online pre-check: search, one question per page, applicant details,
// checklist, check answers, submit; drafts that survive reloads; the outbox that sends a
// case exactly once whatever the network does.
import path from "node:path";
import { test, expect, screenshotDir, startFoodLicence } from "./fixtures.js";

const shot = (page, name) => page.screenshot({ path: path.join(screenshotDir, name), fullPage: true });

/** Answers every question page with its first choice (or 1 / a date) until the applicant page. */
async function answerAll(page, { screenshots = false } = {}) {
  for (let i = 0; i < 20; i++) {
    const heading = page.locator("form.question h1");
    await expect(heading).toBeVisible();
    if ((await heading.textContent()).includes("申请人信息")) return;
    if (screenshots && i === 0) await shot(page, "precheck-question.png");
    const radios = page.locator(".question input[type=radio]");
    if (await radios.count()) {
      // "否" for yes/no (no agent, no follow-ups), else the first choice.
      const no = page.getByRole("radio", { name: "否", exact: true });
      await ((await no.count()) ? no : radios.first()).check();
    } else if (await page.locator("input[type=number]").count()) {
      await page.locator("input[type=number]").fill("1");
    } else {
      await page.locator("input[type=date]").fill("2026-11-20");
    }
    await page.getByRole("button", { name: "继续" }).click();
  }
  throw new Error("never reached the applicant page");
}

async function fillApplicant(page) {
  await page.getByLabel("姓名或单位名称").fill("张三");
  await page.getByLabel("身份证号码或统一社会信用代码").fill("１１０１０５ 19491231002x");
  await page.getByLabel("手机号码").fill("138 0013 8000");
  await page.getByRole("button", { name: "继续" }).click();
}

test("an applicant pre-checks an item from search to a receipt number", async ({ page, server }) => {
  await startFoodLicence(page, server);
  await answerAll(page, { screenshots: true });
  // Wrong values are refused with the reason on the field.
  await page.getByLabel("姓名或单位名称").fill("张三");
  await page.getByLabel("身份证号码或统一社会信用代码").fill("11010519491231002");
  await page.getByLabel("手机号码").fill("12345");
  await page.getByRole("button", { name: "继续" }).click();
  await expect(page.getByRole("alert")).toContainText("身份证号码应为18位，当前为17位");
  await shot(page, "precheck-applicant-errors.png");
  await fillApplicant(page);
  await expect(page.getByRole("heading", { level: 1, name: "需要准备的材料" })).toBeVisible();
  await expect(page.locator(".material").first()).toContainText("食品经营许可申请书");
  await shot(page, "precheck-checklist.png");
  await page.getByRole("link", { name: "继续" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "核对您的信息" })).toBeVisible();
  await expect(page.locator(".likely")).toContainText("承诺办结日期");
  await shot(page, "precheck-review.png");
  await page.getByRole("button", { name: "提交预审" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "预审已提交" })).toBeVisible();
  const number = page.locator(".receipt-value").first();
  await expect(number).toHaveText(/^2026-\d{6}$/);
  const code = await page.locator(".receipt-value").nth(1).textContent();
  await shot(page, "precheck-done.png");
  const view = await (await fetch(`${server.url}/api/cases/${await number.textContent()}?code=${code}`)).json();
  expect(view.state).toBe("pre_checked");
  expect(view.applicant.id_masked).toBe("110***********002X");
});

test("half a form survives a reload", async ({ page, server }) => {
  await startFoodLicence(page, server);
  const first = page.locator(".question input[type=radio]").first();
  await first.check();
  await page.waitForTimeout(500); // the debounced save
  await page.reload();
  await expect(page.locator(".question input[type=radio]").first()).toBeChecked();
  await page.getByRole("button", { name: "继续" }).click();
  await answerAll(page);
  await page.getByLabel("姓名或单位名称").fill("李四");
  await page.reload();
  await expect(page.getByLabel("姓名或单位名称")).toHaveValue("李四");
  // The start page lists the draft to resume.
  await page.goto(server.url + "/");
  await expect(page.locator(".draft")).toContainText("食品经营许可（新办）");
  await page.setViewportSize({ width: 390, height: 844 });
  await shot(page, "home-phone.png");
});

/** Goes through a whole pre-check up to the review page. */
async function toReview(page, server) {
  await startFoodLicence(page, server);
  await answerAll(page);
  await fillApplicant(page);
  await page.getByRole("link", { name: "继续" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "核对您的信息" })).toBeVisible();
}

const receipt = (page) => page.locator(".receipt-value").first();

test("a pre-check submitted offline waits in the outbox and lands exactly once", async ({ page, server }) => {
  await toReview(page, server);
  await page.route("**/api/cases", (route) => route.abort("internetdisconnected"));
  await page.getByRole("button", { name: "提交预审" }).click();
  await expect(page.getByRole("status").filter({ hasText: "正在等待发送" })).toBeVisible();
  await expect(page.locator(".outbox-badge")).toHaveText("待发送 1");
  await expect(page.getByText("上次发送的问题：网络不可用")).toBeVisible();
  await shot(page, "precheck-queued.png");
  await page.unroute("**/api/cases");
  await page.evaluate(() => window.dispatchEvent(new Event("online")));
  await expect(receipt(page)).toHaveText("2026-000001");
  await expect(page.locator(".outbox-badge")).toHaveCount(0);
});

test("two server errors and then success: one case", async ({ page, server }) => {
  await toReview(page, server);
  let calls = 0;
  await page.route("**/api/cases", async (route) => {
    calls += 1;
    if (calls <= 2) return route.fulfill({ status: 500, contentType: "application/json", body: '{"error":"boom"}' });
    return route.continue();
  });
  await page.getByRole("button", { name: "提交预审" }).click();
  await expect(page.getByText("上次发送的问题：服务器暂时无法处理（500）")).toBeVisible();
  await page.evaluate(() => window.dispatchEvent(new Event("online")));
  await expect.poll(() => calls).toBe(2);
  await page.evaluate(() => window.dispatchEvent(new Event("online")));
  await expect(receipt(page)).toHaveText("2026-000001");
  expect(calls).toBe(3);
});

test("the answer is lost after the server stored the case: the retry does not make a second", async ({ page, server }) => {
  await toReview(page, server);
  let calls = 0;
  await page.route("**/api/cases", async (route) => {
    calls += 1;
    if (calls === 1) {
      await route.fetch(); // the server stores the case…
      return route.abort("connectionreset"); // …but the browser never hears back
    }
    return route.continue();
  });
  await page.getByRole("button", { name: "提交预审" }).click();
  await expect(page.getByText("上次发送的问题：网络不可用")).toBeVisible();
  await page.evaluate(() => window.dispatchEvent(new Event("online")));
  // A second case would be 2026-000002: the retry got the first one back.
  await expect(receipt(page)).toHaveText("2026-000001");
  expect(calls).toBe(2);
});

test("a bundle is pre-checked as one questionnaire: shared papers once, one case per item", async ({ page, server }) => {
  await page.goto(server.url + "/");
  await page.getByRole("button", { name: "一次预审全部事项 我要开餐馆" }).click();
  await page.waitForURL(/\/apply\//);
  await answerAll(page);
  await fillApplicant(page);
  await expect(page.getByRole("heading", { level: 1, name: "需要准备的材料" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: /共用材料/ })).toBeVisible();
  for (const name of ["个体工商户设立登记", "食品经营许可（新办）"]) {
    await expect(page.getByRole("heading", { level: 3, name })).toBeVisible();
  }
  await shot(page, "precheck-bundle-checklist.png");
  await page.getByRole("link", { name: "继续" }).click();
  await expect(page.locator(".likely h3")).toHaveCount(3);
  await page.getByRole("button", { name: "提交预审" }).click();
  const number = page.locator(".receipt-value").first();
  await expect(number).toHaveText(/^2026-\d{6}$/);
  const code = await page.locator(".receipt-value").nth(1).textContent();
  // Three cases, one per item, all under the one lookup code, all shown on the receipt.
  await expect(page.locator(".bundle-numbers")).toHaveText(/^2026-\d{6}、2026-\d{6}、2026-\d{6}$/);
  const first = Number((await number.textContent()).slice(5));
  for (let i = 0; i < 3; i++) {
    const n = `2026-${String(first + i).padStart(6, "0")}`;
    const view = await (await fetch(`${server.url}/api/cases/${n}?code=${code}`)).json();
    expect(view.state, n).toBe("pre_checked");
  }
});

for (const [label, viewport] of [["desktop", { width: 1280, height: 800 }], ["phone", { width: 390, height: 844 }]]) {
  test(`screenshots of every page of the pre-check (${label})`, async ({ page, server }) => {
    await page.setViewportSize(viewport);
    const snap = (name) => shot(page, `pages-${label}-${name}.png`);
    await page.goto(server.url + "/");
    await expect(page.locator(".item-card").first()).toBeVisible();
    await snap("1-home");
    await page.getByLabel("搜索事项").fill("spjy");
    await expect(page.locator(".search-results")).toBeVisible();
    await snap("2-search");
    await page.locator(".search-results").getByRole("link", { name: "食品经营许可（新办）" }).click();
    await expect(page.getByRole("button", { name: "开始网上预审" })).toBeVisible();
    await snap("3-guide");
    await page.getByRole("button", { name: "开始网上预审" }).click();
    await page.waitForURL(/\/apply\//);
    await expect(page.locator("form.question h1")).toBeVisible();
    await snap("4-question");
    await answerAll(page);
    await snap("5-applicant");
    await fillApplicant(page);
    await expect(page.getByRole("heading", { level: 1, name: "需要准备的材料" })).toBeVisible();
    await snap("6-checklist");
    await page.getByRole("link", { name: "继续" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "核对您的信息" })).toBeVisible();
    await snap("7-review");
    await page.getByRole("button", { name: "提交预审" }).click();
    await expect(page.locator(".receipt-value").first()).toBeVisible();
    await snap("8-receipt");
    await page.goto(server.url + "/");
    await expect(page.locator(".item-card").first()).toBeVisible();
    await snap("9-home-with-drafts");
    await page.goto(server.url + "/notices/acceptance");
    await expect(page.locator(".a4").first()).toBeVisible();
    await snap("10-notice");
  });
}
