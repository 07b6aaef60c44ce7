//! Every piece of text a user sees, in one place, so that a translation is one new value
//! of [`Text`]. zh-CN is the default and, for now, the only one.

use onewindow_core::catalog::{
    CaseKind, DeliveryMethod, MaterialForm, MaterialSource, Requirement,
};

/// The user-facing strings of the app.
pub struct Text {
    pub app_name: &'static str,
    pub app_tagline: &'static str,
    pub skip_to_content: &'static str,
    pub items_heading: &'static str,
    pub items_intro: &'static str,
    pub loading_catalog: &'static str,
    pub catalog_failed: &'static str,
    pub catalog_offline: &'static str,
    pub cache_failed: &'static str,
    pub retry: &'static str,
    pub back_to_list: &'static str,
    pub item_not_found: &'static str,
    pub days_promised: &'static str,
    pub days_statutory: &'static str,
    pub working_days: &'static str,
    pub same_day: &'static str,
    pub guide_basics: &'static str,
    pub field_code: &'static str,
    pub field_department: &'static str,
    pub field_handling_body: &'static str,
    pub field_kind: &'static str,
    pub field_fees: &'static str,
    pub field_window: &'static str,
    pub field_delivery: &'static str,
    pub acceptance_conditions: &'static str,
    pub legal_basis: &'static str,
    pub materials_heading: &'static str,
    pub col_number: &'static str,
    pub col_material: &'static str,
    pub col_source: &'static str,
    pub col_form: &'static str,
    pub col_copies: &'static str,
    pub col_requirement: &'static str,
    pub col_review_points: &'static str,
    pub item_count_suffix: &'static str,
    pub badge_tolerated: &'static str,
    pub badge_commitment: &'static str,
    pub badge_e_licence: &'static str,
    pub per_person: &'static str,
    pub either_of: &'static str,
    pub sub_items_heading: &'static str,
    pub questions_heading: &'static str,
    pub not_acceptable_heading: &'static str,
    pub notices_heading: &'static str,
    pub notices_intro: &'static str,
    pub notices_back: &'static str,
    pub notice_not_found: &'static str,
    pub notice_template_error: &'static str,
    pub specimen_note: &'static str,
    pub print: &'static str,
    pub copy_applicant: &'static str,
    pub copy_office: &'static str,
    pub notices_link: &'static str,
}

/// Simplified Chinese.
pub const ZH_CN: Text = Text {
    app_name: "一窗通",
    app_tagline: "政务服务综合窗口 · 一窗受理",
    skip_to_content: "跳到主要内容",
    items_heading: "办事事项",
    items_intro: "选择要办理的事项，查看办事指南和所需材料。",
    loading_catalog: "正在加载事项目录……",
    catalog_failed: "无法加载事项目录",
    catalog_offline: "当前无法连接服务器，显示的是本机保存的事项目录，保存时间：",
    cache_failed: "事项目录未能保存到本机，断网时将无法查看：",
    retry: "重新加载",
    back_to_list: "返回事项列表",
    item_not_found: "没有找到这个事项。它可能已被调整，请返回事项列表重新选择。",
    days_promised: "承诺时限",
    days_statutory: "法定时限",
    working_days: "个工作日",
    same_day: "即时办结",
    guide_basics: "基本信息",
    field_code: "事项编码",
    field_department: "主管部门",
    field_handling_body: "办理单位",
    field_kind: "办件类型",
    field_fees: "收费标准",
    field_window: "办理地点",
    field_delivery: "出件方式",
    acceptance_conditions: "受理条件",
    legal_basis: "设定依据",
    materials_heading: "申请材料清单",
    col_number: "序号",
    col_material: "材料名称",
    col_source: "来源",
    col_form: "形式",
    col_copies: "份数",
    col_requirement: "是否必需",
    col_review_points: "审查要点",
    item_count_suffix: "项",
    badge_tolerated: "可容缺",
    badge_commitment: "可承诺",
    badge_e_licence: "可免提交",
    per_person: "每人",
    either_of: "以下任选其一：",
    sub_items_heading: "办理类型",
    questions_heading: "办理前需要确认的情形",
    not_acceptable_heading: "不予受理的情形",
    notices_heading: "文书样张",
    notices_intro: "查看本中心各类通知书的样张，核对文字和版式；打印时请选择A4纸，或在打印对话框中选择“另存为PDF”。",
    notices_back: "返回文书列表",
    notice_not_found: "没有这种文书。请返回文书列表重新选择。",
    notice_template_error: "文书模板有误，请联系管理员修改模板：",
    specimen_note: "以下为样张，案件信息为示例数据。一式两联的文书，一联交申请人，一联窗口存档。",
    print: "打印",
    copy_applicant: "第一联　申请人留存",
    copy_office: "第二联　窗口存档",
    notices_link: "文书样张",
};

/// The strings in use.
pub fn t() -> &'static Text {
    &ZH_CN
}

impl Text {
    /// 办件类型.
    pub fn case_kind(&self, kind: CaseKind) -> &'static str {
        match kind {
            CaseKind::Immediate => "即办件",
            CaseKind::Committed => "承诺件",
            CaseKind::Joint => "联办件",
        }
    }

    /// 出件方式.
    pub fn delivery(&self, method: DeliveryMethod) -> &'static str {
        match method {
            DeliveryMethod::Window => "窗口领取",
            DeliveryMethod::Locker => "自助柜领取",
            DeliveryMethod::Post => "邮寄送达",
        }
    }

    /// 材料来源.
    pub fn source(&self, source: MaterialSource) -> &'static str {
        match source {
            MaterialSource::Applicant => "申请人自备",
            MaterialSource::Agency => "政府部门核发",
            MaterialSource::ELicence => "电子证照",
            MaterialSource::Desk => "窗口核验",
        }
    }

    /// 材料形式.
    pub fn form(&self, form: MaterialForm) -> &'static str {
        match form {
            MaterialForm::Original => "原件",
            MaterialForm::Copy => "复印件",
            MaterialForm::OriginalAndCopy => "原件及复印件",
            MaterialForm::Electronic => "电子版",
        }
    }

    /// 必要性.
    pub fn requirement(&self, requirement: Requirement) -> &'static str {
        match requirement {
            Requirement::Always => "必需",
            Requirement::Conditional => "特定情形需要",
            Requirement::Optional => "非必需",
        }
    }
}
