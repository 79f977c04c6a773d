### Words shared by every area: the application, navigation, forms, lists, exports, errors, background jobs and the API page.

app-name = 工匠 · 产教融合联盟平台

nav-skip = 跳到正文
nav-menu = 菜单
nav-home = 首页
nav-members = 成员单位
nav-apply = 申请入盟
nav-login = 登录
nav-logout = 退出
nav-account = 我的账号
nav-org = 本单位
nav-applications = 入盟审核
nav-audit = 审计日志
nav-api = API 文档
nav-demands = 人才需求
nav-school = 本校培养
nav-imports = 导入
nav-agreements = 合作协议
nav-lists = 企业清单
nav-catalogues = 职业目录
nav-faculty = 师资库
nav-switch_lang = English
nav-rounds = 匹配轮次
nav-internships = 实习
nav-talent_gap = 人才缺口
nav-employment = 就业跟踪
nav-funnel = 人才漏斗
nav-my_record = 我的成长档案
nav-evaluation = 技能评价

export-xlsx = 导出 Excel
export-csv = 导出 CSV

form-yes = 是
form-no = 否
form-fix = 请修改以下标出的内容后重新提交。
form-save = 保存
form-required = 必填

forms-filter_hint = 输入文字筛选
forms-select_shown = 全选显示的
lists-unit_hint = 单位名称、简称或拼音首字母
lists-title = 企业清单
lists-intro = 成员企业为联盟维护的三张清单：核心产品清单、技术需求清单和人才需求清单（见需求大厅）。技术需求可发展为联合攻关项目。
lists-talent = 人才需求清单
lists-any_segment = 全部环节
lists-enterprise = 企业
lists-item_title = 名称
lists-description = 说明
lists-status = 状态
lists-none = 此清单暂无条目。
lists-add = 添加到本企业清单
lists-edit = 修改清单条目
lists-list = 清单

demo-banner = 演示模式：除理事长单位和黄石市光电子信息产业协会外，所有单位均为虚构示例；演示账号密码为 gongjiang-demo。

api-title = JSON API 文档
api-intro = 所有接口位于 /api/v1，返回 JSON。机器可读的 OpenAPI 3.1 文档：
api-auth = 认证：浏览器会话（写操作需 X-CSRF-Token 头），或个人 API 令牌（Authorization: Bearer gjt_…）。
api-access = 权限
api-body = 请求体
api-answer = 应答

error-title = 出错了
error-unauthenticated = 请先登录。
error-forbidden = 您没有权限执行此操作。
error-not_found = 未找到该内容。
error-invalid = 提交的内容有误，请按提示修改。
error-wrong_state = 当前状态下不能执行此操作。
error-too_many_attempts = 登录失败次数过多，请 { $minutes } 分钟后再试。
error-bad_credentials = 账号或密码不正确。
error-demo_account = 演示账号仅在演示模式（serve --demo）下可用。
error-unavailable = 系统繁忙，请稍后重试。
error-internal = 服务器内部错误，已记录，请稍后重试。
error-csrf = 表单已过期或来源不明，请刷新页面后重试。
error-too_large = 提交的内容过大。
error-bad_request = 请求体无法解析：{ $detail }

job-title = 后台任务
job-refresh = 本页每秒自动刷新，完成后显示结果。

## The list kit (web::lists): pager, search, pickers
lists-page_of = 第 { $p } / { $n } 页，共 { $total } 条
lists-search = 搜索
lists-matches = 共 { $total } 人符合，显示前 { $shown } 人；输入姓名或学号缩小范围。

# Background job statuses and stages.
job_status-running = 进行中
job_status-done = 已完成
job_status-refused = 未执行（数据有误，未作任何修改）
job_status-failed = 失败（未作任何修改）
job_status-interrupted = 已中断（服务重启，未作任何修改，请重新提交）
job_stage-read = 读取数据
job_stage-validate = 逐行校验
job_stage-check = 核对规则
job_stage-store = 保存
job_stage-solve = 匹配计算
job_stage-publish = 发布
job_stage-start = 准备中

# Between the items of a list in running text, and between clauses.
sep-list = 、
sep-clause = ；

## The form kit (web::forms): confirmations after a save
forms-saved = 已保存。
forms-created = 已创建。
forms-done = 已完成。
forms-confirm = 确认
forms-cancel = 取消
forms-file = 选择文件
forms-document_kind = 文件类型

## Column headers of tables that are not list-kit tables.
table-document_kind = 文件类型
table-file = 文件
table-size = 大小
table-uploaded = 上传时间
table-applied_at = 申请时间
table-status = 状态
table-tier = 级别
table-reason = 说明
table-code = 代码
table-major = 专业
table-level = 层次
table-occupations = 对应职业
table-intake = 年招生
table-cohort = 班级
table-years = 入学–毕业
table-student_no = 学号
table-name = 姓名
table-id_number = 身份证号
table-phone = 手机
table-age = 年龄
table-reveal = 查看完整信息
table-token = 名称
table-prefix = 开头
table-created = 创建时间
table-last_used = 最近使用
table-role = 角色
table-note = 备注

## What to do after an error.
error-next_not_found = 请检查地址，或从上方导航重新进入；如果是别人发给你的链接，可能它已失效或你无权查看。
error-next_forbidden = 你当前的身份无权这样做。如果你在多个单位任职，可在“我的账户”切换身份；否则请联系本单位管理员。
error-next_back = 请返回上一页修改后再提交；浏览器返回时，你填写的内容仍在表单里。
error-next_wait = 请稍候片刻再试。
error-next_other = 请稍后再试；若一直如此，请联系联盟秘书处。
error-back = 返回上一页
