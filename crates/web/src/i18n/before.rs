//! Words of the interface in Simplified Chinese (first) and English, and the
//! sentences that explain each validation problem.

use gongjiang_domain::Problem;
use gongjiang_domain::accounts::Role;
use gongjiang_domain::members::{MembershipStatus, OrgKind, Tier};

/// The language of an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    /// 简体中文 (the default).
    Zh,
    /// English.
    En,
}

impl Lang {
    /// `zh-CN` or `en`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }
    /// From the `lang` cookie's value; Chinese unless it says `en`.
    pub fn from_cookie(value: Option<&str>) -> Lang {
        match value {
            Some("en") => Lang::En,
            _ => Lang::Zh,
        }
    }
    /// The other language's cookie value (for the switch link).
    pub fn other(self) -> &'static str {
        match self {
            Lang::Zh => "en",
            Lang::En => "zh",
        }
    }
}

/// Escapes text for HTML outside templates (templates escape by themselves).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// The interface's words: key, Chinese, English.
pub(super) const WORDS: &[(&str, &str, &str)] = &[
    (
        "app.name",
        "工匠 · 产教融合联盟平台",
        "Gongjiang · Industry–Education Alliance",
    ),
    ("nav.home", "首页", "Home"),
    ("nav.members", "成员单位", "Members"),
    ("nav.apply", "申请入盟", "Apply to join"),
    ("nav.login", "登录", "Sign in"),
    ("nav.logout", "退出", "Sign out"),
    ("nav.account", "我的账号", "My account"),
    ("nav.org", "本单位", "My unit"),
    ("nav.applications", "入盟审核", "Applications"),
    ("nav.audit", "审计日志", "Audit log"),
    ("nav.api", "API 文档", "API docs"),
    ("nav.demands", "人才需求", "Talent demand"),
    ("nav.school", "本校培养", "My school"),
    ("demand.title", "人才需求", "Talent demand"),
    ("demand.new", "发布需求", "Post a demand"),
    ("demand.kind", "类型", "Kind"),
    ("demand.post", "岗位", "Post"),
    ("demand.occupation", "职业", "Occupation"),
    ("demand.level", "技能等级", "Skill level"),
    ("demand.headcount", "人数", "Headcount"),
    ("demand.wage", "月薪（元）", "Monthly wage (yuan)"),
    ("demand.wage_min", "月薪下限（元）", "Wage from (yuan)"),
    ("demand.wage_max", "月薪上限（元）", "Wage to (yuan)"),
    ("demand.start", "开始日期", "Start"),
    ("demand.end", "结束日期", "End"),
    ("demand.night_shift", "含夜班", "Night shifts"),
    ("demand.requirements", "要求", "Requirements"),
    ("demand.enterprise", "企业", "Enterprise"),
    ("gap.title", "人才缺口", "Talent gap"),
    (
        "gap.intro",
        "按职业和技能等级，对比当年开始的招募中需求人数与对口专业当年预计毕业人数。",
        "Open demand starting in the year next to expected graduates of matching majors that year, by occupation and skill level.",
    ),
    ("gap.year", "年份", "Year"),
    ("gap.export", "导出 CSV", "Export CSV"),
    ("gap.demand", "需求", "Demand"),
    ("gap.supply", "预计毕业", "Graduates"),
    ("gap.gap", "缺口", "Gap"),
    (
        "school.title",
        "本校专业、班级与学员",
        "Majors, cohorts and trainees",
    ),
    ("school.majors", "专业", "Majors"),
    ("school.cohorts", "班级", "Cohorts"),
    ("school.trainees", "学员", "Trainees"),
    ("school.add", "添加", "Add"),
    ("school.code", "专业代码", "Code"),
    ("school.major_name", "专业名称", "Major"),
    ("school.years", "学制", "Years"),
    ("school.intake", "年招生", "Intake"),
    ("school.cohort_name", "班级名称", "Cohort name"),
    ("school.entry", "入学年", "Entry"),
    ("school.graduation", "毕业年", "Graduation"),
    ("school.size", "人数", "Size"),
    ("school.name", "姓名", "Name"),
    ("school.edit_trainee", "修改学员信息", "Change a trainee"),
    ("school.cohort", "班级", "Cohort"),
    ("school.status", "状态", "Status"),
    (
        "school.keep_identifier",
        "留空则保留原号码；重新输入则更换（系统不显示完整号码）。",
        "Leave empty to keep it; type a new one to change it (the full number is never shown).",
    ),
    ("school.id_number", "身份证号", "ID number"),
    ("school.phone", "手机（选填）", "Mobile (optional)"),
    ("school.student_no", "学号", "Student no."),
    (
        "school.consent",
        "个人信息处理目的",
        "Purpose of processing",
    ),
    ("school.reason", "查看理由", "Reason"),
    ("school.reveal", "查看完整信息", "Show in full"),
    (
        "school.revealed_logged",
        "本次查看已记录",
        "this view has been logged",
    ),
    (
        "import.refused",
        "文件中有错误，未导入任何数据。请按下表逐行修改后重新上传。",
        "The file has problems; nothing was imported. Correct each row below and upload again.",
    ),
    ("import.line", "行号", "Row"),
    ("import.column", "列", "Column"),
    ("import.problem", "问题", "Problem"),
    ("import.upload", "上传导入", "Upload"),
    ("import.template", "下载模板", "Download the template"),
    ("nav.imports", "导入", "Import"),
    ("imports.title", "导入数据", "Import"),
    (
        "imports.intro",
        "下载模板，按模板填写后上传。导入在后台进行：所有行都无误才保存；有错误时不保存任何数据，并逐行列出全部问题（格式问题和规则问题一并列出），可下载问题报告修改后重新上传。",
        "Download the template, fill it in and upload it. The import runs in the background: it stores the rows only if every row is right; otherwise it stores nothing and lists every problem row by row (format and rule problems together), with a problem report to correct and upload again.",
    ),
    (
        "imports.none",
        "您当前所在单位和角色没有可导入的数据。",
        "There is nothing your unit and role may import.",
    ),
    ("imports.total_problems", "问题总数：", "Problems in all: "),
    (
        "imports.report",
        "下载问题报告（Excel，问题写在每行旁边，改正后可直接重新上传）",
        "Download the problem report (Excel, each row's problems beside it; correct it and upload it as it is)",
    ),
    ("imports.created", "导入完成：新增 ", "Import done: "),
    ("imports.updated", " 条，更新 ", " created, "),
    ("imports.rows", " 条。", " updated."),
    (
        "import.wrong_unit",
        "本单位不能导入此类数据：学校导入专业、班级、教师和学员，企业导入人才需求，秘书处导入成员单位。",
        "Your unit cannot import this: schools import majors, cohorts, teachers and trainees, enterprises their talent demand, the secretariat member units.",
    ),
    ("nav.agreements", "合作协议", "Agreements"),
    (
        "agreements.title",
        "校企合作协议",
        "School–enterprise agreements",
    ),
    (
        "agreements.intro",
        "本单位参与的协议；60 天内到期的标注“待续签”。",
        "Agreements your unit is party to; those ending within 60 days are marked for renewal.",
    ),
    ("agreements.name", "协议名称", "Agreement"),
    ("agreements.period", "有效期", "Period"),
    ("agreements.quota", "名额", "Quota"),
    ("agreements.renew", "待续签", "renew"),
    ("agreements.new", "新建协议", "New agreement"),
    ("agreements.edit", "编辑协议", "Edit agreement"),
    ("agreements.kind", "协议类型", "Kind"),
    ("agreements.school", "学校", "School"),
    ("agreements.enterprise", "企业", "Enterprise"),
    ("agreements.start", "开始日期", "Start"),
    ("agreements.end", "结束日期", "End"),
    ("agreements.status", "协议状态", "Status"),
    ("agreements.notes", "备注", "Notes"),
    ("agreements.none", "暂无协议。", "No agreements yet."),
    ("agreements.files", "附件", "Files"),
    ("agreements.no_files", "暂无附件。", "No files yet."),
    ("agreements.file_name", "文件名", "File"),
    ("agreements.file_size", "大小", "Size"),
    ("agreements.uploaded", "上传时间", "Uploaded"),
    ("agreements.attach", "上传附件", "Attach"),
    (
        "agreements.attach_hint",
        "PDF、PNG 或 JPEG，不超过 5 MB",
        "PDF, PNG or JPEG, at most 5 MB",
    ),
    (
        "agreements.parties_fixed",
        "协议双方创建后不能更改。",
        "The parties cannot change once recorded.",
    ),
    ("agreement_kind.order_class", "订单班", "Order class"),
    (
        "agreement_kind.apprenticeship",
        "新型学徒制",
        "Apprenticeship",
    ),
    (
        "agreement_kind.position_internship",
        "岗位实习",
        "Position internship",
    ),
    (
        "agreement_kind.training_base",
        "共建实训基地",
        "Co-built training base",
    ),
    (
        "agreement_kind.industry_college",
        "产业学院",
        "Industry college",
    ),
    (
        "agreement_kind.joint_research",
        "联合研发",
        "Joint research",
    ),
    (
        "agreement_kind.faculty_exchange",
        "师资互聘",
        "Faculty exchange",
    ),
    ("agreement_status.draft", "草稿", "Draft"),
    ("agreement_status.signed", "已签署", "Signed"),
    ("agreement_status.active", "履行中", "In force"),
    ("agreement_status.expired", "已到期", "Expired"),
    ("agreement_status.terminated", "已终止", "Terminated"),
    ("export.xlsx", "导出 Excel", "Export Excel"),
    ("export.csv", "导出 CSV", "Export CSV"),
    ("form.yes", "是", "yes"),
    ("form.no", "否", "no"),
    ("school.edit", "编辑", "Edit"),
    ("school.level", "层次", "Level"),
    (
        "school.occupations",
        "对应职业（可多选）",
        "Occupations (several allowed)",
    ),
    ("school.major", "专业", "Major"),
    (
        "school.sponsor",
        "订单企业（选填）",
        "Order-class sponsor (optional)",
    ),
    ("school.edit_major", "编辑专业", "Edit major"),
    ("school.edit_cohort", "编辑班级", "Edit cohort"),
    ("school.teachers", "教师", "Teachers"),
    ("major_level.intermediate", "中级工", "Intermediate worker"),
    ("major_level.advanced", "高级工", "Advanced worker"),
    (
        "major_level.preparatory_technician",
        "预备技师",
        "Preparatory technician",
    ),
    ("major_level.secondary", "中职", "Secondary vocational"),
    (
        "major_level.associate",
        "高职专科",
        "Higher vocational (associate)",
    ),
    ("teachers.title", "本校教师", "Our teachers"),
    (
        "teachers.intro",
        "共享到联盟师资库的教师对其他成员单位可见。",
        "Teachers shared with the alliance's faculty pool are visible to other members.",
    ),
    ("teachers.add", "添加教师", "Add a teacher"),
    ("teachers.edit", "编辑教师", "Edit teacher"),
    ("teachers.name", "姓名", "Name"),
    ("teachers.employment", "聘用方式", "Employment"),
    (
        "teachers.specialties",
        "专业特长（多个用、分隔）",
        "Specialties (separate with 、 or commas)",
    ),
    ("teachers.dual", "双师等级", "Dual-qualified grade"),
    ("teachers.job_title", "职称", "Title"),
    ("teachers.level", "技能等级", "Skill level"),
    (
        "teachers.practice",
        "企业实践天数（近五年）",
        "Enterprise practice days (last five years)",
    ),
    ("teachers.practice_low", "不足 180 天", "under 180 days"),
    (
        "teachers.shared",
        "共享到联盟师资库",
        "Shared with the faculty pool",
    ),
    ("teachers.none", "暂无教师。", "No teachers yet."),
    ("item_list.products", "核心产品清单", "Core products"),
    (
        "item_list.technical_needs",
        "技术需求清单",
        "Technical needs",
    ),
    ("item_status.open", "有效", "Current"),
    ("item_status.closed", "已关闭", "Closed"),
    ("lists.title", "企业清单", "Enterprise lists"),
    (
        "lists.intro",
        "成员企业为联盟维护的三张清单：核心产品清单、技术需求清单和人才需求清单（见需求大厅）。技术需求可发展为联合攻关项目。",
        "The three lists member enterprises keep for the alliance: core products, technical needs and talent needs (on the demand board). Technical needs can grow into joint projects.",
    ),
    ("lists.talent", "人才需求清单", "Talent needs"),
    ("lists.any_segment", "全部环节", "All segments"),
    ("lists.enterprise", "企业", "Enterprise"),
    ("lists.item_title", "名称", "Title"),
    ("lists.description", "说明", "Description"),
    ("lists.status", "状态", "Status"),
    (
        "lists.none",
        "此清单暂无条目。",
        "Nothing on this list yet.",
    ),
    (
        "lists.add",
        "添加到本企业清单",
        "Add to my enterprise's lists",
    ),
    ("lists.edit", "修改清单条目", "Change a list item"),
    ("lists.list", "清单", "List"),
    ("nav.lists", "企业清单", "Enterprise lists"),
    (
        "catalogues.title",
        "产业链与职业目录",
        "Industry chain and occupations",
    ),
    (
        "catalogues.intro",
        "联盟使用的产业链环节树和职业目录。企业需求、专业和人才缺口都按这里的编码统计。",
        "The industry-chain segment tree and the occupation catalogue the alliance uses; demand, majors and the talent gap are counted by these codes.",
    ),
    ("catalogues.segments", "产业链环节", "Chain segments"),
    ("catalogues.segment", "环节", "Segment"),
    ("catalogues.code", "环节编码", "Segment code"),
    ("catalogues.occupation_count", "职业数", "Occupations"),
    (
        "catalogues.segment_form",
        "添加或修改环节",
        "Add or change a segment",
    ),
    ("catalogues.parent", "上级环节", "Parent segment"),
    ("catalogues.name_zh", "中文名称", "Chinese name"),
    ("catalogues.name_en", "英文名称", "English name"),
    ("catalogues.position", "排序", "Position"),
    ("catalogues.occupations", "职业目录", "Occupation catalogue"),
    (
        "catalogues.occupations_intro",
        "编码依《中华人民共和国职业分类大典（2022年版）》；“待核实”表示编码尚未与印刷版核对。秘书处用文件整体导入目录（按编码更新，全部通过才保存）。",
        "Codes follow the 2022 national occupational classification; \"to verify\" means not yet checked against the printed edition. The secretariat loads the catalogue from a file (matched by code; stored only if every row passes).",
    ),
    (
        "catalogues.template",
        "下载职业目录模板",
        "Download the catalogue template",
    ),
    ("catalogues.load", "导入职业目录", "Load the catalogue"),
    ("catalogues.occupation_code", "职业编码", "Occupation code"),
    ("catalogues.occupation_name", "职业名称", "Occupation"),
    ("catalogues.edition", "版本", "Edition"),
    ("catalogues.verified", "已核实", "Verified"),
    ("catalogues.unverified", "待核实", "to verify"),
    ("nav.catalogues", "职业目录", "Occupations"),
    ("faculty.title", "联盟师资库", "Alliance faculty pool"),
    (
        "faculty.intro",
        "各成员学校共享的教师，可按学校、姓名或专业特长、双师等级查找，用于跨校授课、实训指导和企业实践安排。",
        "Teachers the member schools share, searchable by school, name or specialty and dual-qualified grade, for teaching across schools, training guidance and enterprise practice.",
    ),
    ("faculty.search", "姓名或专业特长", "Name or specialty"),
    ("faculty.any_grade", "不限", "Any"),
    ("faculty.filter", "筛选", "Filter"),
    ("faculty.school", "学校", "School"),
    (
        "faculty.none",
        "没有符合条件的共享教师。",
        "No shared teacher matches.",
    ),
    ("nav.faculty", "师资库", "Faculty pool"),
    ("employment.full_time", "专任", "Full-time"),
    (
        "employment.enterprise_part_time",
        "企业兼职",
        "Part-time from an enterprise",
    ),
    ("employment.external", "外聘", "Engaged from outside"),
    ("dual_qualified.none", "无", "None"),
    ("dual_qualified.junior", "初级双师", "Junior"),
    ("dual_qualified.intermediate", "中级双师", "Intermediate"),
    ("dual_qualified.senior", "高级双师", "Senior"),
    (
        "home.renewals",
        "份合作协议将在 60 天内到期",
        "agreement(s) end within 60 days",
    ),
    ("org.products", "核心产品清单", "Core products"),
    ("org.needs", "技术需求清单", "Technical needs"),
    ("org.talent", "人才需求清单", "Talent needs"),
    ("nav.switch_lang", "English", "中文"),
    (
        "demo.banner",
        "演示模式：除理事长单位和黄石市光电子信息产业协会外，所有单位均为虚构示例；演示账号密码为 gongjiang-demo。",
        "Demo mode: apart from the chair unit and the Huangshi optoelectronics association, every unit is fictional; demo accounts use the password gongjiang-demo.",
    ),
    (
        "home.lead",
        "联盟成员单位、人才需求与培养供给在一个平台上协同。",
        "Members, talent demand and training supply, working together on one platform.",
    ),
    ("home.members_count", "现有成员单位", "Active member units"),
    ("home.browse", "浏览成员名录", "Browse the member roster"),
    (
        "home.pending",
        "待审核申请",
        "Applications waiting for review",
    ),
    ("roster.title", "成员单位名录", "Member roster"),
    (
        "roster.search",
        "搜索（汉字、全拼或拼音首字母）",
        "Search (characters, pinyin or initials)",
    ),
    ("roster.kind", "类型", "Kind"),
    ("roster.tier", "级别", "Tier"),
    ("roster.city", "城市", "City"),
    ("roster.segment", "产业链环节", "Industry segment"),
    ("roster.all", "全部", "All"),
    ("roster.filter", "筛选", "Filter"),
    ("roster.name", "单位名称", "Name"),
    ("roster.total", "共 {n} 家单位", "{n} units"),
    ("roster.none", "没有符合条件的单位。", "No unit matches."),
    ("roster.fictional", "示例", "demo"),
    ("roster.prev", "上一页", "Previous"),
    ("roster.next", "下一页", "Next"),
    ("roster.page", "第 {p} / {n} 页", "Page {p} of {n}"),
    ("org.other_names", "其他名称", "Other names"),
    ("org.short_name", "简称", "Short name"),
    (
        "org.credit_code",
        "统一社会信用代码",
        "Unified social credit code",
    ),
    ("org.district", "区县", "District"),
    ("org.address", "地址", "Address"),
    ("org.website", "网站", "Web site"),
    ("org.intro", "简介", "Introduction"),
    ("org.status", "成员状态", "Membership"),
    ("org.joined", "入盟时间", "Joined"),
    ("org.edit", "编辑资料", "Edit profile"),
    ("org.people", "人员与邀请", "People and invitations"),
    ("org.history", "成员记录", "Membership history"),
    ("org.saved", "已保存。", "Saved."),
    ("org.chair_badge", "理事长单位", "Chair unit"),
    ("apply.title", "申请加入联盟", "Apply to join the alliance"),
    (
        "apply.intro",
        "请如实填写单位信息，秘书处审核通过后单位将出现在成员名录中。",
        "Fill in your unit's details; once the secretariat approves, the unit appears on the roster.",
    ),
    ("apply.unit", "单位信息", "Unit"),
    ("apply.contact", "联系人", "Contact"),
    ("apply.requested_tier", "申请级别", "Requested tier"),
    ("apply.contact_name", "联系人姓名", "Contact name"),
    ("apply.contact_phone", "联系人手机", "Contact mobile"),
    (
        "apply.contact_email",
        "电子邮箱（选填）",
        "E-mail (optional)",
    ),
    (
        "apply.statement",
        "申请说明（选填）",
        "Statement (optional)",
    ),
    ("apply.submit", "提交申请", "Submit application"),
    (
        "apply.done",
        "申请已提交，秘书处审核后将通知联系人。",
        "Application received; the secretariat will contact you after review.",
    ),
    (
        "apply.other_names_hint",
        "如一校两牌，可填写另一名称；多个名称用顿号分隔",
        "A second name (e.g. a dual-plate school); separate several with 、",
    ),
    (
        "form.fix",
        "请修改以下标出的内容后重新提交。",
        "Please correct the marked fields and submit again.",
    ),
    ("form.save", "保存", "Save"),
    ("form.required", "必填", "required"),
    ("login.title", "登录", "Sign in"),
    ("login.login", "账号", "Login"),
    ("login.password", "密码", "Password"),
    ("login.submit", "登录", "Sign in"),
    (
        "login.first_run",
        "尚无账号：请在服务器上运行 gongjiang admin create 创建首个秘书处管理员。",
        "No accounts yet: run `gongjiang admin create` on the server to create the first secretariat administrator.",
    ),
    ("account.title", "我的账号", "My account"),
    ("account.acting", "当前身份", "Acting as"),
    ("account.switch", "切换", "Switch"),
    ("account.password", "修改密码", "Change password"),
    ("account.current_password", "当前密码", "Current password"),
    (
        "account.new_password",
        "新密码（至少 8 位）",
        "New password (at least 8 characters)",
    ),
    (
        "account.confirm_password",
        "再次输入新密码",
        "Repeat the new password",
    ),
    (
        "account.password_changed",
        "密码已修改，其他设备上的登录已退出。",
        "Password changed; your other sessions were signed out.",
    ),
    ("account.tokens", "API 令牌", "API tokens"),
    ("account.token_name", "令牌名称", "Token name"),
    ("account.token_create", "创建令牌", "Create token"),
    (
        "account.token_shown_once",
        "请立即复制此令牌，它只显示这一次：",
        "Copy this token now; it is shown only once:",
    ),
    ("account.token_revoke", "撤销", "Revoke"),
    ("account.token_revoked", "已撤销", "revoked"),
    ("account.token_last_used", "最近使用", "Last used"),
    ("account.never", "从未", "never"),
    ("people.title", "人员与邀请", "People and invitations"),
    ("people.invite", "生成邀请链接", "Create an invitation link"),
    ("people.role", "角色", "Role"),
    (
        "people.note",
        "备注（如受邀人）",
        "Note (e.g. who it is for)",
    ),
    (
        "people.link",
        "邀请链接（7 天内有效，仅可使用一次）：",
        "Invitation link (valid 7 days, works once):",
    ),
    ("people.disable", "停用", "Disable"),
    ("people.enable", "启用", "Enable"),
    ("people.invitations", "邀请记录", "Invitations"),
    ("people.used", "已使用", "used"),
    ("people.expires", "有效期至", "Expires"),
    ("invite.title", "接受邀请", "Accept invitation"),
    ("invite.intro", "您受邀加入", "You are invited to join"),
    ("invite.display_name", "显示名称", "Display name"),
    (
        "invite.login",
        "登录账号（字母、数字、. _ - @）",
        "Login (letters, digits, . _ - @)",
    ),
    ("invite.submit", "创建账号", "Create account"),
    (
        "invite.done",
        "账号已创建，请登录。",
        "Account created; please sign in.",
    ),
    ("admin.applications", "入盟申请", "Membership applications"),
    ("admin.none", "暂无待审核申请。", "No applications waiting."),
    ("admin.applied_at", "申请时间", "Applied"),
    ("admin.review", "审核", "Review"),
    ("admin.membership", "成员资格", "Membership"),
    ("admin.approve", "批准", "Approve"),
    ("admin.reject", "驳回", "Reject"),
    ("admin.suspend", "暂停", "Suspend"),
    ("admin.reinstate", "恢复", "Reinstate"),
    ("admin.end", "退出联盟", "End membership"),
    ("admin.change_tier", "调整级别", "Change tier"),
    ("admin.tier", "批准级别", "Tier"),
    ("admin.note", "备注（选填）", "Note (optional)"),
    ("admin.reason", "理由（必填）", "Reason (required)"),
    ("admin.statement", "申请说明", "Statement"),
    ("admin.decision_reason", "审核意见", "Decision"),
    ("admin.done", "已处理。", "Done."),
    ("audit.title", "审计日志", "Audit log"),
    ("audit.at", "时间", "When"),
    ("audit.actor", "操作人", "Who"),
    ("audit.action", "操作", "Action"),
    ("audit.object", "对象", "Object"),
    ("audit.change", "变更", "Change"),
    (
        "audit.filter_action",
        "操作前缀（如 membership.）",
        "Action prefix (e.g. membership.)",
    ),
    ("audit.filter_login", "操作人账号", "Actor login"),
    ("api.title", "JSON API 文档", "JSON API documentation"),
    (
        "api.intro",
        "所有接口位于 /api/v1，返回 JSON。机器可读的 OpenAPI 3.1 文档：",
        "Every endpoint lives under /api/v1 and answers JSON. Machine-readable OpenAPI 3.1 document:",
    ),
    (
        "api.auth",
        "认证：浏览器会话（写操作需 X-CSRF-Token 头），或个人 API 令牌（Authorization: Bearer gjt_…）。",
        "Authentication: a browser session (writes need the X-CSRF-Token header) or a personal API token (Authorization: Bearer gjt_…).",
    ),
    ("api.access", "权限", "Access"),
    ("api.body", "请求体", "Request body"),
    ("error.title", "出错了", "Something went wrong"),
    (
        "error.unauthenticated",
        "请先登录。",
        "Please sign in first.",
    ),
    (
        "error.forbidden",
        "您没有权限执行此操作。",
        "You are not allowed to do this.",
    ),
    ("error.not_found", "未找到该内容。", "Not found."),
    (
        "error.invalid",
        "提交的内容有误，请按提示修改。",
        "Some fields are not valid; see the messages.",
    ),
    (
        "error.wrong_state",
        "当前状态下不能执行此操作。",
        "This cannot be done in the current state.",
    ),
    (
        "error.too_many_attempts",
        "登录失败次数过多，请 {minutes} 分钟后再试。",
        "Too many failed sign-ins; try again in {minutes} minute(s).",
    ),
    (
        "error.bad_credentials",
        "账号或密码不正确。",
        "Wrong login or password.",
    ),
    (
        "error.demo_account",
        "演示账号仅在演示模式（serve --demo）下可用。",
        "Demo accounts work only in demo mode (serve --demo).",
    ),
    (
        "error.unavailable",
        "系统繁忙，请稍后重试。",
        "The system is busy; please try again shortly.",
    ),
    (
        "error.internal",
        "服务器内部错误，已记录，请稍后重试。",
        "Internal error; it has been logged. Please try again later.",
    ),
    (
        "error.csrf",
        "表单已过期或来源不明，请刷新页面后重试。",
        "The form expired or came from elsewhere; reload the page and try again.",
    ),
    (
        "error.too_large",
        "提交的内容过大。",
        "The request is too large.",
    ),
    ("nav.rounds", "匹配轮次", "Placement rounds"),
    ("rounds.title", "匹配轮次", "Placement rounds"),
    (
        "rounds.intro",
        "秘书处开启轮次后，学员按真实意愿填报志愿，企业设定录取排序；截止后由稳定匹配引擎统一录取，每个人都能看到录取或未录取的原因。",
        "The secretariat opens a round; trainees rank places in the order they really want them; enterprises choose how they rank applicants; at close the stable-matching engine places everyone at once and explains every result.",
    ),
    ("rounds.none", "暂无匹配轮次。", "No placement rounds yet."),
    ("rounds.new", "新建轮次", "New round"),
    ("rounds.edit", "修改轮次", "Edit round"),
    ("rounds.name", "名称", "Name"),
    ("rounds.kind", "类型", "Kind"),
    ("rounds.status", "状态", "Status"),
    ("rounds.max_choices", "可填志愿数", "Choices per trainee"),
    (
        "rounds.preference_deadline",
        "志愿填报截止",
        "Preferences close",
    ),
    ("rounds.ranking_deadline", "企业排序截止", "Rankings close"),
    (
        "rounds.deadline_hint",
        "北京时间，例如 2027-01-15 18:00",
        "Beijing time, e.g. 2027-01-15 18:00",
    ),
    ("rounds.places", "岗位", "Places"),
    ("rounds.participants", "参与学员", "Participants"),
    ("rounds.cohorts", "参与班级", "Cohorts taking part"),
    (
        "rounds.schools",
        "参与学校（全校）",
        "Schools taking part (all trainees)",
    ),
    ("rounds.applicants", "已填报", "Applied"),
    ("rounds.capacity", "名额", "Seats"),
    ("rounds.city", "城市", "City"),
    ("rounds.period", "时间", "Period"),
    ("rounds.save", "保存", "Save"),
    ("rounds.open", "开启填报", "Open the round"),
    ("rounds.close", "截止并求解", "Close and solve"),
    ("rounds.solve", "重新求解", "Solve again"),
    ("rounds.publish", "发布结果", "Publish the results"),
    (
        "rounds.publish_note",
        "发布后将为录取学员创建安置记录，通知所有参与者，本轮次随即冻结，不能再修改。",
        "Publishing creates placements for everyone placed, tells every participant, and freezes the round for good.",
    ),
    ("rounds.review", "审核结果", "Review"),
    ("job.title", "后台任务", "Background job"),
    (
        "job.refresh",
        "本页每秒自动刷新，完成后显示结果。",
        "This page refreshes itself every second until the work is done.",
    ),
    (
        "rounds.export",
        "导出（可用 gongjiang match --check 复核）",
        "Export (re-check with gongjiang match --check)",
    ),
    ("rounds.my_preferences", "填报我的志愿", "Rank my places"),
    (
        "rounds.enter_for",
        "代本校学员填报",
        "Enter for trainees of my school",
    ),
    ("rounds.my_result", "我的匹配结果", "My result"),
    ("rounds.our_places", "本企业岗位", "Our places"),
    (
        "rounds.applicants_of",
        "申请人与排序",
        "Applicants and ranking",
    ),
    ("rounds.results", "录取结果", "Results"),
    (
        "rounds.school_results",
        "本校学员录取情况",
        "Our trainees' results",
    ),
    ("rounds.seed", "抽签随机种子", "Lottery seed"),
    ("rounds.status.draft", "草稿", "Draft"),
    ("rounds.status.open", "填报中", "Open"),
    ("rounds.status.closed", "已截止，待求解", "Closed, solving"),
    (
        "rounds.status.solved",
        "已求解，待发布",
        "Solved, awaiting publication",
    ),
    ("rounds.status.published", "已发布", "Published"),
    ("rounds.kind.internship", "岗位实习", "Position internship"),
    ("rounds.kind.apprenticeship", "学徒", "Apprenticeship"),
    ("rounds.kind.order_class", "订单班", "Order class"),
    ("rounds.kind.job", "就业", "Job"),
    ("rounds.pref.title", "志愿填报", "Preferences"),
    (
        "rounds.pref.hint",
        "请按真实意愿从高到低填报：如实填报对你最有利，把“保底”岗位填在前面不会让你得到更好的结果。",
        "List places in the order you really want them: honesty is your best strategy, and putting a \"safe\" place first never gets you anything better.",
    ),
    ("rounds.pref.choice", "第{n}志愿", "Choice {n}"),
    ("rounds.pref.none", "（不填）", "(none)"),
    (
        "rounds.pref.closed",
        "志愿填报已截止或轮次未开放，只能查看。",
        "Preferences are closed; you can only look.",
    ),
    ("rounds.pref.entered_by", "填报人", "Entered by"),
    (
        "rounds.pref.ineligible",
        "不符合条件，求解时将跳过：",
        "Not eligible, will be skipped: ",
    ),
    ("rounds.pref.trainee", "学员", "Trainee"),
    ("rounds.pref.saved", "志愿已保存。", "Preferences saved."),
    (
        "rounds.rank.method",
        "排序方式",
        "How applicants are ranked",
    ),
    ("rounds.rank.score", "按评分规则", "By a scoring rule"),
    ("rounds.rank.order", "按上传的顺序", "By an uploaded order"),
    (
        "rounds.rank.default",
        "默认评分规则（未设定）",
        "Default scoring rule (nothing chosen)",
    ),
    (
        "rounds.rank.score_note",
        "评分相同时按抽签号（轮次截止时统一抽取）决定先后。",
        "Equal scores are ordered by lottery number, drawn once for everyone when the round closes.",
    ),
    (
        "rounds.rank.weights",
        "评分规则（每项 0–100 分）",
        "Scoring rule (0–100 points each)",
    ),
    (
        "rounds.w.level",
        "专业培养技能等级（每级）",
        "Skill level of the major (per rung)",
    ),
    (
        "rounds.w.order_class",
        "本企业订单班学员",
        "In our order class",
    ),
    (
        "rounds.w.home_city",
        "生源地与岗位同城",
        "Home city is the place's city",
    ),
    (
        "rounds.w.major_fit",
        "专业与岗位职业对口",
        "Major linked to the occupation",
    ),
    (
        "rounds.rank.use_score",
        "采用评分规则",
        "Use this scoring rule",
    ),
    (
        "rounds.rank.download",
        "下载申请人名单（可填写排名后上传）",
        "Download the applicant list (fill in the ranks, upload it back)",
    ),
    ("rounds.rank.upload", "上传排序", "Upload the order"),
    (
        "rounds.rank.closed",
        "企业排序已截止或轮次未开放。",
        "Rankings are closed.",
    ),
    ("rounds.rank.saved", "排序方式已保存。", "Ranking saved."),
    ("rounds.score", "评分", "Score"),
    ("rounds.position", "名次", "Position"),
    ("rounds.choice", "志愿", "Choice"),
    ("rounds.school", "学校", "School"),
    ("rounds.major", "专业", "Major"),
    ("rounds.cohort", "班级", "Cohort"),
    ("rounds.eligibility", "资格", "Eligibility"),
    ("rounds.eligible", "符合", "Eligible"),
    (
        "rounds.staffing",
        "在岗人数（核对实习人数上限 INT-08）",
        "In-service staff (for the intern caps, INT-08)",
    ),
    ("rounds.staff", "本企业在岗职工人数", "Our in-service staff"),
    ("rounds.post_staff", "本岗位在岗人数", "Staff on this post"),
    ("rounds.rev.placed", "已录取", "Placed"),
    ("rounds.rev.unplaced", "未录取", "Unplaced"),
    ("rounds.rev.first", "第一志愿录取", "Got their first choice"),
    ("rounds.rev.top3", "前三志愿录取", "Got a top-3 choice"),
    (
        "rounds.rev.by_enterprise",
        "各企业录取情况",
        "Fill by enterprise",
    ),
    (
        "rounds.rev.by_segment",
        "各产业链环节录取情况",
        "Fill by segment",
    ),
    (
        "rounds.rev.compare",
        "与最大安置方案对比",
        "Compared with maximum placement",
    ),
    (
        "rounds.rev.stable",
        "稳定匹配（本方案）",
        "Stable matching (this result)",
    ),
    (
        "rounds.rev.max",
        "最大安置（仅供对比，不可发布）",
        "Maximum placement (comparison only)",
    ),
    (
        "rounds.rev.blocking",
        "阻塞对（可被正当投诉的情形）",
        "Blocking pairs (justified complaints)",
    ),
    (
        "rounds.rev.total_rank",
        "志愿位次总和（越小越好）",
        "Sum of choice positions (lower is better)",
    ),
    (
        "rounds.rev.no_max",
        "本轮规模过大，未计算最大安置对比。",
        "The round is too large for the maximum-placement comparison.",
    ),
    (
        "rounds.rev.violations",
        "因不符合条件而移除的志愿",
        "Choices removed by the eligibility rules",
    ),
    (
        "rounds.rev.caps",
        "因实习人数上限调整的名额",
        "Seats cut by the intern caps",
    ),
    (
        "rounds.rev.unlisted",
        "上传顺序未列出的申请人（排在已列出者之后，按抽签号）",
        "Applicants left out of uploaded orders (ranked after the listed ones, by lottery number)",
    ),
    (
        "rounds.rev.dropped",
        "已不在参与范围内的学员志愿（已忽略）",
        "Preferences of trainees no longer taking part (ignored)",
    ),
    ("rounds.rev.rules", "规则", "Rules"),
    ("rounds.segment", "产业链环节", "Segment"),
    ("rounds.rev.seats", "名额", "Seats"),
    ("rounds.rev.filled", "录取", "Filled"),
    ("rounds.rev.rate", "录取率", "Fill rate"),
    ("rounds.rev.none", "无", "None"),
    ("rounds.rev.headcount", "需求人数", "Headcount"),
    ("rounds.rev.entries", "志愿条目", "Preference entries"),
    ("rounds.res.title", "匹配结果", "Result"),
    ("rounds.res.admitted", "录取名单", "Admitted"),
    ("rounds.res.cutoff", "录取线", "Cutoff"),
    (
        "rounds.res.no_cutoff",
        "未满额（无录取线）",
        "Not full (no cutoff)",
    ),
    ("rounds.res.lottery", "你的抽签号", "Your lottery number"),
    ("rounds.res.place", "录取岗位", "Placed at"),
    ("rounds.res.unplaced", "未录取", "Not placed"),
    (
        "round.frozen",
        "该轮次已发布并冻结，不能再修改。",
        "This round is published and frozen; nothing can change any more.",
    ),
    (
        "round.not_draft",
        "只有草稿状态的轮次可以修改或开启。",
        "Only a draft round can be changed or opened.",
    ),
    (
        "round.not_open",
        "该轮次当前未开放填报。",
        "This round is not open.",
    ),
    (
        "round.preference_deadline_passed",
        "志愿填报已截止。",
        "The preference deadline has passed.",
    ),
    (
        "round.ranking_deadline_passed",
        "企业排序已截止。",
        "The ranking deadline has passed.",
    ),
    (
        "round.not_participant",
        "该学员不在本轮次的参与范围内。",
        "This trainee does not take part in this round.",
    ),
    (
        "round.no_trainee_record",
        "你的账号尚未关联学员档案，请联系学校。",
        "Your account is not linked to a trainee record yet; ask your school.",
    ),
    (
        "round.not_closed",
        "该轮次尚未截止，不能求解。",
        "The round has not closed yet, so it cannot be solved.",
    ),
    (
        "round.not_solved",
        "该轮次尚未求解。",
        "The round has not been solved yet.",
    ),
    (
        "round.not_published",
        "该轮次的结果尚未发布。",
        "The results of this round are not published yet.",
    ),
    (
        "round.not_enterprise",
        "只有企业填报在岗职工人数。",
        "Only enterprises record in-service staff.",
    ),
    (
        "school.link_account",
        "关联学员账号",
        "Link a trainee account",
    ),
    ("school.login", "学员的登录账号", "The trainee's login"),
    // Employment (issue 5).
    ("employment.title", "就业管理", "Employment"),
    (
        "employment.intro",
        "从已发布的匹配结果确认就业，或手工录入；入职满 6 个月、12 个月时回访是否在职及工资。学校管理本校学员，企业管理本企业员工。",
        "Confirm jobs from published placements or enter them by hand; follow up 6 and 12 months after the start (still employed, wage). A school keeps its trainees' records, an employer its employees'.",
    ),
    ("employment.reminders", "待回访", "Follow-ups due"),
    ("employment.months", "个月", "-month"),
    ("employment.due_on", "应于", "due"),
    ("employment.records", "就业记录", "Employment records"),
    (
        "employment.no_records",
        "暂无就业记录。",
        "No employment records yet.",
    ),
    ("employment.trainee", "学员", "Trainee"),
    ("employment.employer", "用人单位", "Employer"),
    ("employment.school", "学校", "School"),
    ("employment.post", "岗位", "Post"),
    ("employment.start_on", "入职日期", "Start date"),
    ("employment.wage", "月工资（元）", "Monthly wage (yuan)"),
    ("employment.source", "来源", "Source"),
    (
        "employment.source.placement",
        "匹配结果确认",
        "Confirmed placement",
    ),
    ("employment.source.manual", "手工录入", "Entered by hand"),
    ("employment.outcomes", "回访", "Follow-ups"),
    ("employment.still_employed", "是否在职", "Still employed"),
    ("employment.still", "在职", "Still employed"),
    ("employment.left", "已离职", "Left"),
    ("employment.note", "备注", "Note"),
    ("employment.save_outcome", "保存回访", "Save follow-up"),
    (
        "employment.placements",
        "待确认的匹配结果",
        "Placements to confirm",
    ),
    (
        "employment.no_placements",
        "没有待确认的匹配结果。",
        "No placements waiting to be confirmed.",
    ),
    ("employment.confirm", "确认就业", "Confirm as a job"),
    ("employment.new", "手工录入就业", "Record a job by hand"),
    (
        "employment.id_number",
        "员工身份证号",
        "Employee's ID number",
    ),
    ("employment.save", "保存", "Save"),
    (
        "employment.already_confirmed",
        "该匹配结果已确认为就业记录。",
        "This placement is already confirmed as a job.",
    ),
    (
        "employment.not_due",
        "该回访节点尚未到期（入职满 6 或 12 个月后才能填写）。",
        "This follow-up is not due yet (it can be entered 6 or 12 months after the start).",
    ),
    ("funnel.title", "人才链漏斗", "Talent funnel"),
    (
        "funnel.alliance",
        "全联盟学员，",
        "All trainees of the alliance,",
    ),
    ("funnel.school", "本校学员，", "Our school's trainees,"),
    (
        "funnel.intro",
        "按阶段统计到达人数：在册 → 实习 → 就业 → 6 个月留任 → 12 个月留任。",
        "counted by the stage they reached: enrolled → interned → employed → retained at 6 → at 12 months.",
    ),
    ("funnel.group", "分组", "Group"),
    ("funnel.total", "合计", "Total"),
    ("funnel.none", "（未分组）", "(none)"),
    (
        "funnel.note",
        "“实习”按已开始（进行中或已结束）的实习记录统计；“参加评价”按已登记成绩的认定结果统计；“取证”按未撤销的证书统计。按企业分组时，取首份工作的用人单位，尚未就业的取最近一次匹配的企业。",
        "\"Interned\" counts internships that started (in progress or finished); \"evaluated\" a scored result in an evaluation session; \"certified\" a certificate that is not revoked. By enterprise: the first job's employer, or for those not employed yet the latest placement's enterprise.",
    ),
    ("funnel.by.cohort", "按班级", "By cohort"),
    ("funnel.by.major", "按专业", "By major"),
    ("funnel.by.enterprise", "按企业", "By enterprise"),
    ("funnel.stage.enrolled", "在册", "Enrolled"),
    ("funnel.stage.interned", "实习", "Interned"),
    ("funnel.stage.evaluated", "参加评价", "Evaluated"),
    ("funnel.stage.certified", "取证", "Certified"),
    ("funnel.stage.employed", "就业", "Employed"),
    ("funnel.stage.retained6", "6个月留任", "Retained 6 months"),
    (
        "funnel.stage.retained12",
        "12个月留任",
        "Retained 12 months",
    ),
    ("path.title", "我的成长档案", "My record"),
    ("path.name", "姓名", "Name"),
    ("path.student_no", "学号", "Student number"),
    ("path.id_number", "身份证号", "ID number"),
    ("path.status", "状态", "Status"),
    ("path.school", "学校", "School"),
    ("path.cohort", "班级", "Cohort"),
    ("path.major", "专业", "Major"),
    ("path.none", "暂无。", "None yet."),
    ("path.placements", "匹配结果", "Placements"),
    ("path.employment", "就业", "Employment"),
    ("path.kind", "类型", "Kind"),
    ("path.start_on", "开始日期", "Start date"),
    ("path.placed_at", "匹配时间", "Placed on"),
    ("path.wage", "月工资（元）", "Monthly wage (yuan)"),
    ("path.outcome6", "6个月回访", "6-month follow-up"),
    ("path.outcome12", "12个月回访", "12-month follow-up"),
    ("path.my_data", "我的个人数据", "My personal data"),
    (
        "path.my_data_intro",
        "下载平台保存的关于你的全部数据（含完整身份证号和手机号，请妥善保管）。每次下载都会记录在审计日志中。",
        "Download everything the platform holds about you (with your full ID and phone numbers; keep it safe). Each download is recorded in the audit log.",
    ),
    ("path.download_json", "下载 JSON", "Download JSON"),
    ("path.download_xlsx", "下载 Excel", "Download Excel"),
    (
        "home.employment_due",
        "项就业回访待填写",
        "employment follow-ups due",
    ),
    ("home.employment", "就业管理", "Employment"),
    ("home.funnel", "人才链漏斗", "Talent funnel"),
    ("home.my_record", "我的成长档案", "My record"),
    ("path.internships", "实习", "Internships"),
    ("demand_kind.job", "就业", "Job"),
    (
        "demand_kind.position_internship",
        "岗位实习",
        "Position internship",
    ),
    (
        "demand_kind.cognitive_internship",
        "认识实习",
        "Cognitive internship",
    ),
    ("demand_kind.apprenticeship", "学徒", "Apprenticeship"),
    ("demand_kind.order_class", "订单班", "Order class"),
    (
        "path.learning",
        "学习任务（工学一体化）",
        "Learning tasks (work-study)",
    ),
    ("path.completed_on", "完成日期", "Completed on"),
    ("path.evaluations", "技能等级认定", "Skill evaluations"),
    (
        "path.certificates",
        "职业技能等级证书",
        "Skill certificates",
    ),
    ("path.level", "等级", "Level"),
    ("path.held_on", "认定日期", "Evaluated on"),
    ("path.result", "结果", "Result"),
    ("path.result.passed", "合格", "Passed"),
    ("path.result.failed", "不合格", "Failed"),
    ("path.result.pending", "待登记成绩", "Awaiting scores"),
    ("path.certificate_number", "证书编号", "Certificate number"),
    ("path.issuer", "发证机构", "Issued by"),
    ("path.issued_on", "发证日期", "Issued on"),
    ("path.certificate_status", "状态", "Status"),
    ("path.cert_status.valid", "有效", "Valid"),
    ("path.cert_status.suspended", "已暂停", "Suspended"),
    ("path.cert_status.revoked", "已撤销", "Revoked"),
    ("path.open_certificate", "查验与下载", "Check and download"),
    ("path.hours", "学时", "Hours"),
    ("path.place", "地点", "Place"),
    ("path.assessor", "考核人", "Assessor"),
    ("path.period", "期间", "Period"),
    ("path.internship_status", "状态", "Status"),
    // ---- training (培养): work-study structure, learning records, internships
    ("nav.internships", "实习", "Internships"),
    (
        "training.structure",
        "一体化课程结构",
        "Work-study structure",
    ),
    (
        "training.structure_intro",
        "典型工作任务 → 一体化课程 → 学习任务（计划学时）。",
        "Typical work tasks → integrated courses → learning tasks (planned hours).",
    ),
    ("training.work_task", "典型工作任务", "Typical work task"),
    ("training.course", "一体化课程", "Integrated course"),
    ("training.learning_task", "学习任务", "Learning task"),
    (
        "training.add_work_task",
        "添加典型工作任务",
        "Add a work task",
    ),
    ("training.add_course", "添加课程", "Add a course"),
    (
        "training.add_learning_task",
        "添加学习任务",
        "Add a learning task",
    ),
    ("training.seq", "序号", "No."),
    ("training.name", "名称", "Name"),
    ("training.hours", "学时", "Hours"),
    ("training.planned_hours", "计划学时", "Planned hours"),
    ("training.description", "说明", "Description"),
    (
        "training.no_tasks",
        "尚未录入典型工作任务。",
        "No work tasks recorded yet.",
    ),
    ("training.learning", "学习记录", "Learning records"),
    (
        "training.record_learning",
        "记录完成的学习任务",
        "Record a completed learning task",
    ),
    ("training.place", "地点", "Place"),
    ("training.assessor", "考核人", "Assessor"),
    ("training.completed_on", "完成日期", "Completed on"),
    ("training.total_hours", "累计学时", "Total hours"),
    (
        "training.no_learning",
        "暂无学习记录。",
        "No learning records yet.",
    ),
    (
        "training.trainee",
        "学员培养记录",
        "Trainee's training record",
    ),
    ("learning_place.school", "学校", "School"),
    ("learning_place.enterprise", "企业", "Enterprise"),
    ("internships.title", "实习", "Internships"),
    ("internships.new", "新建实习", "New internship"),
    ("internships.edit", "修改实习", "Change the internship"),
    ("internships.none", "暂无实习。", "No internships."),
    ("internships.trainee", "学员", "Trainee"),
    ("internships.school", "学校", "School"),
    ("internships.host", "实习单位", "Host"),
    ("internships.post", "岗位", "Post"),
    ("internships.kind", "实习类型", "Kind"),
    ("internships.period", "实习期间", "Period"),
    ("internships.status", "状态", "Status"),
    (
        "internships.supervisors",
        "指导教师 / 企业导师",
        "School / host supervisor",
    ),
    (
        "internships.hours",
        "每日 / 每周工时",
        "Hours per day / week",
    ),
    (
        "internships.schedule",
        "夜班 / 加班 / 法定节假日",
        "Night / overtime / holidays",
    ),
    (
        "internships.pay",
        "月报酬 / 同岗位工资（元）",
        "Pay / same-post wage (yuan)",
    ),
    ("internships.fees", "收取费用（元）", "Fees charged (yuan)"),
    (
        "internships.insurance",
        "实习责任保险",
        "Liability insurance",
    ),
    ("internships.hazards", "岗位风险", "Hazards of the post"),
    ("internships.relation", "专业相关度", "Specialty relation"),
    (
        "internships.self_found",
        "自行选择实习单位",
        "Self-found host",
    ),
    ("internships.yes", "是", "yes"),
    ("internships.no", "否", "no"),
    (
        "internships.check",
        "实习规则检查（INT-01…INT-14）",
        "Rule check (INT-01…INT-14)",
    ),
    (
        "internships.check_ok",
        "全部规则满足。",
        "Every rule is met.",
    ),
    (
        "internships.hard",
        "硬性（阻止开始）",
        "hard (blocks the start)",
    ),
    ("internships.soft", "提示", "warning"),
    (
        "internships.warnings",
        "开始时的提示",
        "Warnings at the start",
    ),
    ("internships.documents", "材料", "Documents"),
    (
        "internships.no_documents",
        "尚未上传材料。",
        "No documents yet.",
    ),
    ("internships.attach", "上传", "Upload"),
    (
        "internships.attach_hint",
        "PDF、PNG 或 JPEG，不超过 5 MB",
        "PDF, PNG or JPEG, at most 5 MB",
    ),
    ("internships.mark_ready", "标记为待开始", "Mark ready"),
    ("internships.back_to_draft", "退回草稿", "Back to draft"),
    ("internships.start", "开始实习", "Start the internship"),
    ("internships.finish", "结束实习", "Finish"),
    ("internships.terminate", "终止实习", "Terminate"),
    (
        "internships.override",
        "秘书处越过硬性规则启动",
        "Secretariat: start despite hard failures",
    ),
    (
        "internships.override_reason",
        "书面理由（至少 10 个字，将记录并审计）",
        "Written reason (at least 10 characters; recorded and audited)",
    ),
    ("internships.overrides", "越规启动记录", "Overrides"),
    (
        "internships.refused",
        "实习未能开始，以下硬性规则未满足：",
        "The internship cannot start; these hard rules fail:",
    ),
    ("internships.log", "实习周志", "Weekly log"),
    ("internships.week", "周（周一）", "Week (Monday)"),
    ("internships.content", "内容", "Content"),
    ("internships.comment", "企业意见", "Host's comment"),
    (
        "internships.write_log",
        "填写本周周志",
        "Write a week's entry",
    ),
    ("internships.confirm", "确认", "Confirm"),
    ("internships.query", "质询", "Query"),
    (
        "internships.missing_weeks",
        "缺少周志的周",
        "Weeks without an entry",
    ),
    (
        "internships.no_missing",
        "没有缺少的周志。",
        "No missing weeks.",
    ),
    ("internships.visits", "巡查记录", "Visits"),
    ("internships.record_visit", "记录巡查", "Record a visit"),
    ("internships.visited_on", "巡查日期", "Date of the visit"),
    ("internships.note", "情况", "Note"),
    ("internships.by", "记录人", "By"),
    (
        "internship_kind.cognitive",
        "认识实习",
        "Cognitive internship",
    ),
    (
        "internship_kind.position",
        "岗位实习",
        "Position internship",
    ),
    ("internship_status.draft", "草稿", "Draft"),
    ("internship_status.ready", "待开始", "Ready"),
    ("internship_status.in_progress", "进行中", "In progress"),
    ("internship_status.finished", "已结束", "Finished"),
    ("internship_status.terminated", "已终止", "Terminated"),
    ("specialty_relation.matching", "对口", "Matching"),
    ("specialty_relation.close", "相近", "Close"),
    (
        "specialty_relation.cross_category",
        "跨大类",
        "Cross-category",
    ),
    ("premium_payer.school", "学校", "School"),
    ("premium_payer.host", "实习单位", "Host"),
    ("premium_payer.student", "学生", "Student"),
    (
        "hazard.minor_forbidden",
        "未成年工禁忌",
        "Forbidden for minors",
    ),
    (
        "hazard.female_forbidden",
        "女职工禁忌",
        "Forbidden for women",
    ),
    (
        "hazard.heavy_labour",
        "体力劳动强度 III 级以上",
        "Physical labour grade III+",
    ),
    (
        "hazard.entertainment_venue",
        "营业性娱乐场所",
        "Entertainment venue",
    ),
    ("hazard.height", "高处作业", "Work at height"),
    ("hazard.underground", "井下", "Underground"),
    ("hazard.radiation", "放射性", "Radiation"),
    ("hazard.toxic", "有毒有害", "Toxic"),
    ("hazard.flammable", "易燃易爆", "Flammable or explosive"),
    (
        "document_kind.agreement",
        "三方协议",
        "Tripartite agreement",
    ),
    (
        "document_kind.guardian_consent",
        "监护人同意书",
        "Guardian's consent",
    ),
    (
        "document_kind.consent_form",
        "知情同意书",
        "Informed-consent form",
    ),
    ("log_status.submitted", "待确认", "Submitted"),
    ("log_status.confirmed", "已确认", "Confirmed"),
    ("log_status.queried", "已质询", "Queried"),
    (
        "internship.not_editable",
        "实习已开始或已结束，不能再修改。",
        "The internship has started or ended; it can no longer change.",
    ),
    (
        "internship.not_ready",
        "只有“待开始”的实习可以开始。",
        "Only a ready internship can start.",
    ),
    (
        "internship.nothing_to_override",
        "没有需要越过的硬性规则，请由学校直接开始。",
        "No hard rule fails; the school can start it directly.",
    ),
    (
        "internship.wrong_move",
        "实习不能从当前状态转到该状态。",
        "The internship cannot move to that status from where it stands.",
    ),
    (
        "internship.not_in_progress",
        "只有进行中的实习可以填写周志。",
        "Only an internship in progress takes log entries.",
    ),
    (
        "internship.log_confirmed",
        "该周周志已确认，不能修改。",
        "That week's entry is confirmed and can no longer change.",
    ),
    (
        "internship.log_reviewed",
        "该周志已处理。",
        "That entry has already been reviewed.",
    ),
    (
        "int.host_not_legal_entity",
        "实习单位须为法人或依法登记的组织（缺少统一社会信用代码）。",
        "The host must be a legal person or registered organisation (it has no credit code).",
    ),
    (
        "int.under_age",
        "学员开始实习时 {age} 岁，未满 {min} 周岁不得参加岗位实习。",
        "The trainee is {age} at the start; position interns must be at least {min}.",
    ),
    (
        "int.first_year",
        "一年级学生不得参加岗位实习。",
        "First-year students may not take position internships.",
    ),
    (
        "int.no_cohort",
        "学员未分班，无法确认年级。",
        "The trainee has no cohort, so the year of study is unknown.",
    ),
    (
        "int.minor_forbidden_work",
        "学员未成年（{age} 岁），岗位含未成年工禁忌从事的劳动。",
        "The trainee is a minor ({age}) and the post includes work forbidden for minors.",
    ),
    (
        "int.female_forbidden_work",
        "岗位含女职工禁忌从事的劳动。",
        "The post includes work forbidden for women.",
    ),
    (
        "int.entertainment_venue",
        "不得安排在营业性娱乐场所实习。",
        "No internship at a commercial entertainment venue.",
    ),
    (
        "int.intermediary",
        "不得通过中介机构或有偿代理安排实习。",
        "No intermediary or paid agent may arrange the internship.",
    ),
    (
        "int.heavy_labour",
        "不得安排体力劳动强度 III 级及以上的岗位。",
        "No post of physical labour grade III or above.",
    ),
    ("int.night_shift", "不得安排夜班。", "No night shifts."),
    ("int.overtime", "不得安排加班。", "No overtime."),
    (
        "int.holiday_work",
        "不得在法定节假日安排实习。",
        "No work on statutory holidays.",
    ),
    (
        "int.daily_hours",
        "每日工作 {hours} 小时，超过 {max} 小时。",
        "{hours} hours a day exceeds {max}.",
    ),
    (
        "int.weekly_hours",
        "每周工作 {hours} 小时，超过 {max} 小时。",
        "{hours} hours a week exceeds {max}.",
    ),
    (
        "int.high_risk",
        "岗位含高风险作业（{hazards}），且未登记专业特殊要求的备案。",
        "The post includes high-risk work ({hazards}) with no filed exception.",
    ),
    (
        "int.high_risk_filed",
        "岗位含高风险作业（{hazards}），已登记备案，请确认防护措施。",
        "The post includes high-risk work ({hazards}) under a filed exception; check the protection.",
    ),
    (
        "int.no_reference_wage",
        "未填写同岗位工资，无法核对报酬不低于其一定比例。",
        "No same-post wage entered, so the pay share cannot be checked.",
    ),
    (
        "int.pay_too_low",
        "月报酬 {pay} 元，低于同岗位工资 {reference} 元的 {percent}%。",
        "Pay of {pay} yuan is below {percent}% of the same post's {reference} yuan.",
    ),
    (
        "int.fees_charged",
        "向学生收取了 {fees} 元费用，应为 0。",
        "{fees} yuan in fees were charged; it must be 0.",
    ),
    (
        "int.host_staff_missing",
        "实习单位未登记在岗职工人数，无法核对 10% 比例。",
        "The host has not recorded its in-service staff, so the intern ratio cannot be checked.",
    ),
    (
        "int.host_ratio",
        "实习单位同期岗位实习生将达 {interns} 人，超过在岗职工 {staff} 人的 {percent}%。",
        "The host would have {interns} position interns, over {percent}% of its {staff} staff.",
    ),
    (
        "int.post_staff_missing",
        "该岗位未登记在岗人数，未核对岗位比例。",
        "The post's staff is not recorded; the post ratio was not checked.",
    ),
    (
        "int.post_ratio",
        "该岗位同期实习生将达 {interns} 人，超过岗位在岗 {staff} 人的 {percent}%。",
        "The post would have {interns} interns, over {percent}% of its {staff} staff.",
    ),
    (
        "int.too_long",
        "实习 {months} 个月，超过 {max} 个月上限。",
        "{months} months exceeds the {max}-month limit.",
    ),
    (
        "int.short",
        "实习 {months} 个月，少于 {min} 个月。",
        "{months} months is under {min} months.",
    ),
    (
        "int.long",
        "实习 {months} 个月，超过一般的 {typical} 个月。",
        "{months} months is over the usual {typical}.",
    ),
    (
        "int.typical_tasks_unconfirmed",
        "教师尚未确认岗位覆盖专业典型工作任务。",
        "No teacher has confirmed that the post covers the typical work tasks.",
    ),
    (
        "int.cross_category",
        "岗位跨专业大类，且无经批准的例外。",
        "The post crosses the specialty category without an approved exception.",
    ),
    (
        "int.no_agreement",
        "尚未上传学校、实习单位、学生三方签署的实习协议。",
        "No tripartite agreement (school, host, student) is attached.",
    ),
    (
        "int.no_guardian_signature",
        "学员未成年（{age} 岁），须有监护人签字同意。",
        "The trainee is a minor ({age}); the guardian must sign.",
    ),
    (
        "int.no_consent_form",
        "学校安排的岗位实习须有学生及监护人签署的知情同意书。",
        "A school-arranged position internship needs the signed informed-consent form.",
    ),
    (
        "int.no_insurance",
        "未填写实习责任保险（保险公司和保单号）。",
        "No internship liability insurance (insurer and policy number).",
    ),
    (
        "int.cover_gap",
        "保险期间未覆盖整个实习期。",
        "The insurance does not cover the whole internship.",
    ),
    (
        "int.student_pays_premium",
        "保险费不得由学生承担。",
        "The premium may not be charged to the student.",
    ),
    (
        "int.no_premium_payer",
        "未填写保险费承担方（学校或实习单位）。",
        "Who pays the premium (school or host) is not recorded.",
    ),
    (
        "int.no_school_supervisor",
        "未指定学校指导教师。",
        "No school supervisor is named.",
    ),
    (
        "int.no_host_supervisor",
        "未指定企业指导人员。",
        "No host supervisor is named.",
    ),
    (
        "int.self_found_without_guardian",
        "未成年学员自行选择实习单位须与监护人共同决定（缺少监护人同意书）。",
        "A minor choosing their own host does so with the guardian (no guardian consent attached).",
    ),
    // Evaluation and certificates (issue 5).
    ("nav.evaluation", "技能评价", "Skill evaluation"),
    ("evaluation.title", "技能等级认定", "Skill-level evaluation"),
    ("evaluation.sessions", "认定批次", "Evaluation sessions"),
    (
        "evaluation.institutions",
        "评价机构",
        "Evaluation institutions",
    ),
    ("evaluation.new_session", "新建认定批次", "New session"),
    ("evaluation.occupation", "职业", "Occupation"),
    ("evaluation.level", "等级", "Level"),
    ("evaluation.held_on", "认定日期", "Date"),
    ("evaluation.venue", "考点", "Venue"),
    ("evaluation.examiners", "考评员", "Examiners"),
    ("evaluation.candidates", "考生", "Candidates"),
    (
        "evaluation.add_candidate",
        "添加考生（资格审核）",
        "Add a candidate (eligibility checked)",
    ),
    ("evaluation.trainee_id", "学员编号", "Trainee id"),
    ("evaluation.theory", "理论知识", "Theory"),
    ("evaluation.practical", "操作技能", "Practical"),
    ("evaluation.review", "综合评审", "Review"),
    ("evaluation.result", "结果", "Result"),
    ("evaluation.passed", "合格", "Passed"),
    ("evaluation.record_scores", "登记成绩", "Record scores"),
    ("evaluation.failed", "不合格", "Failed"),
    ("evaluation.unscored", "未录入", "Not scored"),
    ("evaluation.save_scores", "保存成绩", "Save scores"),
    ("evaluation.matched", "符合条件", "Matched"),
    (
        "evaluation.pass_mark",
        "合格线（每部分）",
        "Pass mark (each part)",
    ),
    ("evaluation.issue", "签发证书", "Issue certificate"),
    (
        "evaluation.issue_all",
        "为全部合格考生签发证书",
        "Issue certificates to every passing candidate",
    ),
    ("evaluation.certificate", "证书", "Certificate"),
    ("evaluation.filings", "备案", "Filings"),
    ("evaluation.codes", "机构代码", "Codes"),
    (
        "evaluation.api_hint",
        "登记机构与备案、考生资格审核通过 /api/v1/evaluation 接口完成（见 API 文档）；新建批次和登记成绩在页面上完成。",
        "Registering institutions and filings and admitting candidates go through /api/v1/evaluation (see the API docs); sessions are created and scores recorded on the pages.",
    ),
    ("level.level5", "五级/初级工", "Level 5 / Junior worker"),
    (
        "level.level4",
        "四级/中级工",
        "Level 4 / Intermediate worker",
    ),
    ("level.level3", "三级/高级工", "Level 3 / Senior worker"),
    ("level.level2", "二级/技师", "Level 2 / Technician"),
    (
        "level.level1",
        "一级/高级技师",
        "Level 1 / Senior technician",
    ),
    (
        "evaluation.no_sessions",
        "暂无认定批次。",
        "No sessions yet.",
    ),
    (
        "evaluation.not_eligible",
        "该学员不符合申报条件，各项条件的核验结果见下。",
        "The trainee does not meet the conditions to apply; each condition's check is below.",
    ),
    (
        "evaluation.eligibility",
        "申报条件核验",
        "Eligibility check",
    ),
    ("evaluation.evidence", "依据", "Evidence"),
    ("evaluation.met", "满足", "Met"),
    ("evaluation.not_met", "不满足", "Not met"),
    (
        "evaluation.not_institution",
        "本单位尚未登记为评价机构。",
        "Your unit is not registered as an evaluation institution.",
    ),
    (
        "evaluation.result_certified",
        "该成绩已签发证书，不能修改；如需更正，请先撤销证书再重新签发。",
        "A certificate has been issued for this result, so it cannot be changed; revoke the certificate first, then reissue.",
    ),
    (
        "certificate.no_filing",
        "本机构在签发日没有覆盖该职业和等级的有效备案，不能签发证书。",
        "Your institution has no filing in force on the issue date for this occupation and level, so it cannot issue.",
    ),
    (
        "certificate.not_passed",
        "只有合格的成绩才能签发证书。",
        "Only a passing result can be certified.",
    ),
    (
        "certificate.already_issued",
        "该成绩已签发证书，不能重复签发。",
        "A certificate has already been issued for this result.",
    ),
    (
        "certificate.revoked",
        "该证书已撤销。",
        "This certificate is revoked.",
    ),
    (
        "certificate.suspended",
        "该证书已暂停。",
        "This certificate is suspended.",
    ),
    (
        "certificate.valid",
        "该证书有效，未被暂停。",
        "This certificate is valid, not suspended.",
    ),
    (
        "certificate.serials_exhausted",
        "本年度证书序号已用完。",
        "This year's certificate serials are used up.",
    ),
    ("certificates.title", "证书", "Certificates"),
    ("certificates.revoke", "撤销", "Revoke"),
    ("certificates.suspend", "暂停", "Suspend"),
    ("certificates.reinstate", "恢复", "Reinstate"),
    ("certificates.print", "打印", "Print"),
    (
        "certificates.reason",
        "原因（公开，勿含个人信息）",
        "Reason (public; no personal data)",
    ),
    ("verify.title", "证书查验", "Certificate check"),
    (
        "verify.outcome.valid",
        "有效：签名正确，证书未被撤销或暂停",
        "Valid: the signature checks out and the certificate is neither revoked nor suspended",
    ),
    ("verify.outcome.revoked", "已撤销", "Revoked"),
    ("verify.outcome.suspended", "已暂停", "Suspended"),
    ("verify.outcome.expired", "已过期", "Expired"),
    ("verify.outcome.not_yet_valid", "尚未生效", "Not yet valid"),
    (
        "verify.outcome.bad_signature",
        "签名不符：证书内容被改动或非本机构签发",
        "Signature does not match: altered, or not signed by this institution",
    ),
    (
        "verify.outcome.unknown_key",
        "签名密钥未公布",
        "Signed with an unpublished key",
    ),
    (
        "verify.outcome.key_not_for_issuer",
        "签名密钥不属于颁证机构",
        "The signing key does not belong to the issuer",
    ),
    (
        "verify.outcome.malformed",
        "证书文件格式不正确",
        "The certificate file is malformed",
    ),
    (
        "verify.outcome.unsupported_cryptosuite",
        "不支持的签名算法",
        "Unsupported signature suite",
    ),
    ("verify.reason", "原因", "Reason"),
    ("verify.since", "自", "since"),
    ("verify.name", "证书名称", "Certificate"),
    (
        "verify.name_value",
        "职业技能等级证书",
        "Skill-level certificate",
    ),
    ("verify.number", "证书编号", "Number"),
    ("verify.holder", "持证人", "Holder"),
    ("verify.occupation", "职业名称", "Occupation"),
    ("verify.subtype", "工种/职业方向", "Sub-trade / direction"),
    ("verify.level", "职业技能等级", "Skill level"),
    ("verify.issuer", "评价机构", "Evaluation institution"),
    ("verify.authorized_by", "授权", "Authorized by"),
    ("verify.issued_on", "发证日期", "Issue date"),
    ("verify.signature", "电子签名", "Signature"),
    (
        "verify.signature_ok",
        "Ed25519 签名核验通过",
        "Ed25519 signature verified",
    ),
    (
        "verify.no_details",
        "签名未通过核验，不显示证书内容。",
        "The signature did not verify, so no content is shown.",
    ),
    (
        "verify.download",
        "下载电子证书（JSON）",
        "Download the credential (JSON)",
    ),
    (
        "verify.offline_hint",
        "可用 gongjiang verify 离线核验，密钥见颁证机构的 DID 文档。",
        "Check it offline with gongjiang verify and the issuer's DID document.",
    ),
    (
        "verify.privacy",
        "本页只显示脱敏姓名，不显示身份证号和手机号。",
        "This page shows the masked name only, never ID or phone numbers.",
    ),
    (
        "print.body",
        "经评价，该持证人达到以下职业技能等级，特发此证。",
        "Having been evaluated, the holder has reached the skill level below; this certificate is issued.",
    ),
    ("print.id_type", "证件类型", "ID document"),
    ("print.id_number", "证件号码", "ID number"),
    ("print.status", "状态", "Status"),
    ("print.qr_alt", "扫码查验", "Scan to verify"),
    (
        "print.note",
        "扫描二维码或访问下方网址查验真伪。电子证书由评价机构以 Ed25519 签名，可离线核验。",
        "Scan the QR code or open the address below to verify. The credential is signed with the institution's Ed25519 key and can be checked offline.",
    ),
    (
        "print.hint",
        "用浏览器的“打印”功能输出 A4 纸质证书。",
        "Use the browser's Print command for an A4 paper certificate.",
    ),
];

