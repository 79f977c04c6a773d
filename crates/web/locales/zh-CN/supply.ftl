### Schools' supply: majors, cohorts, trainees, teachers, the faculty pool and the talent gap.

gap-title = 人才缺口
gap-intro = 按职业和技能等级，对比当年开始的招募中需求人数与对口专业当年预计毕业人数。
gap-year = 年份
gap-export = 导出 CSV
gap-demand = 需求
gap-supply = 预计毕业
gap-gap = 缺口

school-title = 本校专业、班级与学员
school-majors = 专业
school-cohorts = 班级
school-trainees = 学员
school-add = 添加
school-code = 专业代码
school-major_name = 专业名称
school-years = 学制
school-intake = 年招生
school-cohort_name = 班级名称
school-entry = 入学年
school-graduation = 毕业年
school-size = 人数
school-name = 姓名
school-edit_trainee = 修改学员信息
school-cohort = 班级
school-status = 状态
school-keep_identifier = 留空则保留原号码；重新输入则更换（系统不显示完整号码）。
school-id_number = 身份证号
school-phone = 手机（选填）
school-student_no = 学号
school-consent = 个人信息处理目的
school-reason = 查看理由
school-reveal = 查看完整信息
school-revealed_logged = 本次查看已记录
school-edit = 编辑
school-level = 层次
school-occupations = 对应职业（可多选）
school-major = 专业
school-sponsor = 订单企业（选填）
school-edit_major = 编辑专业
school-edit_cohort = 编辑班级
school-teachers = 教师
school-link_account = 关联学员账号
school-login = 学员的登录账号

major_level-intermediate = 中级工
major_level-advanced = 高级工
major_level-preparatory_technician = 预备技师
major_level-secondary = 中职
major_level-associate = 高职专科

teachers-title = 本校教师
teachers-intro = 共享到联盟师资库的教师对其他成员单位可见。
teachers-add = 添加教师
teachers-edit = 编辑教师
teachers-name = 姓名
teachers-employment = 聘用方式
teachers-specialties = 专业特长（多个用、分隔）
teachers-dual = 双师等级
teachers-job_title = 职称
teachers-level = 技能等级
teachers-practice = 企业实践天数（近五年）
teachers-practice_low = 不足 180 天
teachers-shared = 共享到联盟师资库
teachers-none = 暂无教师。

faculty-title = 联盟师资库
faculty-intro = 各成员学校共享的教师，可按学校、姓名或专业特长、双师等级查找，用于跨校授课、实训指导和企业实践安排。
faculty-search = 姓名或专业特长
faculty-any_grade = 不限
faculty-filter = 筛选
faculty-school = 学校
faculty-none = 没有符合条件的共享教师。

employment-full_time = 专任
employment-external = 外聘

dual_qualified-none = 无
dual_qualified-junior = 初级双师
dual_qualified-intermediate = 中级双师
dual_qualified-senior = 高级双师
school-search_hint = 姓名或学号

# Trainee statuses, by stored code.
trainee_status-enrolled = 在读
trainee_status-interning = 实习中
trainee_status-graduated = 毕业
trainee_status-employed = 已就业
trainee_status-left = 离校

# Labels this form gives its fields in problem sentences.
school-label-major_name = 专业名称
faculty-page = 第 { $page } / { $pages } 页，共 { $total } 位教师

# Genders, as the ID number gives them.
gender-male = 男
gender-female = 女
school-only_unplaced = 仅显示 { $year } 年及以前毕业的班级中、尚未安排实习或就业的在读学员
school-only_certified = 仅显示 { $since } 以来取得证书的学员
school-show_all = 显示全部学员
work-unplaced = 待安置学员 { $n } 人（{ $year } 年及以前毕业的班级，尚无实习、录取或就业）
work-certified_term = 本学期（{ $since } 起）取证学员 { $n } 人
