// The clerk's desk on a tablet: log in, receive three cases (accepted, accepted with a
// tolerated gap, incomplete) ticking each material, print the notices with their real
// document numbers, and take one case from received to archived. Screenshots at 1280×800
// landscape and 800×1280 portrait.
import path from "node:path";
import { execFileSync } from "node:child_process";
import { test, expect, screenshotDir, addClerk, anotherBrowser, checkPage } from "./fixtures.js";

const shot = (page, name) => page.screenshot({ path: path.join(screenshotDir, name), fullPage: true });
const PASSWORD = "desk password 1";
// Whole cases are long: three of them with every step and five PDFs.
test.describe.configure({ timeout: 240_000 });

/** Logs a department's post (support, reviewer, lead) in at another desk and opens the case. */
async function postOn(server, number, name, role) {
  await addClerk(server, name, PASSWORD, role, "市场监督管理局");
  const other = await anotherBrowser();
  const page = other.page;
  await page.goto(server.url + "/desk");
  await page.getByLabel("用户名").fill(name);
  await page.getByLabel("密码").fill(PASSWORD);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "窗口工作台" })).toBeVisible();
  await page.goto(`${server.url}/desk/cases/${number}`);
  await expect(page.locator(".case-state")).toBeVisible();
  return other;
}
const reviewerOn = (server, number) => postOn(server, number, "张审批", "reviewer");

async function login(page, server) {
  await addClerk(server, "王敏", PASSWORD);
  await page.goto(server.url + "/desk");
  await expect(page.getByRole("heading", { level: 1, name: "窗口工作人员登录" })).toBeVisible();
  await page.getByLabel("用户名").fill("王敏");
  await page.getByLabel("密码").fill("wrong password");
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByRole("alert")).toContainText("用户名或密码不正确");
  await page.getByLabel("密码").fill(PASSWORD);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "窗口工作台" })).toBeVisible();
}

/** Answers every question with "否" / the first choice / 3 / a date, then fills the applicant. */
async function answerAndFillApplicant(page) {
  for (let i = 0; i < 20; i++) {
    const heading = page.locator("form.question h1");
    await expect(heading).toBeVisible();
    if ((await heading.textContent()).includes("申请人信息")) break;
    const radios = page.locator(".question input[type=radio]");
    if (await radios.count()) {
      const no = page.getByRole("radio", { name: "否", exact: true });
      await ((await no.count()) ? no : radios.first()).check();
    } else if (await page.locator("input[type=number]").count()) {
      await page.locator("input[type=number]").fill("3");
    } else {
      await page.locator("input[type=date]").fill("2026-11-20");
    }
    await page.getByRole("button", { name: "继续" }).click();
  }
  await page.getByLabel("姓名或单位名称").fill("某某餐饮有限公司");
  await page.getByLabel("身份证号码或统一社会信用代码").fill("91350100M000100Y43");
  await page.getByLabel("手机号码").fill("13800138000");
  await page.getByRole("button", { name: "继续" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "需要准备的材料" })).toBeVisible();
}

async function startCase(page, itemName) {
  await page.goto(page.url().replace(/\/desk.*$|\/apply.*$/, "/desk"));
  const select = page.getByLabel("事项", { exact: true });
  const value = await select.locator("option", { hasText: itemName }).getAttribute("value");
  await select.selectOption(value);
  await page.getByRole("button", { name: "开始收件" }).click();
  await page.waitForURL(/\/apply\//);
  await answerAndFillApplicant(page);
}

/** Ticks every material as seen in the original (or met), except `special` (id → mark). */
async function tick(page, special = {}) {
  const selects = page.locator("select[id^=mark-]");
  const n = await selects.count();
  for (let i = 0; i < n; i++) {
    const s = selects.nth(i);
    const id = (await s.getAttribute("id")).slice("mark-".length);
    const options = await s.locator("option").evaluateAll((os) => os.map((o) => o.value));
    await s.selectOption(special[id] ?? (options.includes("original") ? "original" : "satisfied"));
  }
}

async function finish(page, delivery = null) {
  await page.getByRole("link", { name: "继续" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "核对您的信息" })).toBeVisible();
  if (delivery) await page.getByRole("group", { name: /出件方式/ }).getByRole("radio", { name: delivery }).check();
  await page.getByRole("button", { name: "完成收件并提交" }).click();
  await expect(page.locator(".receipt-value").first()).toHaveText(/^2026-\d{6}$/);
  const number = await page.locator(".receipt-value").first().textContent();
  await page.getByRole("link", { name: "打开办件并打印通知书" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `办件 ${number}` })).toBeVisible();
  return number;
}

