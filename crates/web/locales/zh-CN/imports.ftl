### Spreadsheet imports and their reports.

import-refused = 文件中有错误，未导入任何数据。请按下表逐行修改后重新上传。
import-line = 行号
import-column = 列
import-problem = 问题
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
