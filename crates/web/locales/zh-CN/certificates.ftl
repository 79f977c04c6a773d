### Certificates, public verification and the printable certificate.

certificate-no_filing = 本机构在签发日没有覆盖该职业和等级的有效备案，不能签发证书。
certificate-not_passed = 只有合格的成绩才能签发证书。
certificate-rescore_first = 该成绩的证书已被撤销：须重新录入成绩（形成新的成绩并留痕）后，才能再次签发证书。
certificate-already_issued = 该成绩已签发证书，不能重复签发。
certificate-revoked = 该证书已撤销。
certificate-suspended = 该证书已暂停。
certificate-valid = 该证书有效，未被暂停。
certificate-serials_exhausted = 本年度证书序号已用完。

certificates-title = 证书
certificates-revoke = 撤销
certificates-suspend = 暂停
certificates-reinstate = 恢复
certificates-print = 打印
certificates-reason = 原因（公开，勿含个人信息）

verify-title = 证书查验
verify-outcome-valid = 有效：签名正确，证书未被撤销或暂停
verify-outcome-revoked = 已撤销
verify-outcome-suspended = 已暂停
verify-outcome-expired = 已过期
verify-outcome-not_yet_valid = 尚未生效
verify-outcome-bad_signature = 签名不符：证书内容被改动或非本机构签发
verify-outcome-unknown_key = 签名密钥未公布
verify-outcome-key_not_for_issuer = 签名密钥不属于颁证机构
verify-outcome-malformed = 证书文件格式不正确
verify-outcome-unsupported_cryptosuite = 不支持的签名算法
verify-reason = 原因
verify-since = 自
verify-name = 证书名称
verify-name_value = 职业技能等级证书
verify-number = 证书编号
verify-holder = 持证人
verify-occupation = 职业名称
verify-subtype = 工种/职业方向
verify-level = 职业技能等级
verify-issuer = 评价机构
verify-authorized_by = 授权
verify-issued_on = 发证日期
verify-signature = 电子签名
verify-signature_ok = Ed25519 签名核验通过
verify-no_details = 签名未通过核验，不显示证书内容。
verify-download = 下载电子证书（JSON）
verify-offline_hint = 可用 gongjiang verify 离线核验，密钥见颁证机构的 DID 文档。
verify-privacy = 本页只显示脱敏姓名，不显示身份证号和手机号。

print-body = 经评价，该持证人达到以下职业技能等级，特发此证。
print-id_type = 证件类型
print-id_number = 证件号码
print-status = 状态
print-qr_alt = 扫码查验
print-note = 扫描二维码或访问下方网址查验真伪。电子证书由评价机构以 Ed25519 签名，可离线核验。
print-hint = 用浏览器的“打印”功能输出 A4 纸质证书。
print-print = 打印
print-back = 返回

# Certificate statuses, by stored code.
certificate_status-valid = 有效
certificate_status-suspended = 已暂停
certificate_status-revoked = 已撤销
certificates-confirm-revoke = 撤销证书
certificates-confirm-revoke_what = 撤销后，任何人查验这张证书都会看到“已撤销”及下面的理由。撤销不能恢复。
certificates-lookup_title = 证书查询
certificates-lookup_intro = 输入证书编号和持证人姓名查验证书；扫描证书上的二维码也可直接查验。查验页只显示脱敏姓名、职业、等级、签发日期、签发机构与状态，不显示身份证号。
certificates-lookup_number = 证书编号
certificates-lookup_name = 持证人姓名
certificates-lookup_run = 查询
certificates-lookup_not_found = 未找到：证书编号与持证人姓名不符，或该证书不存在。
certificates-lookup_limit = 查询过于频繁，请 { $minutes } 分钟后再试。