/** Shows notice `title`, prints the page to PDF and returns its text. */
async function printNotice(page, title, file) {
  await page.getByRole("button", { name: `显示并打印 ${title}` }).click();
  await expect(page.locator(".notice-pages .a4").first()).toBeVisible();
  const pdf = path.join(screenshotDir, file);
  await page.emulateMedia({ media: "print" });
  await page.pdf({ path: pdf, format: "A4", printBackground: true, preferCSSPageSize: true });
  await page.emulateMedia({ media: "screen" });
  return execFileSync("pdftotext", ["-layout", pdf, "-"]).toString();
}

/** Records one step and waits until the history shows it. */
async function step(page, name, fill = async () => {}) {
  // The case (and its history) is on the page before counting.
  await expect(page.locator(".history li").first()).toBeVisible();
  const before = await page.locator(".history li").count();
  await page.getByRole("button", { name, exact: true }).click();
  await fill();
  await page.getByRole("button", { name: "确认办理" }).click();
  await expect(page.locator(".history li")).toHaveCount(before + 1);
  await expect(page.locator(".banner-success")).toBeVisible();
}

test("a whole case at the desk: accepted, numbered notices printed, moved on to the archive", async ({ page, server }) => {
  await login(page, server);
  await shot(page, "desk-workbench-landscape.png");
  await startCase(page, "食品经营许可（新办）");
  await tick(page);
  await expect(page.locator(".live-outcome")).toContainText("材料齐全，予以受理");
  await expect(page.locator(".live-outcome")).toContainText("受理通知书");
  await shot(page, "desk-checklist-landscape.png");
  // The applicant says at the window how they want the result.
  const number = await finish(page, "窗口领取");
  await expect(page.locator(".case-state")).toHaveText("已受理");
  const acceptance = await printNotice(page, "受理通知书", "desk-acceptance.pdf");
  expect(acceptance).toContain("某政受字〔2026〕第000001号");
  expect(acceptance).toContain(number);
  expect(acceptance).toContain("913***********0Y43");
  await shot(page, "desk-case-landscape.png");
  // Full personal data only with a reason (audited on the server).
  await page.getByRole("button", { name: "查看完整身份信息" }).click();
  await page.getByRole("button", { name: "确认查看" }).click();
  await expect(page.getByRole("alert")).toContainText("请填写查看理由");
  await page.getByLabel("查看理由").fill("核对营业执照原件");
  await page.getByRole("button", { name: "确认查看" }).click();
  await expect(page.locator(".unmask")).toContainText("91350100M000100Y43");

  // The choice is on the case, and can still change until 出件.
  await expect(page.locator(".history")).toContainText("出件方式");
  await expect(page.getByRole("button", { name: "出件方式", exact: true })).toBeVisible();
  // The front desk does not review: the back office's steps are not offered to it.
  await expect(page.getByRole("button", { name: "开始审查", exact: true })).toHaveCount(0);
  // The papers go to the back office: a line in the hand-over ledger.
  await step(page, "材料移交", async () => {
    await page.getByLabel("接收部门").fill("县市场监督管理局");
    await page.getByLabel("移交的材料").fill("申请材料一套");
    await page.getByLabel("份数", { exact: true }).fill("1");
    await page.getByLabel("接收人").fill("李审批");
  });
  await expect(page.getByRole("region", { name: "材料流转台账" })).toContainText("李审批");
  // The department's reviewer, at another desk, reviews and decides.
  const reviewer = await reviewerOn(server, number);
  const back = reviewer.page;
  await expect(back.getByRole("button", { name: "出件", exact: true })).toHaveCount(0);
  await step(back, "开始审查");
  await expect(back.locator(".case-state")).toHaveText("审查中");
  await step(back, "启动特别程序", async () => {
    await back.getByLabel(/特别程序名称/).fill("现场勘验");
    await back.getByLabel("计划结束日期").fill("2026-12-04");
  });
  const special = await printNotice(back, "特别程序通知书", "desk-special.pdf");
  expect(special).toContain("现场勘验");
  await step(back, "特别程序结束");
  await step(back, "作出决定", () => back.getByRole("radio", { name: "准予许可" }).check());
  await expect(back.locator(".banner-success")).toContainText("某政结字〔2026〕第000001号");
  const completion = await printNotice(back, "办结通知书", "desk-completion.pdf");
  expect(completion).toContain("某政结字〔2026〕第000001号");
  // The reviewer hands the licence to the issuing window with a slip (交接单) that names
  // the paper the window must check with the applicant at 出件.
  await step(back, "移交结果文书（交接单）", async () => {
    await expect(back.getByLabel("移交出件窗口的结果文书及份数")).toHaveValue("《食品经营许可（新办）》准予许可决定书 1份");
    await back.getByLabel("移交出件窗口的结果文书及份数").fill("食品经营许可证 正本1份、副本1份");
    await back.getByLabel(/出件时须向申请人收取、核对的材料/).fill("营业执照：核对原件");
  });
  const slip = await printNotice(back, "交接单", "desk-handover-slip.pdf");
  expect(slip).toContain("某政交字〔2026〕第000001号");
  expect(slip).toContain("食品经营许可证 正本1份、副本1份");
  expect(slip).toMatch(/营业执照\s+核对原件/);
  expect(slip).toContain("张审批");
  await reviewer.close();
  // Back at the window, the result is handed out.
  await page.reload();
  await expect(page.locator(".case-state")).toHaveText("已办结（准予）");
  // At the window the collector signs on the tablet; the pad is there only for the window.
  await page.getByRole("button", { name: "出件", exact: true }).click();
  // The form starts from the applicant's choice: the window, with the signature pad.
  await expect(page.getByRole("radio", { name: "窗口领取" })).toBeChecked();
  const pad = page.locator(".signature-pad");
  await expect(pad).toBeVisible();
  await page.getByRole("button", { name: "确认办理" }).click();
  await expect(page.getByRole("alert")).toContainText("请领取人在平板上签名");
  // Nothing is handed out before the slip's paper is checked.
  await expect(page.getByRole("alert")).toContainText("请按交接单向申请人收取、核对后逐项勾选：营业执照：核对原件");
  await page.getByRole("checkbox", { name: "营业执照：核对原件" }).check();
  // Posting without an address and a tracking number is refused on the fields.
  await page.getByRole("radio", { name: "邮寄送达" }).check();
  await expect(pad).toHaveCount(0);
  await page.getByRole("button", { name: "确认办理" }).click();
  await expect(page.getByRole("alert")).toContainText("邮寄单号");
  await expect(page.getByRole("alert")).toContainText("收件地址");
  // The applicant came after all: signed at the window.
  await page.getByRole("radio", { name: "窗口领取" }).check();
  await page.getByLabel("领取人（申请人或代办人）").fill("李明");
  await pad.scrollIntoViewIfNeeded();
  const box = await pad.boundingBox();
  await page.mouse.move(box.x + 40, box.y + box.height * 0.6);
  await page.mouse.down();
  for (const [dx, dy] of [[80, -30], [140, 20], [220, -25], [300, 15]]) {
    await page.mouse.move(box.x + 40 + dx, box.y + box.height * 0.6 + dy, { steps: 4 });
  }
  await page.mouse.up();
  await expect(page.locator(".signature-ink")).toHaveAttribute("d", /^M\d+ \d+( L\d+ \d+)+$/);
  await shot(page, "desk-signature.png");
  await checkPage(page, "hand-out at the window with a signature");
  await page.getByRole("button", { name: "确认办理" }).click();
  await expect(page.locator(".case-state")).toHaveText("已出件");
  await step(page, "记录好差评", () => page.getByRole("radio", { name: "非常满意" }).check());
  await step(page, "归档");
  await expect(page.locator(".case-state")).toHaveText("已归档");
  await expect(page.locator(".history li")).toHaveCount(12);
  await expect(page.locator(".history")).toContainText("李明");
  await expect(page.locator(".history")).toContainText("已收取、核对：营业执照：核对原件");
  await expect(page.locator(".history")).toContainText("已当场签名");

  // The list shows it with its state; filters narrow it.
  await page.getByRole("link", { name: "← 返回我的办件" }).click();
  await expect(page.locator("table.cases")).toContainText(number);
  await page.getByLabel("状态").selectOption("accepted");
  await expect(page.getByText("没有符合条件的办件。")).toBeVisible();
  await page.getByLabel("状态").selectOption("archived");
  await expect(page.locator("table.cases")).toContainText(number);

  await page.setViewportSize({ width: 800, height: 1280 });
  await page.getByRole("link", { name: number }).click();
  await expect(page.locator(".case-state")).toHaveText("已归档");
  await shot(page, "desk-case-portrait.png");
});

