// The applicant follows a case: from the desk's receipt to the status page (state in plain
// words, what to supply, deadlines and their meaning, steps, notices), the same answer for
// a wrong code and a missing case, and the last status kept on the phone when the server
// cannot be reached. Screenshots at phone width.
import path from "node:path";
import {
  test, expect, screenshotDir, addClerk, checkPage, anotherBrowser, deskLogin, recordStep, receiveAtDesk,
} from "./fixtures.js";
import jsQR from "jsqr";

/** Reads the QR code drawn in `svg` (one 1×1 square per dark module, as the core draws
 *  it), drawn 8 pixels a module like a camera's sharp picture of the printed code. */
async function decodeQr(svg) {
  const [size, d] = await svg.evaluate((el) => [el.viewBox.baseVal.width, el.querySelector("path").getAttribute("d")]);
  const scale = 8;
  const side = size * scale;
  const pixels = new Uint8ClampedArray(side * side * 4).fill(255);
  for (const [, x, y] of d.matchAll(/M(\d+),(\d+)/g)) {
    for (let dy = 0; dy < scale; dy++) {
      for (let dx = 0; dx < scale; dx++) {
        const at = ((Number(y) * scale + dy) * side + Number(x) * scale + dx) * 4;
        pixels[at] = pixels[at + 1] = pixels[at + 2] = 0;
      }
    }
  }
  const found = jsQR(pixels, side, side);
  expect(found, "a readable QR code").not.toBeNull();
  return found.data;
}

const PASSWORD = "status password 1";
const COMPANY = { name: "某某餐饮有限公司", id: "91350100M000100Y43", mobile: "13800138000" };

test("the applicant follows a desk case on the status page, online and off", async ({ page, server }) => {
  await addClerk(server, "王敏", PASSWORD);
  await deskLogin(page, server, "王敏", PASSWORD);
  // One paper missing: the applicant is told what to bring.
  const { number, code } = await receiveAtDesk(page, "食品经营许可（新办）", COMPANY, {
    mark: (i) => (i === 0 ? "missing" : null),
  });

  // The applicant's phone opens the address on the receipt.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByRole("link", { name: /随时查询办理进度/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: `办件 ${number}` })).toBeVisible();
  await expect(page.locator(".q-state")).toHaveText("需要您补交或补正材料");
  await expect(page.locator(".to-supply li").first()).toBeVisible();
  await expect(page.getByRole("region", { name: "办理期限" })).toContainText("此日前未收到补正告知的");
  await expect(page.locator(".history")).toContainText("收件");
  await expect(page.locator(".history")).toContainText("要求补正");
  await expect(page.getByRole("region", { name: "通知书" })).toContainText("一次性告知通知书");
  // The notice itself, on A4, as the window printed it (personal data masked).
  await page.getByRole("button", { name: "显示并打印 一次性告知通知书" }).click();
  const a4 = page.locator(".notice-pages .a4").first();
  await expect(a4).toContainText("一次性告知通知书");
  await expect(a4).toContainText(number);
  await expect(a4).toContainText("913***********0Y43");
  await expect(a4).toContainText("申请人留存");
  // Its QR code, read as a phone would, leads to this page.
  const qr = await decodeQr(a4.locator(".notice-qr svg"));
  const target = new URL(qr);
  expect(target.pathname).toBe(`/q/${number}`);
  expect(target.searchParams.get("code")).toBe(code);
  await page.goto(server.url + target.pathname + target.search);
  await expect(page.getByRole("heading", { level: 1, name: `办件 ${number}` })).toBeVisible();
  // Personal data masked; nothing of the offices' work.
  await expect(page.locator("main")).not.toContainText("91350100M000100Y43");
  await expect(page.locator("main")).toContainText("913***********0Y43");
  // The applicant asks for the result by post instead; an address is needed.
  await page.getByRole("radio", { name: "邮寄送达" }).check();
  await page.getByRole("button", { name: "保存领取方式" }).click();
  await expect(page.getByRole("alert")).toContainText("地址");
  await page.getByLabel("邮寄地址（含收件人和电话）").fill("某某县人民路2号 张三 13800138000");
  await page.getByRole("button", { name: "保存领取方式" }).click();
  await expect(page.locator("main")).toContainText("领取方式：邮寄送达");
  await expect(page.locator(".history")).toContainText("出件方式");
  await page.screenshot({ path: path.join(screenshotDir, "status-phone.png"), fullPage: true });
  await checkPage(page, "the status page");
  // The reception is evaluated now (好差评 of the 受理环节), once; the hand-out later.
  const reception = page.getByRole("form", { name: "请对窗口受理服务进行评价（好差评）" });
  await reception.getByRole("radio", { name: "满意", exact: true }).check();
  await reception.getByRole("button", { name: "提交评价" }).click();
  await expect(reception).toHaveCount(0);
  await expect(page.locator(".history")).toContainText("记录好差评");
  await expect(page.locator(".q-state")).toHaveText("需要您补交或补正材料");
  const twice = await fetch(`${server.url}/api/cases/${number}/evaluation?code=${code}`, {
    method: "POST", headers: { "content-type": "application/json" },
    body: JSON.stringify({ stage: "acceptance", level: 5 }),
  });
  expect(twice.status).toBe(422);

  // The server out of reach: the last status seen, with when.
  await page.route("**/api/cases/**", (route) => route.abort());
  await page.reload();
  await expect(page.getByRole("status").filter({ hasText: "当前无法连接服务器" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: `办件 ${number}` })).toBeVisible();
  await page.screenshot({ path: path.join(screenshotDir, "status-phone-offline.png"), fullPage: true });
  await page.unroute("**/api/cases/**");

  // A wrong code and a missing case look the same.
  const answers = [];
  for (const url of [`/q/${number}?code=AAAAAAAA`, `/q/2026-999999?code=${code}`]) {
    await page.goto(server.url + url);
    const alert = page.getByRole("alert");
    await expect(alert).toBeVisible();
    answers.push(await alert.textContent());
  }
  expect(answers[0]).toContain("没有找到该办件");
  expect(answers[1]).toBe(answers[0]);
  const api = await Promise.all([`${number}?code=AAAAAAAA`, `2026-999999?code=${code}`].map(async (q) => {
    const r = await fetch(`${server.url}/api/cases/${q}`);
    return [r.status, (await r.text()).replace(/\d{4}-\d{6}/g, "N")];
  }));
  expect(api[0]).toEqual(api[1]);
  // And the form looks a case up.
  await page.getByLabel("办件编号").fill(number);
  await page.getByLabel("查询码").fill(code.toLowerCase());
  await page.getByRole("button", { name: "查询" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `办件 ${number}` })).toBeVisible();
  await checkPage(page, "the lookup form's answer");
});

