### Spreadsheet imports and their reports.

import-refused = 文件中有错误，未导入任何数据。请按下表逐行修改后重新上传。
import-line = 行号
import-column = 列
import-problem = 问题
import-cell_problem = { $column }：{ $message }
import-upload = 上传导入
import-template = 下载模板
import-wrong_unit = 本单位不能导入此类数据：学校导入专业、班级、教师和学员，企业导入人才需求，秘书处导入成员单位。

imports-title = 导入数据
imports-intro = 下载模板，按模板填写后上传。导入在后台进行：所有行都无误才保存；有错误时不保存任何数据，并逐行列出全部问题（格式问题和规则问题一并列出），可下载问题报告修改后重新上传。
imports-none = 您当前所在单位和角色没有可导入的数据。
imports-total_problems = 问题总数：
imports-report = 下载问题报告（Excel，问题写在每行旁边，改正后可直接重新上传）
imports-created = 导入完成：新增{" "}
imports-updated = {" "}条，更新{" "}
imports-rows = {" "}条。

# Import kinds, by the name in URLs: the title and what matches a row.
import_kind-organizations = 成员单位
import_kind-demand = 人才需求
import_kind-majors = 专业
import_kind-cohorts = 班级
import_kind-teachers = 教师
import_kind-trainees = 学员
import_matched-organizations = 按统一社会信用代码匹配：新代码新建单位并直接入盟（默认成员单位），已有代码更新资料和级别
import_matched-demand = 按岗位、类型和开始日期匹配本企业已有需求；未填状态时新需求为草稿，已有需求保持原状态
import_matched-majors = 按专业代码和层次匹配
import_matched-cohorts = 按班级名称匹配；专业须为本校已有专业
import_matched-teachers = 按本校教师姓名匹配
import_matched-trainees = 按身份证号匹配
import-rows_refused = 部分行有误，未导入任何数据。