/// The word for `key` in `lang` (the key itself when missing, which a test forbids).
pub fn tr(lang: Lang, key: &str) -> &'static str {
    match WORDS.iter().find(|(k, _, _)| *k == key) {
        Some((_, zh, en)) => match lang {
            Lang::Zh => zh,
            Lang::En => en,
        },
        None => {
            tracing::warn!(key, "missing interface word");
            "?"
        }
    }
}

/// Whether `key` exists (for tests).
pub fn has(key: &str) -> bool {
    WORDS.iter().any(|(k, _, _)| *k == key)
}

/// The word for a stored choice (`group` `agreement_kind`, `value` `order_class`),
/// or the value itself when there is none.
pub fn choice(lang: Lang, group: &str, value: &str) -> String {
    let key = format!("{group}.{value}");
    if has(&key) {
        tr(lang, &key).to_string()
    } else {
        value.to_string()
    }
}

/// The label of a form or JSON field.
pub fn field_label(lang: Lang, field: &str) -> &'static str {
    let pair = match field {
        "kind" => ("单位类型", "Kind"),
        "name" => ("单位名称", "Name"),
        "other_names" => ("其他名称", "Other names"),
        "short_name" => ("简称", "Short name"),
        "credit_code" => ("统一社会信用代码", "Credit code"),
        "city" => ("城市", "City"),
        "district" => ("区县", "District"),
        "address" => ("地址", "Address"),
        "website" => ("网站", "Web site"),
        "intro" => ("简介", "Introduction"),
        "segments" => ("产业链环节", "Segments"),
        "requested_tier" => ("申请级别", "Requested tier"),
        "tier" => ("级别", "Tier"),
        "contact_name" => ("联系人姓名", "Contact name"),
        "contact_phone" => ("联系人手机", "Contact mobile"),
        "contact_email" => ("电子邮箱", "E-mail"),
        "statement" => ("申请说明", "Statement"),
        "reason" => ("理由", "Reason"),
        "note" => ("备注", "Note"),
        "login" => ("账号", "Login"),
        "password" => ("密码", "Password"),
        "current_password" => ("当前密码", "Current password"),
        "new_password" => ("新密码", "New password"),
        "confirm_password" => ("确认密码", "Password confirmation"),
        "display_name" => ("显示名称", "Display name"),
        "post_name" => ("岗位", "Post"),
        "occupation_code" => ("职业", "Occupation"),
        "segment_code" => ("产业链环节", "Segment"),
        "min_level" => ("技能等级", "Skill level"),
        "headcount" => ("人数", "Headcount"),
        "wage_min" => ("月薪下限", "Wage from"),
        "wage_max" => ("月薪上限", "Wage to"),
        "start_on" => ("开始日期", "Start date"),
        "end_on" => ("结束日期", "End date"),
        "night_shift" => ("夜班", "Night shift"),
        "requirements" => ("要求", "Requirements"),
        "status" => ("状态", "Status"),
        "code" => ("代码", "Code"),
        "level" => ("层次", "Level"),
        "length_years" => ("学制", "Length"),
        "annual_intake" => ("年招生人数", "Annual intake"),
        "occupations" => ("对应职业", "Occupations"),
        "major_id" => ("专业", "Major"),
        "entry_year" => ("入学年份", "Entry year"),
        "graduation_year" => ("毕业年份", "Graduation year"),
        "size" => ("人数", "Size"),
        "sponsor_org_id" => ("订单企业", "Sponsor"),
        "sponsor_credit_code" => ("订单企业信用代码", "Sponsor's credit code"),
        "major_code" => ("专业代码", "Major code"),
        "major_level" => ("专业层次", "Major level"),
        "id_number" => ("身份证号", "ID number"),
        "phone" => ("手机号", "Mobile"),
        "student_no" => ("学号", "Student number"),
        "cohort_id" => ("班级", "Cohort"),
        "consent_purpose" => ("个人信息处理目的", "Purpose of processing"),
        "org_id" => ("单位", "Unit"),
        "list" => ("清单", "List"),
        "parent_code" => ("上级环节", "Parent segment"),
        "name_zh" => ("中文名称", "Chinese name"),
        "name_en" => ("英文名称", "English name"),
        "position" => ("排序", "Position"),
        "description" => ("说明", "Description"),
        "school_org_id" => ("学校", "School"),
        "enterprise_org_id" => ("企业", "Enterprise"),
        "quota" => ("名额", "Quota"),
        "notes" => ("备注", "Notes"),
        "file" => ("附件", "File"),
        "cohort" => ("班级名称", "Cohort"),
        "employment" => ("聘用方式", "Employment"),
        "specialties" => ("专业特长", "Specialties"),
        "dual_qualified" => ("双师等级", "Dual-qualified grade"),
        "title" => ("职称", "Title"),
        "skill_level" => ("技能等级", "Skill level"),
        "practice_days" => ("企业实践天数", "Enterprise practice days"),
        "shared" => ("共享到师资库", "Shared with the pool"),
        "role" => ("角色", "Role"),
        "action" => ("操作", "Action"),
        "demand_ids" => ("岗位", "Places"),
        "cohort_ids" => ("参与班级", "Cohorts"),
        "school_ids" => ("参与学校", "Schools"),
        "max_choices" => ("可填志愿数", "Choices per trainee"),
        "preference_deadline" => ("志愿填报截止时间", "Preference deadline"),
        "ranking_deadline" => ("企业排序截止时间", "Ranking deadline"),
        "trainee_id" => ("学员", "Trainee"),
        "trainee_ids" => ("排序名单", "Order"),
        "staff_count" => ("在岗人数", "Staff count"),
        "rank" => ("排名", "Rank"),
        "method" => ("排序方式", "Method"),
        "weights.level" => ("技能等级权重", "Skill-level weight"),
        "weights.order_class" => ("订单班权重", "Order-class weight"),
        "weights.home_city" => ("生源地权重", "Home-city weight"),
        "weights.major_fit" => ("专业对口权重", "Major-fit weight"),
        "body" => ("请求体", "Request body"),
        // training
        "seq" => ("序号", "No."),
        "hours" => ("学时", "Hours"),
        "learning_task_id" => ("学习任务", "Learning task"),
        "place" => ("地点", "Place"),
        "assessor" => ("考核人", "Assessor"),
        "completed_on" => ("完成日期", "Completed on"),
        "host_org_id" => ("实习单位", "Host"),
        "demand_id" => ("岗位需求", "Demand"),
        "school_supervisor" => ("学校指导教师", "School supervisor"),
        "host_supervisor" => ("企业指导人员", "Host supervisor"),
        "daily_hours" => ("每日工时", "Hours per day"),
        "weekly_hours" => ("每周工时", "Hours per week"),
        "overtime" => ("加班", "Overtime"),
        "holiday_work" => ("法定节假日上班", "Holiday work"),
        "pay_monthly" => ("月报酬", "Monthly pay"),
        "reference_wage" => ("同岗位工资", "Same-post wage"),
        "fees_charged" => ("收取费用", "Fees charged"),
        "intermediary" => ("中介参与", "Intermediary"),
        "insurer" => ("保险公司", "Insurer"),
        "policy_no" => ("保单号", "Policy number"),
        "cover_from" => ("保险起始日", "Cover from"),
        "cover_to" => ("保险截止日", "Cover to"),
        "premium_payer" => ("保险费承担方", "Premium payer"),
        "hazards" => ("岗位风险", "Hazards"),
        "exception_filing_ref" => ("特殊要求备案号", "Exception filing"),
        "specialty_relation" => ("专业相关度", "Specialty relation"),
        "relation_exception" => ("跨大类例外批准", "Approved exception"),
        "self_found" => ("自行选择实习单位", "Self-found host"),
        "covers_typical_tasks" => ("覆盖典型工作任务", "Covers typical tasks"),
        "week_of" => ("周", "Week"),
        "content" => ("内容", "Content"),
        "comment" => ("意见", "Comment"),
        "decision" => ("处理", "Decision"),
        "visited_on" => ("巡查日期", "Date of the visit"),
        "institution_code" => ("评价机构代码", "Institution code"),
        "province_code" => ("省份代码", "Province code"),
        "site_code" => ("机构（站点）序号", "Site code"),
        "levels" => ("备案等级", "Filed levels"),
        "filed_with" => ("备案机关", "Filed with"),
        "reference" => ("备案文号", "Filing reference"),
        "valid_from" => ("生效日期", "Valid from"),
        "valid_to" => ("截止日期", "Valid to"),
        "held_on" => ("认定日期", "Date"),
        "venue" => ("考点", "Venue"),
        "examiners" => ("考评员", "Examiners"),
        "theory_score" => ("理论知识成绩", "Theory score"),
        "practical_score" => ("操作技能成绩", "Practical score"),
        "review_score" => ("综合评审成绩", "Review score"),
        "candidate_id" => ("考生", "Candidate"),
        _ => ("该字段", "This field"),
    };
    match lang {
        Lang::Zh => pair.0,
        Lang::En => pair.1,
    }
}

