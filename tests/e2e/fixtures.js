// Fixtures shared by the end-to-end tests:
// - `server`: the real `onewindow serve` on 127.0.0.1 (a free port), with a fresh SQLite
//   file and the repository's demo catalogue; stopped (SIGTERM) at the end of the test.
// - `context` / `page`: Debian's Chromium in a fresh profile directory.
import { test as base, chromium, expect } from "@playwright/test";
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const screenshotDir = path.join(root, "target", "e2e");
mkdirSync(screenshotDir, { recursive: true });

export const CHROMIUM_ARGS = [
  "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
  "--disable-dev-shm-usage",
];

/** Starts the server; resolves once it prints the URL it serves. */
export function startServer({ db, catalog, args = [] } = {}) {
  const bin = process.env.ONEWINDOW_BIN || path.join(root, "target", "release", "onewindow");
  const dist = process.env.ONEWINDOW_DIST || path.join(root, "dist");
  const dataDir = mkdtempSync(path.join(tmpdir(), "onewindow-e2e-"));
  const dbPath = db || path.join(dataDir, "test.sqlite3");
  // The database's own key file, beside it, so a restart on the same file reads it.
  const keyFile = `${dbPath}.key`;
  if (!existsSync(keyFile)) execFileSync(bin, ["key", "generate", "--key-file", keyFile]);
  const child = spawn(bin, [
    "serve", "--addr", "127.0.0.1:0", "--db", dbPath, "--key-file", keyFile,
    "--catalog", catalog || path.join(root, "catalog"), "--dist", dist, ...args,
  ], { stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  child.stderr.on("data", (d) => { log += d; });
  const stopped = new Promise((resolve) => child.on("exit", resolve));
  const stop = async () => {
    if (child.exitCode === null) child.kill("SIGTERM");
    await stopped;
    rmSync(dataDir, { recursive: true, force: true });
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in 20 s:\n${log}`)), 20_000);
    child.on("error", (e) => { clearTimeout(timer); reject(e); });
    child.on("exit", (code) => { clearTimeout(timer); reject(new Error(`server exited (${code}):\n${log}`)); });
    let out = "";
    child.stdout.on("data", (d) => {
      out += d;
      const m = out.match(/serving (http:\/\/127\.0\.0\.1:\d+)\//);
      if (m) { clearTimeout(timer); resolve({ url: m[1], stop, dbPath, log: () => log }); }
    });
  });
}

export const test = base.extend({
  server: async ({}, use) => {
    const server = await startServer();
    await use(server);
    await server.stop();
  },
  context: async ({}, use) => {
    const profile = mkdtempSync(path.join(tmpdir(), "onewindow-profile-"));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: "/usr/bin/chromium",
      headless: true,
      args: CHROMIUM_ARGS,
      locale: "zh-CN",
      viewport: { width: 1280, height: 800 },
    });
    await use(context);
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  },
  page: async ({ context }, use) => {
    const page = context.pages()[0] ?? (await context.newPage());
    const errors = [];
    page.on("pageerror", (e) => errors.push(`page error: ${e.message}`));
    // The server's Content-Security-Policy must allow everything the app does.
    page.on("console", (m) => {
      if (m.type() === "error" && /Content Security Policy/i.test(m.text())) errors.push(`CSP: ${m.text()}`);
      // A Rust panic's message, so that "unreachable" comes with its cause.
      if (m.type() === "error" && /panicked at/.test(m.text())) errors.push(`panic: ${m.text()}`);
    });
    await use(page);
    expect(errors, "the page threw no uncaught errors").toEqual([]);
  },
});

export { expect };

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** Runs axe-core (WCAG 2.1 A/AA and best practice) on the page; any violation fails. */
export async function checkPage(page, name, tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]) {
  // Evaluated through the browser's debugging protocol, so the page's CSP does not apply.
  await page.evaluate(axeSource);
  const result = await page.evaluate((values) => window.axe.run(document, { runOnly: { type: "tag", values } }), tags);
  const problems = result.violations.map((v) => `${name}: ${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(" | ")}`);
  expect(problems, problems.join("\n")).toEqual([]);
}

/** Creates an account in the server's database (`onewindow user add`); a department's
 *  posts (support, reviewer, lead) name their department. */
export async function addClerk(server, name, password, role = "clerk", department = null) {
  const { execFileSync } = await import("node:child_process");
  const bin = process.env.ONEWINDOW_BIN || path.join(root, "target", "release", "onewindow");
  const args = ["user", "add", name, "--role", role, "--db", server.dbPath];
  if (department) args.push("--department", department);
  execFileSync(bin, args, { input: password + "\n" });
}

/** A second browser (its own fresh profile), for another person at another desk. */
export async function anotherBrowser() {
  const profile = mkdtempSync(path.join(tmpdir(), "onewindow-profile-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: CHROMIUM_ARGS,
    locale: "zh-CN",
    viewport: { width: 1280, height: 800 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const close = async () => {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  };
  return { page, close };
}

/** Finds the food business licence by its pinyin initials and starts its pre-check. */
export async function startFoodLicence(page, server) {
  await page.goto(server.url + "/");
  await page.getByLabel("搜索事项").fill("spjy");
  await page.locator(".search-results").getByRole("link", { name: "食品经营许可（新办）" }).click();
  await page.getByRole("button", { name: "开始网上预审" }).click();
  await page.waitForURL(/\/apply\//);
}

/** Logs `name` in at the desk. */
export async function deskLogin(page, server, name, password) {
  await page.goto(server.url + "/desk");
  await page.getByLabel("用户名").fill(name);
  await page.getByLabel("密码").fill(password);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "窗口工作台" })).toBeVisible();
}

/** Records one step on the case's page and waits until the history shows it. */
export async function recordStep(page, name, fill = async () => {}) {
  await expect(page.locator(".history li").first()).toBeVisible();
  const before = await page.locator(".history li").count();
  await page.getByRole("button", { name, exact: true }).click();
  await fill();
  await page.getByRole("button", { name: "确认办理" }).click();
  await expect(page.locator(".banner-success")).toBeVisible();
  await expect(page.locator(".history li")).not.toHaveCount(before);
}

/** Receives a case of `item` at the desk (logged in): every question "否" / the first
 *  choice / `count`, the applicant, every paper seen in the original (or `mark(i)` for
 *  the i-th), submitted. Returns the case number and lookup code from the receipt. */
export async function receiveAtDesk(page, item, applicant, { count = "3", mark = () => null } = {}) {
  const select = page.getByLabel("事项", { exact: true });
  await select.selectOption(await select.locator("option", { hasText: item }).getAttribute("value"));
  await page.getByRole("button", { name: "开始收件" }).click();
  await page.waitForURL(/\/apply\//);
  for (let i = 0; i < 20; i++) {
    const heading = page.locator("form.question h1");
    await expect(heading).toBeVisible();
    if ((await heading.textContent()).includes("申请人信息")) break;
    const no = page.getByRole("radio", { name: "否", exact: true });
    if (await no.count()) await no.check();
    else if (await page.locator("input[type=number]").count()) await page.locator("input[type=number]").fill(count);
    else await page.locator(".question input[type=radio]").first().check();
    await page.getByRole("button", { name: "继续" }).click();
  }
  await page.getByLabel("姓名或单位名称").fill(applicant.name);
  await page.getByLabel("身份证号码或统一社会信用代码").fill(applicant.id);
  await page.getByLabel("手机号码").fill(applicant.mobile);
  await page.getByRole("button", { name: "继续" }).click();
  const selects = page.locator("select[id^=mark-]");
  for (let i = 0; i < (await selects.count()); i++) {
    const s = selects.nth(i);
    const options = await s.locator("option").evaluateAll((os) => os.map((o) => o.value));
    await s.selectOption(mark(i) ?? (options.includes("original") ? "original" : "satisfied"));
  }
  await page.getByRole("link", { name: "继续" }).click();
  await page.getByRole("button", { name: "完成收件并提交" }).click();
  const number = (await page.locator(".receipt-value").first().textContent()).trim();
  const code = (await page.locator(".receipt-value").nth(1).textContent()).trim();
  return { number, code };
}
