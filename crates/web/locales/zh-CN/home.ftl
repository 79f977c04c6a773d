### The home page.

home-renewals = 份合作协议将在 60 天内到期
home-lead = 联盟成员单位、人才需求与培养供给在一个平台上协同。
home-members_count = 现有成员单位
home-browse = 浏览成员名录
home-pending = 待审核申请
home-employment_due = 项就业回访待填写
home-employment = 就业管理
home-funnel = 人才链漏斗
home-my_record = 我的成长档案
home-my_certificates = 我的有效证书 { $n } 张：查看、打印或扫码核验
