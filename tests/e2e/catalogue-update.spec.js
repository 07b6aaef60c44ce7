// The catalogue on the device is shown at once and refreshed in the background: a newer
// catalogue arriving while a draft is open replaces the old one without touching the
// draft, and a damaged copy on the device is reported and replaced, never blocking or
// losing a draft.
import { test, expect, startFoodLicence } from "./fixtures.js";

const FOOD = "370000-SCJG-XK-001";

test("a newer catalogue arriving while a draft is open replaces the old one and keeps the answers", async ({ page, server }) => {
  await startFoodLicence(page, server);
  const first = page.locator("form.question h1");
  await expect(first).toBeVisible();
  const question = page.url();
  await page.locator(".question input[type=radio]").first().check();
  await page.getByRole("button", { name: "继续" }).click();
  await expect(page).not.toHaveURL(question);
  // From now on the server has a new edition of the item: a new version in the index,
  // and the new guide.
  await page.route("**/api/catalog/index", async (route) => {
    const index = await (await route.fetch()).json();
    index.items.find((i) => i.code === FOOD).version = "edition-2027";
    await route.fulfill({ status: 200, contentType: "application/json", body: JSON.stringify(index) });
  });
  await page.route(`**/api/catalog/items/${FOOD}`, async (route) => {
    const item = await (await route.fetch()).json();
    item.questions[0].text = "您申请的主体业态是什么？（2027年版）";
    await route.fulfill({ status: 200, contentType: "application/json", body: JSON.stringify(item) });
  });
  await page.goto(question);
  // The device's copy first, then the server's: the question is the new edition's …
  await expect(page.locator("form.question h1")).toContainText("2027年版");
  // … and the answer given before is still there.
  await expect(page.locator(".question input[type=radio]").first()).toBeChecked();
});

test("a newer guide that changes what this draft needs says what changed, once", async ({ page, server }) => {
  await startFoodLicence(page, server);
  await page.locator(".question input[type=radio]").first().check();
  await page.getByRole("button", { name: "继续" }).click();
  const question = page.url();
  await page.route("**/api/catalog/index", async (route) => {
    const index = await (await route.fetch()).json();
    index.items.find((i) => i.code === FOOD).version = "edition-2027";
    await route.fulfill({ status: 200, contentType: "application/json", body: JSON.stringify(index) });
  });
  await page.route(`**/api/catalog/items/${FOOD}`, async (route) => {
    const item = await (await route.fetch()).json();
    const paper = { ...item.materials[0], id: "fire_safety", name: "消防安全承诺书", when: null, copies: 1 };
    item.materials.push(paper);
    item.promised_days += 2;
    await route.fulfill({ status: 200, contentType: "application/json", body: JSON.stringify(item) });
  });
  await page.goto(question);
  const notice = page.locator(".guide-update");
  await expect(notice).toContainText("办事指南已更新");
  await expect(notice).toContainText("新增材料：消防安全承诺书（1 份）");
  await expect(notice).toContainText("承诺办理时限由");
  await notice.getByRole("button", { name: "已知悉，按新版指南继续" }).click();
  await expect(notice).toHaveCount(0);
  // Read once is enough: the draft now holds the new edition.
  await page.reload();
  await expect(page.locator("form.question h1")).toBeVisible();
  await expect(page.locator(".guide-update")).toHaveCount(0);
});

test("a damaged catalogue on the device is reported and replaced, and the drafts stay", async ({ page, server }) => {
  await startFoodLicence(page, server);
  await page.locator(".question input[type=radio]").first().check();
  await page.getByRole("button", { name: "继续" }).click();
  await page.goto(server.url + "/");
  await expect(page.locator(".item-list li a").first()).toBeVisible();
  await page.evaluate(() => new Promise((resolve, reject) => {
    const open = indexedDB.open("onewindow");
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const tx = open.result.transaction("catalog", "readwrite");
      tx.objectStore("catalog").put('{"schema_version":1,"saved_at":"2026-11-01T00:00:00Z","json":"{broken', "index");
      tx.oncomplete = () => { open.result.close(); resolve(); };
      tx.onerror = () => reject(tx.error);
    };
  }));
  await page.reload();
  await expect(page.locator(".banner-warning")).toContainText("已从服务器重新取得并保存");
  await expect(page.locator(".item-list li a").first()).toBeVisible();
  await expect(page.getByRole("heading", { name: "我的草稿" })).toBeVisible();
  await expect(page.locator("body")).toContainText("食品经营许可");
});