/// A sentence naming the field and what is wrong with it.
pub fn problem_message(lang: Lang, field: &str, problem: &Problem) -> String {
    labelled(lang, field_label(lang, field), problem)
}

/// A sentence naming a column by `label` and what is wrong with it.
pub fn labelled(lang: Lang, label: &str, problem: &Problem) -> String {
    let zh = lang == Lang::Zh;
    let what = match problem {
        Problem::Required => {
            if zh {
                "不能为空".to_string()
            } else {
                "is required".to_string()
            }
        }
        Problem::TooLong { max } => {
            if zh {
                format!("不能超过 {max} 个字符")
            } else {
                format!("must be at most {max} characters")
            }
        }
        Problem::TooShort { min } => {
            if zh {
                format!("至少需要 {min} 个字符")
            } else {
                format!("must be at least {min} characters")
            }
        }
        Problem::WrongLength { expected } => {
            if zh {
                format!("应为 {expected} 位")
            } else {
                format!("must be exactly {expected} characters")
            }
        }
        Problem::InvalidFormat => {
            if zh {
                "格式不正确".to_string()
            } else {
                "has the wrong format".to_string()
            }
        }
        Problem::InvalidCharacter { character } => {
            if zh {
                format!("含有不允许的字符“{character}”")
            } else {
                format!("contains the character '{character}', which is not allowed")
            }
        }
        Problem::CheckCharacterMismatch { expected } => {
            if zh {
                format!("校验位不正确（按前 17 位计算应为 {expected}），请核对")
            } else {
                format!("has a wrong check character (it should be {expected}); please check it")
            }
        }
        Problem::InvalidDate => {
            if zh {
                "日期不存在".to_string()
            } else {
                "is not a real date".to_string()
            }
        }
        Problem::DateInFuture => {
            if zh {
                "日期不能晚于今天".to_string()
            } else {
                "cannot be in the future".to_string()
            }
        }
        Problem::UnknownRegion => {
            if zh {
                "地区代码不存在".to_string()
            } else {
                "has an unknown region code".to_string()
            }
        }
        Problem::InvalidChoice => {
            if zh {
                "不是可选的值".to_string()
            } else {
                "is not one of the allowed choices".to_string()
            }
        }
        Problem::OutOfRange { min, max } => {
            if zh {
                format!("应在 {min} 到 {max} 之间")
            } else {
                format!("must be between {min} and {max}")
            }
        }
        Problem::AlreadyTaken => {
            if zh {
                "已被其他记录使用（该单位可能已是成员或已提交申请）".to_string()
            } else {
                "is already used by another record (the unit may already be a member or have applied)".to_string()
            }
        }
        Problem::PasswordsDiffer => {
            if zh {
                "两次输入的密码不一致".to_string()
            } else {
                "does not match the new password".to_string()
            }
        }
        Problem::PasswordTooCommon => {
            if zh {
                "过于常见或包含账号、姓名、单位名称，请换一个".to_string()
            } else {
                "is too common or contains your login, name or unit; choose another".to_string()
            }
        }
        Problem::PasswordTooSimple => {
            if zh {
                "需包含大写字母、小写字母、数字、符号中的至少三类（等保要求）".to_string()
            } else {
                "needs three of: upper case, lower case, digits, symbols (MLPS policy)".to_string()
            }
        }
        Problem::DemoPasswordRefused => {
            if zh {
                "不能使用演示密码".to_string()
            } else {
                "cannot be the demo password".to_string()
            }
        }
        Problem::WrongPassword => {
            if zh {
                "不正确".to_string()
            } else {
                "is wrong".to_string()
            }
        }
        Problem::EndBeforeStart => {
            if zh {
                "结束日期不能早于开始日期".to_string()
            } else {
                "ends before it starts".to_string()
            }
        }
        Problem::WrongState => {
            if zh {
                "当前状态不允许".to_string()
            } else {
                "is not allowed in the current state".to_string()
            }
        }
        Problem::Rule { key } => match *key {
            "no_filing" => {
                if zh {
                    "不在本机构的有效备案范围内（职业、等级或日期）".to_string()
                } else {
                    "is outside your institution's filings in force (occupation, level or date)"
                        .to_string()
                }
            }
            "not_eligible" => {
                if zh {
                    "不符合申报条件".to_string()
                } else {
                    "does not meet the conditions to apply".to_string()
                }
            }
            "review_only_technician" => {
                if zh {
                    "只用于技师和高级技师".to_string()
                } else {
                    "applies to technician levels only".to_string()
                }
            }
            "one_chair" => {
                if zh {
                    "联盟只能有一个理事长单位".to_string()
                } else {
                    "an alliance has exactly one chair unit".to_string()
                }
            }
            "wage_range" => {
                if zh {
                    "不能低于月薪下限".to_string()
                } else {
                    "is below the lower end of the range".to_string()
                }
            }
            "intern_under_16" => {
                if zh {
                    "不能为“实习中”：未满 16 周岁不得参加岗位实习".to_string()
                } else {
                    "cannot be interning: position interns must be at least 16".to_string()
                }
            }
            "segment_cycle" => {
                if zh {
                    "会使产业链树形成环路".to_string()
                } else {
                    "would make the segment tree loop".to_string()
                }
            }
            "own_party" => {
                if zh {
                    "须为本单位参与的协议".to_string()
                } else {
                    "must include your own unit".to_string()
                }
            }
            "file_type" => {
                if zh {
                    "只接受 PDF、PNG 或 JPEG 文件".to_string()
                } else {
                    "must be a PDF, PNG or JPEG file".to_string()
                }
            }
            "file_too_large" => {
                if zh {
                    "不能超过 5 MB".to_string()
                } else {
                    "must be at most 5 MB".to_string()
                }
            }
            "ranking_before_preferences" => {
                if zh {
                    "不能早于志愿填报截止时间".to_string()
                } else {
                    "cannot be before the preference deadline".to_string()
                }
            }
            "no_participants" => {
                if zh {
                    "至少选择一个班级或学校".to_string()
                } else {
                    "needs at least one cohort or school".to_string()
                }
            }
            "demand_not_open" => {
                if zh {
                    "只能选择招募中的需求".to_string()
                } else {
                    "may only name open demands".to_string()
                }
            }
            "demand_kind" => {
                if zh {
                    "须与轮次类型一致（如岗位实习轮次只含岗位实习需求）".to_string()
                } else {
                    "must be of the round's kind (an internship round takes position internships only)".to_string()
                }
            }
            "deadline_past" => {
                if zh {
                    "已经过去，请先修改截止时间".to_string()
                } else {
                    "has already passed; change it first".to_string()
                }
            }
            "duplicate_choice" => {
                if zh {
                    "中同一岗位不能填两次".to_string()
                } else {
                    "name the same place twice".to_string()
                }
            }
            "not_an_applicant" => {
                if zh {
                    "不是该岗位的申请人".to_string()
                } else {
                    "is not an applicant to this place".to_string()
                }
            }
            "not_trainee_account" => {
                if zh {
                    "不是本校的学员账号（请先以“学员”角色邀请该学员注册）".to_string()
                } else {
                    "is not a trainee account of this school (invite the trainee with the trainee role first)".to_string()
                }
            }
            "duplicate_in_file" => {
                if zh {
                    "在文件中重复出现".to_string()
                } else {
                    "appears twice in the file".to_string()
                }
            }
            "ambiguous_demand" => {
                if zh {
                    "与本企业多条已有需求（岗位、类型、开始日期相同）对应，无法匹配，请在页面上逐一修改".to_string()
                } else {
                    "matches several of the enterprise's demands (same post, kind and start date); change them one by one on the page".to_string()
                }
            }
            "membership_suspended" => {
                if zh {
                    "不能调整：该单位会籍已暂停，请先在会籍页面恢复".to_string()
                } else {
                    "cannot change: the unit's membership is suspended; reinstate it first"
                        .to_string()
                }
            }
            "ambiguous_name" => {
                if zh {
                    "本校有多位同名教师，无法按姓名匹配，请在页面上逐一修改".to_string()
                } else {
                    "matches several teachers of the school; change them one by one on the page"
                        .to_string()
                }
            }
            "no_such_trainee" => {
                if zh {
                    "不是平台上的学员（请核对身份证号）".to_string()
                } else {
                    "is not a trainee on the platform (check the ID number)".to_string()
                }
            }
            "task_of_other_major" => {
                if zh {
                    "须为该学员所在专业的学习任务".to_string()
                } else {
                    "must be a learning task of the trainee's own major".to_string()
                }
            }
            "week_outside_period" => {
                if zh {
                    "须在实习期间内且不晚于本周".to_string()
                } else {
                    "must fall within the internship and not after this week".to_string()
                }
            }
            other => other.to_string(),
        },
        _ => {
            if zh {
                "不正确".to_string()
            } else {
                "is not valid".to_string()
            }
        }
    };
    if zh {
        format!("{label}{what}")
    } else {
        format!("{label} {what}")
    }
}

