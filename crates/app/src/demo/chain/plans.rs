//! The chain's fixed choices: each major's work-study plan, the PDF attached
//! as signed documents, the assessors and the weekly log texts.

use gongjiang_domain::supply::Major;

/// A tiny but well-formed PDF, attached as the signed documents.
pub(super) const PDF: &[u8] = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n\
2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n\
3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n\
trailer<</Root 1 0 R>>\n%%EOF\n";

/// (work task, its description, [(course, hours, [(learning task, hours)])]).
pub(super) type Plan = &'static [(
    &'static str,
    &'static str,
    &'static [(&'static str, i64, &'static [(&'static str, i64)])],
)];

const PCB: Plan = &[
    (
        "多层印制电路板内层制作",
        "按工单完成开料、内层图形转移、蚀刻与 AOI 检测，填写流程卡。",
        &[
            (
                "印制电路板图形转移",
                120,
                &[
                    ("干膜贴附与曝光", 24),
                    ("显影、蚀刻与退膜", 24),
                    ("内层 AOI 检测与修补", 16),
                ],
            ),
            (
                "层压与钻孔",
                96,
                &[("层压叠板排版", 16), ("数控钻孔程序调用与首件检验", 24)],
            ),
        ],
    ),
    (
        "孔金属化与电镀",
        "维护沉铜、电镀槽液，按参数电镀并测量镀层厚度。",
        &[(
            "沉铜与电镀工艺",
            96,
            &[
                ("化学沉铜槽液分析与补加", 24),
                ("全板电镀与厚度测量", 16),
                ("电镀缺陷分析", 16),
            ],
        )],
    ),
    (
        "成品检验与出货",
        "按 IPC 标准检验外观与电性能，判定并记录缺陷。",
        &[(
            "印制电路板品质检验",
            72,
            &[("外观检验与 IPC 标准判定", 16), ("电测与飞针测试", 16)],
        )],
    ),
];

const ELECTRONICS: Plan = &[
    (
        "电子产品装配与调试",
        "按作业指导书完成贴片、插件、焊接与整机调试。",
        &[
            (
                "SMT 贴片与回流焊",
                96,
                &[
                    ("锡膏印刷与钢网检查", 16),
                    ("贴片程序调用与换料", 24),
                    ("回流焊温度曲线测定", 16),
                ],
            ),
            (
                "电子产品整机装配",
                72,
                &[("插件与波峰焊", 16), ("整机功能调试", 24)],
            ),
        ],
    ),
    (
        "自动化设备安装与维护",
        "安装、调试生产线上的气动、电气与传感器部件，排除常见故障。",
        &[(
            "自动化生产线安装调试",
            96,
            &[
                ("气动回路安装与调试", 16),
                ("PLC 程序下载与联机调试", 24),
                ("传感器故障排除", 16),
            ],
        )],
    ),
];

pub(super) const DISPLAY: Plan = &[
    (
        "显示模组贴合与检测",
        "完成偏光片贴附、背光组装与全贴合，点灯检测并分级。",
        &[
            (
                "显示模组贴合工艺",
                96,
                &[
                    ("偏光片贴附", 16),
                    ("背光组装", 16),
                    ("全贴合与气泡检测", 16),
                ],
            ),
            (
                "显示屏点灯检测",
                72,
                &[("点灯测试与缺陷判定", 24), ("Mura 与坏点分级", 16)],
            ),
        ],
    ),
    (
        "光电器件装调",
        "完成光纤端面处理、器件耦合与光学参数测试。",
        &[(
            "光器件耦合与测试",
            96,
            &[("光纤端面处理与清洁", 16), ("光功率与插损测试", 24)],
        )],
    ),
];

pub(super) fn plan_for(major: &Major) -> Plan {
    if major.name.contains("PCB") {
        PCB
    } else if major.name.contains("显示") || major.name.contains("光电") {
        DISPLAY
    } else {
        ELECTRONICS
    }
}

pub(super) const ASSESSORS: &[&str] = &["周老师", "程老师", "柯师傅", "余师傅"];
pub(super) const LOG_TEXT: &[&str] = &[
    "跟随带教师傅熟悉岗位安全规程和作业指导书，完成 5S 检查。",
    "在师傅指导下独立操作设备，记录首件检验数据，合格。",
    "参加班组质量例会，分析本周两起不良，学习纠正措施的写法。",
    "练习换线与换料，换线时间由 40 分钟缩短到 25 分钟。",
    "协助设备维护保养，更换易损件并填写点检表。",
    "独立完成一个班次的生产任务，产量达到标准的 90%。",
];