test("the applicant evaluates after the hand-out; a poor evaluation is followed up and the result shown", async ({ page, server }) => {
  await addClerk(server, "王敏", PASSWORD);
  await addClerk(server, "张审批", PASSWORD, "reviewer", "市场监督管理局");
  await addClerk(server, "李主任", PASSWORD, "supervisor");
  const login = (p, name) => deskLogin(p, server, name, PASSWORD);
  const step = recordStep;
  await login(page, "王敏");
  const { number, code } = await receiveAtDesk(page, "食品经营许可（新办）", COMPANY);
  // The reviewer decides; the window hands the result out.
  const reviewer = await anotherBrowser();
  await login(reviewer.page, "张审批");
  await reviewer.page.goto(`${server.url}/desk/cases/${number}`);
  await step(reviewer.page, "作出决定", () => reviewer.page.getByRole("radio", { name: "准予许可" }).check());
  await reviewer.close();
  await page.goto(`${server.url}/desk/cases/${number}`);
  await step(page, "出件", async () => {
    await page.getByRole("radio", { name: "窗口领取" }).check();
    await page.getByLabel("领取人（申请人或代办人）").fill("李明");
    await page.getByLabel("无法签名的原因（已核验身份）").fill("右手受伤，已核验身份");
  });

  // The applicant, on the phone: not satisfied, and why.
  const phone = await anotherBrowser();
  const p = phone.page;
  await p.setViewportSize({ width: 390, height: 844 });
  await p.goto(`${server.url}/q/${number}?code=${code}`);
  await expect(p.locator(".q-state")).toHaveText("已出件");
  await expect(p.getByRole("form", { name: "请对本次办事服务进行评价（好差评）" })).toBeVisible();
  await p.getByRole("radio", { name: "不满意", exact: true }).check();
  await p.getByRole("button", { name: "提交评价" }).click();
  await expect(p.getByRole("alert")).toContainText("请至少选择一项不满意的原因");
  await p.getByRole("checkbox", { name: "多次跑腿" }).check();
  await p.getByLabel("意见和建议（选填）").fill("来了三次才办好");
  await checkPage(p, "the evaluation form");
  await p.getByRole("button", { name: "提交评价" }).click();
  await expect(p.locator(".q-state")).toHaveText("已出件，感谢您的评价");
  await expect(p.locator(".history")).toContainText("多次跑腿");
  await expect(p.getByRole("region", { name: "办理期限" })).toContainText("我们将在此日前核实整改并告知您结果");
  await expect(p.getByRole("button", { name: "提交评价" })).toHaveCount(0);
  await p.screenshot({ path: path.join(screenshotDir, "status-phone-evaluated.png"), fullPage: true });
  // One evaluation per case: a second is refused.
  const again = await fetch(`${server.url}/api/cases/${number}/evaluation?code=${code}`, {
    method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ level: 5 }),
  });
  expect(again.status).toBe(422);

  // The centre follows it up and closes it; the applicant sees the result.
  const centre = await anotherBrowser();
  await login(centre.page, "李主任");
  await centre.page.goto(`${server.url}/desk/cases/${number}`);
  await step(centre.page, "差评整改完成", () =>
    centre.page.getByLabel(/核实情况和整改结果/).fill("已向申请人致歉；窗口增设材料预审，一次告知到位"));
  await centre.close();
  // The phone's start page says which followed case has news; the case says what.
  await p.goto(server.url + "/");
  const followed = p.getByRole("region", { name: "我关注的办件" });
  await expect(followed.locator("li", { hasText: number })).toContainText("有新进展");
  await checkPage(p, "the start page with followed cases");
  await followed.getByRole("link", { name: number }).click();
  await expect(p.locator(".news")).toContainText("差评整改完成");
  await expect(p.locator(".history")).toContainText("差评整改完成");
  await expect(p.locator(".history")).toContainText("窗口增设材料预审");
  await p.screenshot({ path: path.join(screenshotDir, "status-phone-followed-up.png"), fullPage: true });
  // Seen now: no news any more.
  await p.goto(server.url + "/");
  await expect(p.getByRole("region", { name: "我关注的办件" }).locator("li", { hasText: number })).toContainText("暂无新进展");
  await phone.close();
});