test("the whole hall: the front desk receives and hands papers over, the middle office confirms them, two reviewers' points go into one correction, the reviewer files a refusal and the lead approves it", async ({ page, server }) => {
  await login(page, server);
  await startCase(page, "食品经营许可（新办）");
  await tick(page);
  const number = await finish(page);
  await expect(page.locator(".case-owner")).toContainText("王敏");
  await step(page, "材料移交", async () => {
    await page.getByLabel("接收部门").fill("县市场监督管理局");
    await page.getByLabel("移交的材料").fill("申请材料一套");
    await page.getByLabel("份数", { exact: true }).fill("1");
    await page.getByLabel("接收人").fill("赵中台");
  });
  await expect(page.locator(".ledger-confirmed")).toHaveText("待接收人确认");

  // The department's middle office confirms the papers arrived.
  const middle = await postOn(server, number, "赵中台", "support");
  await step(middle.page, "确认接收材料", () => middle.page.getByRole("radio", { name: /申请材料一套/ }).check());
  await expect(middle.page.locator(".ledger-confirmed")).toContainText("赵中台");

  // Two reviewers' points …
  const reviewer = await reviewerOn(server, number);
  const back = reviewer.page;
  await step(back, "开始审查");
  await step(back, "审查意见", () => back.getByLabel("审查意见（材料：问题）").fill("经营布局平面图：未标明食品处理区面积"));
  const lead = await postOn(server, number, "孙局长", "lead");
  await step(lead.page, "审查意见", () => lead.page.getByLabel("审查意见（材料：问题）").fill("从业人员健康证明：已过有效期"));
  // … go to the applicant in one correction notice, with one clock.
  await back.reload();
  await expect(back.locator(".case-state")).toHaveText("审查中");
  await back.getByRole("button", { name: "要求补正", exact: true }).click();
  await expect(back.locator(".merged-corrections li")).toHaveCount(2);
  await back.getByRole("button", { name: "确认办理" }).click();
  await expect(back.locator(".case-state")).toHaveText("补正中");
  const correction = await printNotice(back, "补正通知书", "hall-correction.pdf");
  expect(correction).toContain("未标明食品处理区面积");
  expect(correction).toContain("已过有效期");
  await shot(back, "hall-reviewer.png");
  await checkPage(back, "reviewer's case with a correction notice");

  // The applicant brings the corrections to the middle office.
  await middle.page.reload();
  await expect(middle.page.locator(".case-state")).toHaveText("补正中");
  await expect(middle.page.getByRole("button", { name: "开始审查", exact: true })).toHaveCount(0);
  await step(middle.page, "收到补正材料");
  await expect(middle.page.locator(".case-state")).toHaveText("审查中");
  await shot(middle.page, "hall-middle-office.png");
  await middle.close();

  // The reviewer cannot deny on their own: the refusal is filed for the lead.
  await back.reload();
  await expect(back.locator(".case-state")).toHaveText("审查中");
  await expect(back.getByRole("radio", { name: "不予许可" })).toHaveCount(0);
  await step(back, "登记否定备案（拟不予许可）", async () => {
    await back.getByLabel("不予许可的理由").fill("经营场所与住宅未有效隔离\n未配备专职食品安全管理人员");
    await back.getByLabel("不予许可的法律依据").fill("《食品经营许可和备案管理办法》第十二条");
  });
  await expect(back.locator(".case-state")).toHaveText("拟不予许可，待负责人审批");
  await expect(back.getByRole("button", { name: "批准否定备案（不予许可）", exact: true })).toHaveCount(0);
  await reviewer.close();

  // The lead finds it in the queue of filed refusals and approves it.
  await lead.page.goto(server.url + "/desk");
  await lead.page.getByRole("navigation", { name: "工作队列" }).getByRole("link", { name: "待审批否定备案" }).click();
  await expect(lead.page.getByLabel("部门")).toHaveValue("市场监督管理局");
  await expect(lead.page.locator("table.cases")).toContainText(number);
  await shot(lead.page, "hall-lead-queue.png");
  await checkPage(lead.page, "the lead's queue of filed refusals");
  await lead.page.getByRole("link", { name: number }).click();
  await step(lead.page, "批准否定备案（不予许可）");
  await expect(lead.page.locator(".case-state")).toHaveText("已办结（不予）");
  const decision = await printNotice(lead.page, "办结通知书", "hall-refusal.pdf");
  expect(decision).toContain("经营场所与住宅未有效隔离");
  expect(decision).toContain("《食品经营许可和备案管理办法》第十二条");
  await lead.close();

  // Back at the window, the owner sees it decided in 我的办件.
  await page.goto(server.url + "/desk");
  await expect(page.locator("table.cases")).toContainText(number);
  await expect(page.locator("table.cases")).toContainText("已办结（不予）");
  await shot(page, "hall-front-desk-queue.png");
});

