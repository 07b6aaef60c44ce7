//! `cargo xtask gen-catalog N DIR`: a catalogue of N plausible, distinct service items for
//! benchmarks — varied names, departments, themes, questions, materials and conditions —
//! so that compression, parsing and search are measured on text like a county's, not on
//! N copies of one item. The holiday schedules, notices and settings are the demo's.
//! Deterministic: the same N gives the same files.

use std::fmt::Write as _;
use std::path::Path;

/// A small deterministic generator (xorshift64*), so the catalogue is the same each run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, list: &[&'a str]) -> &'a str {
        list[self.below(list.len())]
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

const DEPARTMENTS: &[(&str, &str)] = &[
    ("市场监督管理局", "SCJG"),
    ("人力资源和社会保障局", "RS"),
    ("医疗保障局", "YB"),
    ("民政局", "MZ"),
    ("住房和城乡建设局", "ZJ"),
    ("自然资源局", "ZR"),
    ("交通运输局", "JT"),
    ("生态环境分局", "HB"),
    ("卫生健康局", "WJ"),
    ("教育局", "JY"),
    ("公安局", "GA"),
    ("农业农村局", "NY"),
    ("水利局", "SL"),
    ("文化和旅游局", "WL"),
    ("应急管理局", "YJ"),
    ("税务局", "SW"),
    ("退役军人事务局", "TY"),
    ("残疾人联合会", "CL"),
    ("林业局", "LY"),
    ("商务局", "SWJ"),
    ("城市管理局", "CG"),
    ("司法局", "SF"),
    ("住房公积金管理中心", "GJJ"),
    ("不动产登记中心", "BDC"),
    ("消防救援大队", "XF"),
];

const ACTIONS: &[&str] = &[
    "许可", "备案", "登记", "审批", "核准", "认定", "变更", "注销", "延续", "补办", "换领", "申领",
    "确认", "年检", "核发",
];

const SUBJECTS: &[&str] = &[
    "食品小作坊",
    "餐饮服务",
    "药品零售",
    "医疗器械经营",
    "道路货物运输",
    "出租汽车经营",
    "建筑施工",
    "房屋租赁",
    "公共场所卫生",
    "生活饮用水供水单位",
    "排污",
    "取水",
    "林木采伐",
    "种子生产经营",
    "兽药经营",
    "农药经营",
    "渔业捕捞",
    "旅行社",
    "娱乐场所",
    "网吧",
    "民办学校",
    "幼儿园",
    "职业培训机构",
    "劳务派遣",
    "人力资源服务",
    "社会团体",
    "民办非企业单位",
    "养老机构",
    "殡葬服务",
    "慈善组织",
    "户外广告设置",
    "城市道路占用",
    "建筑垃圾处置",
    "燃气经营",
    "特种设备使用",
    "危险化学品经营",
    "烟花爆竹零售",
    "放射诊疗",
    "母婴保健技术服务",
    "护士执业",
    "医师执业",
    "诊所",
    "宗教活动场所",
    "拍卖企业",
    "二手车交易市场",
    "成品油零售",
    "粮食收购",
    "生猪屠宰",
    "动物防疫条件",
    "水产苗种生产",
    "临时占用林地",
    "乡村建设规划",
    "建设用地规划",
    "施工图审查",
    "竣工验收",
    "商品房预售",
    "物业服务",
    "律师事务所",
    "公证机构",
    "基层法律服务所",
    "失业保险金",
    "职工医保",
    "城乡居民医保",
    "高龄津贴",
    "残疾人两项补贴",
    "最低生活保障",
    "特困人员救助",
    "临时救助",
    "退役士兵安置",
    "优抚对象",
    "公积金贷款",
    "公积金提取",
    "不动产首次",
    "不动产转移",
    "抵押权",
    "社会保障卡",
    "独生子女父母奖励",
    "计划生育特别扶助",
    "出生医学证明",
    "预防接种",
    "学历认证",
    "教师资格",
    "居住证",
];

const THEMES: &[&str] = &[
    "开办企业",
    "生育",
    "就业",
    "医疗",
    "养老",
    "住房",
    "教育",
    "交通出行",
    "婚姻",
    "残疾人服务",
    "退休",
    "农业生产",
    "建设工程",
    "社会救助",
    "公共安全",
];

const PAPERS: &[&str] = &[
    "申请书",
    "营业执照",
    "法定代表人身份证明",
    "场所使用证明",
    "平面布局图",
    "设备清单",
    "管理制度文本",
    "从业人员健康证明",
    "专业技术人员资格证书",
    "检测报告",
    "环境影响评价文件",
    "消防验收意见",
    "安全评价报告",
    "章程",
    "验资证明",
    "租赁合同",
    "产权证明",
    "授权委托书",
    "受托人身份证件",
    "户口簿",
    "结婚证",
    "出生医学证明",
    "残疾人证",
    "劳动合同",
    "解除劳动合同证明",
    "医疗费用发票",
    "病历资料",
    "银行账户信息",
    "承诺书",
    "照片",
    "规划许可证",
    "施工合同",
    "质量检验报告",
    "车辆行驶证",
    "驾驶员从业资格证",
    "土地使用证明",
    "林权证",
    "取水口位置图",
];

