### Skill-level evaluation: institutions, filings, sessions, results; skill levels.

evaluation-title = 技能等级认定
evaluation-sessions = 认定批次
evaluation-institutions = 评价机构
evaluation-new_session = 新建认定批次
evaluation-occupation = 职业
evaluation-level = 等级
evaluation-held_on = 认定日期
evaluation-venue = 考点
evaluation-examiners = 考评员
evaluation-candidates = 考生
evaluation-add_candidate = 添加考生（资格审核）
evaluation-trainee_id = 学员编号
evaluation-theory = 理论知识
evaluation-practical = 操作技能
evaluation-review = 综合评审
evaluation-result = 结果
evaluation-passed = 合格
evaluation-record_scores = 登记成绩
evaluation-failed = 不合格
evaluation-unscored = 未录入
evaluation-rescore_required = 证书已撤销，须重新录入成绩后再发证
evaluation-save_scores = 保存成绩
evaluation-matched = 符合条件
evaluation-pass_mark = 合格线（每部分）
evaluation-issue = 签发证书
evaluation-issue_all = 为全部合格考生签发证书
evaluation-certificate = 证书
evaluation-filings = 备案
evaluation-codes = 机构代码
evaluation-api_hint = 登记机构与备案、考生资格审核通过 /api/v1/evaluation 接口完成（见 API 文档）；新建批次和登记成绩在页面上完成。
evaluation-no_sessions = 暂无认定批次。
evaluation-not_eligible = 该学员不符合申报条件，各项条件的核验结果见下。
evaluation-eligibility = 申报条件核验
evaluation-evidence = 依据
evaluation-met = 满足
evaluation-not_met = 不满足
evaluation-not_institution = 本单位尚未登记为评价机构。
evaluation-result_certified = 该成绩已签发证书，不能修改；如需更正，请先撤销证书再重新签发。

level-level5 = 五级/初级工
level-level4 = 四级/中级工
level-level3 = 三级/高级工
level-level2 = 二级/技师
level-level1 = 一级/高级技师

# Labels this form gives its fields in problem sentences.
evaluation-label-theory_score = 理论知识考试
evaluation-label-practical_score = 操作技能考核
evaluation-label-review_score = 综合评审
evaluation-label-held_on = 认定日期
evaluation-label-venue = 考核地点
