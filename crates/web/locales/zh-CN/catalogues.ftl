### The occupation and industry-segment catalogues.

catalogues-title = 产业链与职业目录
catalogues-intro = 联盟使用的产业链环节树和职业目录。企业需求、专业和人才缺口都按这里的编码统计。
catalogues-segments = 产业链环节
catalogues-segment = 环节
catalogues-code = 环节编码
catalogues-occupation_count = 职业数
catalogues-segment_form = 添加或修改环节
catalogues-parent = 上级环节
catalogues-name_zh = 中文名称
catalogues-name_en = 英文名称
catalogues-position = 排序
catalogues-occupations = 职业目录
catalogues-occupations_intro = 编码依《中华人民共和国职业分类大典（2022年版）》；“待核实”表示编码尚未与印刷版核对。秘书处用文件整体导入目录（按编码更新，全部通过才保存）。
catalogues-template = 下载职业目录模板
catalogues-load = 导入职业目录
catalogues-occupation_code = 职业编码
catalogues-occupation_name = 职业名称
catalogues-edition = 版本
catalogues-verified = 已核实
catalogues-unverified = 待核实