const LAWS: &[&str] = &[
    "《中华人民共和国行政许可法》",
    "《中华人民共和国食品安全法》",
    "《中华人民共和国药品管理法》",
    "《中华人民共和国道路运输条例》",
    "《中华人民共和国社会保险法》",
    "《中华人民共和国城乡规划法》",
    "《中华人民共和国环境保护法》",
    "《中华人民共和国森林法》",
    "《中华人民共和国水法》",
    "《社会救助暂行办法》",
    "《不动产登记暂行条例》",
    "《住房公积金管理条例》",
];

/// One generated question: its id and the condition that holds for a "yes"-like answer.
struct Q {
    id: String,
    holds: String,
}

fn item(rng: &mut Rng, n: usize) -> (String, String) {
    let (department, abbr) = DEPARTMENTS[rng.below(DEPARTMENTS.len())];
    let subject = rng.pick(SUBJECTS);
    let action = rng.pick(ACTIONS);
    // The number keeps names distinct where subject and action repeat.
    let name = format!("{subject}{action}（{}）", n + 1);
    let code = format!("370000-{abbr}-G-{:04}", n + 1);
    let immediate = rng.chance(25);
    let statutory = [5, 10, 15, 20, 30, 60][rng.below(6)];
    let promised = if immediate { 0 } else { (statutory / 2).max(1) };
    let mut t = String::new();
    let _ = writeln!(t, "# 生成的基准目录（第 {} 项）", n + 1);
    let _ = writeln!(
        t,
        "code = \"{code}\"\nname = \"{name}\"\ndepartment = \"{department}\""
    );
    let _ = writeln!(t, "handling_body = \"县{department}\"\nlevel = \"县级\"");
    let _ = writeln!(
        t,
        "kind = \"{}\"\nstatutory_days = {statutory}\npromised_days = {promised}",
        if immediate { "immediate" } else { "committed" }
    );
    let law = rng.pick(LAWS);
    let _ = writeln!(t, "legal_basis = [\"{law}第{}条\"]", rng.below(80) + 2);
    let _ = writeln!(
        t,
        "acceptance_conditions = [\"申请人具有相应的民事行为能力\", \"申请事项属于本机关职权范围（{subject}）\"]"
    );
    let _ = writeln!(
        t,
        "fees = \"{}\"",
        if rng.chance(80) {
            "不收费"
        } else {
            "按规定标准收费"
        }
    );
    let _ = writeln!(
        t,
        "delivery = {}",
        [
            "[\"window\"]",
            "[\"window\", \"post\"]",
            "[\"window\", \"locker\", \"post\"]"
        ][rng.below(3)]
    );
    let _ = writeln!(
        t,
        "window = \"县政务服务中心{}楼综合窗口\"",
        rng.below(3) + 1
    );
    let mut themes = vec![rng.pick(THEMES)];
    if rng.chance(40) {
        let other = rng.pick(THEMES);
        if other != themes[0] {
            themes.push(other);
        }
    }
    let themes: Vec<String> = themes.iter().map(|t| format!("\"{t}\"")).collect();
    let _ = writeln!(t, "themes = [{}]", themes.join(", "));

    // Questions: a choice of applicant type, yes/no situations, sometimes a follow-up.
    let mut questions: Vec<Q> = Vec::new();
    let _ = writeln!(
        t,
        "\n[[questions]]\nid = \"applicant_type\"\ntext = \"申请人是单位还是个人？\"\ntype = \"choice\"\noptions = [ {{ value = \"company\", label = \"单位\" }}, {{ value = \"person\", label = \"个人\" }} ]"
    );
    questions.push(Q {
        id: "applicant_type".into(),
        holds: "{ \"==\" = [ { var = \"applicant_type\" }, \"company\" ] }".into(),
    });
    let situations = [
        ("new_site", "是否为新设经营场所？"),
        ("has_staff", "是否聘用从业人员？"),
        ("changed", "登记事项是否发生变更？"),
        ("outside", "申请人是否为外地户籍？"),
        ("special", "是否涉及特殊行业要求？"),
    ];
    let count = 1 + rng.below(4);
    for (id, text) in situations.iter().take(count) {
        let _ = writeln!(
            t,
            "\n[[questions]]\nid = \"{id}\"\ntext = \"{text}\"\ntype = \"yes_no\""
        );
        questions.push(Q {
            id: id.to_string(),
            holds: format!("{{ var = \"{id}\" }}"),
        });
    }
    let agent = rng.chance(70);
    if agent {
        let _ = writeln!(
            t,
            "\n[[questions]]\nid = \"agent\"\ntext = \"是否委托他人代为办理？\"\ntype = \"yes_no\"\nfact = \"acting_for_applicant\""
        );
    }

    // Materials: always some; each question makes at least one conditional.
    let mut used: Vec<&str> = Vec::new();
    let mut paper = |rng: &mut Rng| loop {
        let p = rng.pick(PAPERS);
        if !used.contains(&p) {
            used.push(p);
            return p;
        }
    };
    let always = 2 + rng.below(4);
    for i in 0..always {
        let name = paper(rng);
        material(&mut t, rng, &format!("m{i}"), name, "always", None);
    }
    for (i, q) in questions.iter().enumerate() {
        let name = paper(rng);
        material(
            &mut t,
            rng,
            &format!("c{i}"),
            name,
            "conditional",
            Some(&q.holds),
        );
        let _ = &q.id;
    }
    if agent {
        material(
            &mut t,
            rng,
            "power_of_attorney",
            "授权委托书（代办）",
            "conditional",
            Some("{ var = \"agent\" }"),
        );
        material(
            &mut t,
            rng,
            "agent_id",
            "受托人身份证件（代办）",
            "conditional",
            Some("{ var = \"agent\" }"),
        );
    }
    if rng.chance(30) {
        let _ = writeln!(
            t,
            "\n[[not_acceptable]]\nwhen = {{ \"==\" = [ {{ var = \"applicant_type\" }}, \"person\" ] }}\nreason = \"{subject}须由单位申请，个人不予受理\"\nlegal_basis = \"{law}第{}条\"",
            rng.below(80) + 2
        );
    }
    (format!("items/generated-{:04}.toml", n + 1), t)
}

