### Roster, applications, organisations, secretariat administration, people; organisation kinds, tiers and membership statuses.

org-products = 核心产品清单
org-needs = 技术需求清单
org-talent = 人才需求清单
org-other_names = 其他名称
org-short_name = 简称
org-credit_code = 统一社会信用代码
org-district = 区县
org-address = 地址
org-website = 网站
org-intro = 简介
org-status = 成员状态
org-joined = 入盟时间
org-edit = 编辑资料
org-people = 人员与邀请
org-history = 成员记录
org-saved = 已保存。
org-chair_badge = 理事长单位

roster-title = 成员单位名录
roster-search = 搜索（汉字、全拼或拼音首字母）
roster-kind = 类型
roster-tier = 级别
roster-city = 城市
roster-segment = 产业链环节
roster-all = 全部
roster-filter = 筛选
roster-name = 单位名称
roster-total = 共 { $n } 家单位
roster-none = 没有符合条件的单位。
roster-fictional = 示例
roster-prev = 上一页
roster-next = 下一页
roster-page = 第 { $p } / { $n } 页

apply-title = 申请加入联盟
apply-intro = 请如实填写单位信息，秘书处审核通过后单位将出现在成员名录中。
apply-unit = 单位信息
apply-contact = 联系人
apply-requested_tier = 申请级别
apply-contact_name = 联系人姓名
apply-contact_phone = 联系人手机
apply-contact_email = 电子邮箱（选填）
apply-statement = 申请说明（选填）
apply-submit = 提交申请
apply-done = 申请已提交，秘书处审核后将通知联系人。
apply-other_names_hint = 如一校两牌，可填写另一名称；多个名称用顿号分隔

people-title = 人员与邀请
people-invite = 生成邀请链接
people-role = 角色
people-note = 备注（如受邀人）
people-link = 邀请链接（7 天内有效，仅可使用一次）：
people-disable = 停用
people-enable = 启用
people-invitations = 邀请记录
people-used = 已使用
people-expires = 有效期至

admin-applications = 入盟申请
admin-none = 暂无待审核申请。
admin-applied_at = 申请时间
admin-review = 审核
admin-membership = 成员资格
admin-approve = 批准
admin-reject = 驳回
admin-suspend = 暂停
admin-reinstate = 恢复
admin-end = 退出联盟
admin-change_tier = 调整级别
admin-tier = 批准级别
admin-note = 备注（选填）
admin-reason = 理由（必填）
admin-statement = 申请说明
admin-decision_reason = 审核意见
admin-done = 已处理。

org_kind-technical_college = 技工院校
org_kind-vocational_school = 职业院校（中职/高职）
org_kind-enterprise = 企业
org_kind-association = 行业协会
org_kind-research_institute = 科研院所
org_kind-government_agency = 政府/事业单位

tier-chair = 理事长单位
tier-vice_chair = 副理事长单位
tier-standing_council = 常务理事单位
tier-council = 理事单位
tier-member = 成员单位

membership_status-applied = 待审核
membership_status-active = 正常
membership_status-rejected = 已驳回
membership_status-suspended = 已暂停
membership_status-left = 已退出
members-confirm-reject = 驳回入盟申请
members-confirm-reject_what = 驳回后，申请单位会看到下面的理由，这份申请不能再被批准。