/// The name of an organisation kind.
pub fn kind_label(lang: Lang, kind: OrgKind) -> &'static str {
    let (zh, en) = match kind {
        OrgKind::TechnicalCollege => ("技工院校", "Technical college"),
        OrgKind::VocationalSchool => ("职业院校（中职/高职）", "Vocational school"),
        OrgKind::Enterprise => ("企业", "Enterprise"),
        OrgKind::Association => ("行业协会", "Industry association"),
        OrgKind::ResearchInstitute => ("科研院所", "Research institute"),
        OrgKind::GovernmentAgency => ("政府/事业单位", "Government agency"),
    };
    if lang == Lang::Zh { zh } else { en }
}

/// The name of a tier.
pub fn tier_label(lang: Lang, tier: Tier) -> &'static str {
    let (zh, en) = match tier {
        Tier::Chair => ("理事长单位", "Chair"),
        Tier::ViceChair => ("副理事长单位", "Vice chair"),
        Tier::StandingCouncil => ("常务理事单位", "Standing council"),
        Tier::Council => ("理事单位", "Council"),
        Tier::Member => ("成员单位", "Member"),
    };
    if lang == Lang::Zh { zh } else { en }
}

/// The name of a membership status.
pub fn status_label(lang: Lang, status: MembershipStatus) -> &'static str {
    let (zh, en) = match status {
        MembershipStatus::Applied => ("待审核", "Applied"),
        MembershipStatus::Active => ("正常", "Active"),
        MembershipStatus::Rejected => ("已驳回", "Rejected"),
        MembershipStatus::Suspended => ("已暂停", "Suspended"),
        MembershipStatus::Left => ("已退出", "Left"),
    };
    if lang == Lang::Zh { zh } else { en }
}

