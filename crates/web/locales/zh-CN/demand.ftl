### Talent demand: enterprises' posts and their kinds.

demand-title = 人才需求
demand-new = 发布需求
demand-kind = 类型
demand-post = 岗位
demand-occupation = 职业
demand-level = 技能等级
demand-headcount = 人数
demand-wage = 月薪（元）
demand-wage_min = 月薪下限（元）
demand-wage_max = 月薪上限（元）
demand-start = 开始日期
demand-end = 结束日期
demand-night_shift = 含夜班
demand-requirements = 要求
demand-enterprise = 企业

demand_kind-job = 就业
demand_kind-position_internship = 岗位实习
demand_kind-cognitive_internship = 认识实习
demand_kind-apprenticeship = 学徒
demand_kind-order_class = 订单班
demand-mine = 只看本单位

# Demand statuses, by stored code.
demand_status-draft = 草稿
demand_status-open = 招募中
demand_status-filled = 已满
demand_status-closed = 已关闭
gap-meaning = 判断
gap-shortage = 缺口（需求多于毕业生）
gap-surplus = 富余（毕业生多于需求）
gap-even = 持平
gap-cohorts_title = 预计毕业生来源班级
gap-cohorts_intro = 当年毕业、所属专业对应该职业并培养到该技能等级的班级，按计划人数计入“预计毕业生”。
gap-graduates = 计划人数