test("a case received for the back office to accept shows the relay clock at the desk", async ({ page, server }) => {
  await login(page, server);
  await startCase(page, "最低生活保障");
  await tick(page);
  await finish(page);
  await expect(page.locator(".case-state")).toHaveText("已收件");
  await expect(page.locator(".relay-clock")).toContainText("自收件起已 0 分钟");
  await expect(page.locator(".relay-clock")).toContainText("后台须在 20 分钟内答复");
  await checkPage(page, "case with the relay clock");
});

test("accepted with a tolerated gap, and incomplete: each gets its notices", async ({ page, server }) => {
  await login(page, server);
  await startCase(page, "公共场所卫生许可（新办）");
  await tick(page, { hygiene_rules: "missing" });
  await expect(page.locator(".live-outcome")).toContainText("容缺受理");
  await expect(page.locator(".live-outcome")).toContainText("容缺受理承诺书");
  await finish(page);
  const commitment = await printNotice(page, "容缺受理承诺书", "desk-tolerance.pdf");
  expect(commitment).toContain("某政容字〔2026〕第000001号");
  expect(commitment).toContain("公共场所卫生管理制度");

  await page.setViewportSize({ width: 800, height: 1280 });
  await startCase(page, "食品经营许可（新办）");
  await tick(page, { application_form: "defective" });
  await expect(page.getByLabel("材料问题")).toHaveValue("未加盖公章");
  await page.getByLabel("材料问题").fill("申请书未签字");
  await expect(page.locator(".live-outcome")).toContainText("材料不齐全");
  await expect(page.locator(".live-outcome")).toContainText("申请书未签字");
  await shot(page, "desk-checklist-portrait.png");
  await finish(page);
  await expect(page.locator(".case-state")).toHaveText("补正中");
  const notice = await printNotice(page, "一次性告知通知书", "desk-one-time.pdf");
  expect(notice).toContain("某政告字〔2026〕第000001号");
  expect(notice).toContain("申请书未签字");
});