/// The name of a role.
pub fn role_label(lang: Lang, role: Role) -> &'static str {
    let (zh, en) = match role {
        Role::Secretariat => ("秘书处管理员", "Secretariat"),
        Role::OrgAdmin => ("单位管理员", "Unit administrator"),
        Role::Staff => ("教师/人事", "Staff"),
        Role::Trainee => ("学员", "Trainee"),
    };
    if lang == Lang::Zh { zh } else { en }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_check_character_problem_names_the_field_and_the_expected_character() {
        let zh = problem_message(
            Lang::Zh,
            "credit_code",
            &Problem::CheckCharacterMismatch { expected: '3' },
        );
        assert!(zh.starts_with("统一社会信用代码"), "{zh}");
        assert!(zh.contains('3'));
        let en = problem_message(
            Lang::En,
            "credit_code",
            &Problem::CheckCharacterMismatch { expected: '3' },
        );
        assert!(en.starts_with("Credit code"), "{en}");
    }

    #[test]
    fn every_word_has_both_languages_and_keys_are_unique() {
        let mut keys: Vec<&str> = WORDS.iter().map(|w| w.0).collect();
        keys.sort_unstable();
        let n = keys.len();
        keys.dedup();
        assert_eq!(keys.len(), n, "duplicate key");
        for (k, zh, en) in WORDS {
            assert!(!zh.is_empty() && !en.is_empty(), "{k}");
        }
    }

    #[test]
    fn escaping_neutralises_markup() {
        assert_eq!(
            escape("<b>\"x\" & 'y'</b>"),
            "&lt;b&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/b&gt;"
        );
    }
}
