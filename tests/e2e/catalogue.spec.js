// The walking skeleton's thread: the server serves the app and the catalogue, the app
// lists the items and caches the catalogue, and a reload with the server gone still
// shows it (app shell from the service worker, catalogue from IndexedDB).
import path from "node:path";
import { test, expect, screenshotDir } from "./fixtures.js";

test("the catalogue is listed, and still listed after a reload with the server stopped", async ({ page, server }) => {
  const catalog = await (await fetch(server.url + "/api/catalog")).json();
  const items = catalog.items.length;
  const food = catalog.items.find((i) => i.name === "食品经营许可（新办）");
  await page.goto(server.url + "/");
  await expect(page.getByRole("heading", { level: 1, name: "办事事项" })).toBeVisible();
  const cards = page.locator(".item-card");
  await expect(cards).toHaveCount(items);
  expect(items).toBeGreaterThanOrEqual(15);
  await expect(page.locator(".item-card").getByRole("link", { name: /食品经营许可（新办）/ })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: /市场监督管理局/ })).toBeVisible();
  // Online, no offline notice.
  await expect(page.getByText("当前无法连接服务器")).toHaveCount(0);
  await page.screenshot({ path: path.join(screenshotDir, "catalogue-online.png"), fullPage: true });
  // An applicant's phone keeps the guides it opened.
  await page.locator(".item-card").getByRole("link", { name: /食品经营许可（新办）/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "食品经营许可（新办）" })).toBeVisible();
  await page.goto(server.url + "/");

  // Wait until the service worker holds the app shell, then take the server away.
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  await server.stop();

  await page.reload();
  await expect(page.getByText("当前无法连接服务器，显示的是本机保存的事项目录")).toBeVisible();
  await expect(cards).toHaveCount(items);
  await page.screenshot({ path: path.join(screenshotDir, "catalogue-offline.png"), fullPage: true });

  // The guide opens from the cached catalogue too.
  await page.locator(".item-card").getByRole("link", { name: /食品经营许可（新办）/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "食品经营许可（新办）" })).toBeVisible();
  await expect(page.locator("table.materials tbody tr")).toHaveCount(food.materials.length);
  await expect(page.getByRole("rowheader", { name: "食品经营许可申请书" })).toBeVisible();
  await page.screenshot({ path: path.join(screenshotDir, "guide-offline.png"), fullPage: true });
  // A guide never opened on this phone says so, with what to do.
  const other = catalog.items.find((i) => i.code !== food.code);
  await page.goto(server.url + "/items/" + other.code);
  await expect(page.getByRole("alert")).toContainText("本机还没有保存这项事项的办事指南，请联网后再打开");
});

test("a terminal keeps every guide: after the prefetch, any guide opens offline", async ({ page, server }) => {
  const catalog = await (await fetch(server.url + "/api/catalog")).json();
  await page.goto(server.url + "/?terminal=1");
  await expect(page.locator(".prefetch")).toContainText(`本机已保存全部 ${catalog.items.length} 项`);
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  await server.stop();
  const last = catalog.items[catalog.items.length - 1];
  await page.goto(server.url + "/items/" + last.code);
  await expect(page.getByRole("heading", { level: 1, name: last.name })).toBeVisible();
  await expect(page.locator("table.materials tbody tr")).toHaveCount(last.materials.length);
});

test("a guide's address works when typed or reloaded directly", async ({ page, server }) => {
  await page.goto(server.url + "/items/370000-SCJG-DJ-002");
  await expect(page.getByRole("heading", { level: 1, name: "个体工商户设立登记" })).toBeVisible();
  await expect(page.getByText("即时办结")).toBeVisible();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: path.join(screenshotDir, "guide-phone.png"), fullPage: true });
  await page.goto(server.url + "/items/NO-SUCH-ITEM");
  await expect(page.getByRole("alert")).toContainText("没有找到这个事项");
});

test("items can be browsed by life event", async ({ page, server }) => {
  const catalog = await (await fetch(server.url + "/api/catalog")).json();
  const births = catalog.items.filter((i) => (i.themes || []).includes("生育")).map((i) => i.name);
  expect(births.length).toBeGreaterThan(1);
  await page.goto(server.url + "/");
  await page.getByRole("button", { name: "生育", exact: true }).click();
  await expect(page.getByRole("button", { name: "生育", exact: true })).toHaveAttribute("aria-pressed", "true");
  await expect(page.locator(".item-card")).toHaveCount(births.length);
  for (const name of births) await expect(page.locator(".item-card", { hasText: name })).toBeVisible();
  await page.getByRole("button", { name: "全部", exact: true }).click();
  await expect(page.locator(".item-card")).toHaveCount(catalog.items.length);
});