test("a pre-check becomes a desk case; logging out clears the device", async ({ page, server }) => {
  // The applicant's pre-check, sent the way the app sends it.
  await page.goto(server.url + "/");
  await page.getByLabel("搜索事项").fill("spjy");
  await page.locator(".search-results").getByRole("link", { name: "食品经营许可（新办）" }).click();
  await page.getByRole("button", { name: "开始网上预审" }).click();
  await page.waitForURL(/\/apply\//);
  await answerAndFillApplicant(page);
  await page.getByRole("link", { name: "继续" }).click();
  await page.getByRole("button", { name: "提交预审" }).click();
  const receipt = page.locator(".receipt-value").first();
  await expect(receipt).toHaveText(/^2026-\d{6}$/);
  const precheck = await receipt.textContent();

  await login(page, server);
  await page.getByLabel("预审或交接编号").fill(precheck);
  await page.getByRole("button", { name: "调取预审，继续收件" }).click();
  // Straight to the materials: the answers and the applicant came with the pre-check.
  await expect(page.getByRole("heading", { level: 1, name: "需要准备的材料" })).toBeVisible();
  await tick(page);
  await page.getByRole("link", { name: "继续" }).click();
  await expect(page.locator(".summary").nth(1)).toContainText("91350100M000100Y43");
  await page.getByRole("button", { name: "完成收件并提交" }).click();
  await expect(page.locator(".receipt-value").first()).toHaveText(/^2026-\d{6}$/);

  // Start another case and leave it half done, then log out: nothing stays on the device.
  await startCase(page, "食品经营许可（新办）");
  await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "窗口工作台" }).click();
  await page.getByRole("button", { name: "退出登录" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "窗口工作人员登录" })).toBeVisible();
  const drafts = await page.evaluate(async () => {
    const db = await new Promise((ok, err) => { const r = indexedDB.open("onewindow"); r.onsuccess = () => ok(r.result); r.onerror = err; });
    const all = await new Promise((ok, err) => { const r = db.transaction("drafts").objectStore("drafts").getAll(); r.onsuccess = () => ok(r.result); r.onerror = err; });
    return all.map((t) => JSON.parse(t)).filter((d) => d.status.type === "editing").length;
  });
  expect(drafts).toBe(0);
  const me = await page.evaluate(async () => (await fetch("/api/session")).status);
  expect(me).toBe(401);
});