fn material(
    t: &mut String,
    rng: &mut Rng,
    id: &str,
    name: &str,
    requirement: &str,
    when: Option<&str>,
) {
    let form = ["original", "copy", "original_and_copy", "electronic"][rng.below(4)];
    let _ = writeln!(
        t,
        "\n[[materials]]\nid = \"{id}\"\nname = \"{name}\"\nform = \"{form}\"\nrequirement = \"{requirement}\""
    );
    if let Some(w) = when {
        let _ = writeln!(t, "when = {w}");
    }
    let _ = writeln!(
        t,
        "review_points = [\"内容完整、真实有效\", \"{}\"]",
        [
            "签字盖章齐全",
            "与原件一致",
            "在有效期内",
            "信息与申请书一致"
        ][rng.below(4)]
    );
    if rng.chance(15) {
        let _ = writeln!(
            t,
            "tolerated = {{ supply_days = {} }}",
            [5, 10, 15][rng.below(3)]
        );
    } else if rng.chance(15) {
        let _ = writeln!(t, "commitment = true");
    } else if rng.chance(15) {
        let _ = writeln!(t, "e_licence = true");
    }
}

fn copy_dir(from: &Path, to: &Path) -> Result<(), String> {
    std::fs::create_dir_all(to).map_err(|e| format!("{}: {e}", to.display()))?;
    for entry in std::fs::read_dir(from).map_err(|e| format!("{}: {e}", from.display()))? {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.is_file() {
            let target = to.join(path.file_name().unwrap_or_default());
            std::fs::copy(&path, &target).map_err(|e| format!("{}: {e}", target.display()))?;
        }
    }
    Ok(())
}

/// Writes N generated items, with the demo's calendar, notices and settings, into `dir`.
pub fn run(root: &Path, args: &[String]) -> Result<(), String> {
    let (Some(n), Some(dir)) = (args.first(), args.get(1)) else {
        return Err("usage: cargo xtask gen-catalog N DIR".into());
    };
    let n: usize = n
        .parse()
        .map_err(|_| format!("N must be a number of items, not {n:?}"))?;
    let dir = Path::new(dir);
    if dir.join("items").exists() {
        std::fs::remove_dir_all(dir.join("items")).map_err(|e| e.to_string())?;
    }
    std::fs::create_dir_all(dir.join("items")).map_err(|e| e.to_string())?;
    let demo = root.join("catalog");
    copy_dir(&demo.join("calendar"), &dir.join("calendar"))?;
    copy_dir(&demo.join("notices"), &dir.join("notices"))?;
    std::fs::copy(demo.join("settings.toml"), dir.join("settings.toml"))
        .map_err(|e| format!("settings.toml: {e}"))?;
    let mut rng = Rng(0x0A11_CE5E_ED5E_ED01);
    for i in 0..n {
        let (path, text) = item(&mut rng, i);
        std::fs::write(dir.join(&path), text).map_err(|e| format!("{path}: {e}"))?;
    }
    eprintln!("gen-catalog: {n} items in {}", dir.display());
    Ok(())
}
