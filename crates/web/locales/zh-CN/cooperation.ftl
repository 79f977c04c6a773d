### School–enterprise cooperation agreements and the item lists.

agreements-title = 校企合作协议
agreements-intro = 本单位参与的协议；60 天内到期的标注“待续签”。
agreements-name = 协议名称
agreements-period = 有效期
agreements-quota = 名额
agreements-renew = 待续签
agreements-new = 新建协议
agreements-edit = 编辑协议
agreements-kind = 协议类型
agreements-school = 学校
agreements-enterprise = 企业
agreements-start = 开始日期
agreements-end = 结束日期
agreements-status = 协议状态
agreements-notes = 备注
agreements-none = 暂无协议。
agreements-files = 附件
agreements-no_files = 暂无附件。
agreements-file_name = 文件名
agreements-file_size = 大小
agreements-uploaded = 上传时间
agreements-attach = 上传附件
agreements-attach_hint = PDF、PNG 或 JPEG，不超过 5 MB
agreements-parties_fixed = 协议双方创建后不能更改。

agreement_kind-order_class = 订单班
agreement_kind-apprenticeship = 新型学徒制
agreement_kind-position_internship = 岗位实习
agreement_kind-training_base = 共建实训基地
agreement_kind-industry_college = 产业学院
agreement_kind-joint_research = 联合研发
agreement_kind-faculty_exchange = 师资互聘

agreement_status-draft = 草稿
agreement_status-signed = 已签署
agreement_status-active = 履行中
agreement_status-expired = 已到期
agreement_status-terminated = 已终止

item_list-products = 核心产品清单
item_list-technical_needs = 技术需求清单

item_status-open = 有效
item_status-closed = 已关闭

# Labels this form gives its fields in problem sentences.
agreements-label-title = 协议名称