test("a bundle at the desk: one set of shared papers ticked once, one case per item with its notices", async ({ page, server }) => {
  await login(page, server);
  await startCase(page, "我要开餐馆");
  await expect(page.getByRole("heading", { level: 2, name: /共用材料/ })).toBeVisible();
  await tick(page);
  const live = page.locator(".live-outcome");
  for (const name of ["个体工商户设立登记", "食品经营许可（新办）", "城镇污水排入排水管网许可"]) {
    await expect(live.getByRole("heading", { level: 3, name })).toBeVisible();
  }
  // One shared paper missing is missing for every item.
  const shared = page.locator("select[id^=mark-]").first();
  await shared.selectOption("missing");
  await expect(live.locator(".outcome-name").filter({ hasText: "材料不齐全" })).toHaveCount(3);
  await shared.selectOption("original");
  await expect(live.locator(".outcome-name").filter({ hasText: "材料不齐全" })).toHaveCount(0);
  await shot(page, "desk-bundle-checklist-landscape.png");
  // The business licence the bundle applies for is not asked for: its result provides it.
  const first = await finish(page);
  expect(first).toMatch(/^2026-\d{6}$/);
  const seq = Number(first.slice(5));
  const food = `2026-${String(seq + 1).padStart(6, "0")}`;
  await page.getByRole("link", { name: "← 返回我的办件" }).click();
  await expect(page.locator("table.cases tbody tr")).toHaveCount(3);
  // The food licence is accepted with the business licence tolerated until it is issued;
  // its page shows the whole bundle with each item's state and clock.
  await page.getByRole("link", { name: food }).click();
  await expect(page.locator(".case-state")).toHaveText("已受理");
  await expect(page.locator(".tolerated-outstanding")).toContainText("营业执照");
  const overview = page.getByRole("region", { name: /^一件事：/ }).first();
  await expect(page.getByRole("heading", { name: "一件事：我要开餐馆" })).toBeVisible();
  await expect(page.locator(".bundle-cases tbody tr")).toHaveCount(3);
  await expect(overview).toBeVisible();
  // The market regulator approves the business licence …
  const reviewer = await reviewerOn(server, first);
  await step(reviewer.page, "作出决定", () => reviewer.page.getByRole("radio", { name: "准予许可" }).check());
  await reviewer.close();
  // … and its result closes the food licence's gap by an event on that case.
  await page.reload();
  await expect(page.locator(".history")).toContainText("容缺材料已补齐");
  await expect(page.locator(".history")).toContainText(`由“个体工商户设立登记”（${first}）办结结果推送`);
  await expect(page.locator(".tolerated-outstanding")).toHaveCount(0);
  await expect(page.locator(".bundle-cases")).toContainText("已办结（准予）");
  await checkPage(page, "a bundle's case with the bundle overview");
});

test("a desk case finished offline waits in the outbox and lands once when the network is back", async ({ page, server }) => {
  await login(page, server);
  await startCase(page, "食品经营许可（新办）");
  await tick(page);
  await page.getByRole("link", { name: "继续" }).click();
  await page.route("**/api/cases", (route) => route.abort("internetdisconnected"));
  await page.getByRole("button", { name: "完成收件并提交" }).click();
  await expect(page.getByRole("status").filter({ hasText: "收件已保存在本机" })).toBeVisible();
  await expect(page.locator(".outbox-badge")).toHaveText("待发送 1");
  // The first attempt has failed (and says why) before the network comes back.
  await expect(page.getByText("上次发送的问题：网络不可用")).toBeVisible();
  await page.unroute("**/api/cases");
  await page.evaluate(() => window.dispatchEvent(new Event("online")));
  await expect(page.locator(".receipt-value").first()).toHaveText("2026-000001");
  await expect(page.locator(".outbox-badge")).toHaveCount(0);
  await page.getByRole("link", { name: "打开办件并打印通知书" }).click();
  await expect(page.locator(".case-state")).toHaveText("已受理");
  await expect(page.getByText("某政受字〔2026〕第000001号")).toBeVisible();
});
