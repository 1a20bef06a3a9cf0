"""The core's message catalogue: every sentence a user can read outside the Qt widgets.

Core code never builds user-facing strings itself; it returns a :class:`Message` (a key and
its parameters) so the CLI, the report and the window can render it in either language.
Simplified Chinese comes first, English second.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

LANGUAGES = ("zh", "en")
DEFAULT_LANGUAGE = "zh"


@dataclass(frozen=True)
class Bilingual:
    """A piece of catalogue text in both languages (e.g. an indicator's name)."""

    zh: str
    en: str

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh

    def __str__(self) -> str:  # pragma: no cover - debugging aid
        return self.zh


# key -> (zh, en). Parameters use str.format syntax.
MESSAGES: dict[str, tuple[str, str]] = {
    # --- input normalization -------------------------------------------------------------
    "input.not_number": (
        "“{raw}”不是数字，请输入数字，例如 {example}",
        "“{raw}” is not a number; enter a number such as {example}",
    ),
    "input.not_integer": (
        "“{raw}”不是整数，请输入整数，例如 {example}",
        "“{raw}” is not a whole number; enter a whole number such as {example}",
    ),
    "input.too_many_decimals": (
        "“{raw}”的小数位过多，最多 {decimals} 位小数",
        "“{raw}” has too many decimals; at most {decimals} are allowed",
    ),
    "input.percent_sign": (
        "该指标不是百分比，请去掉“%”",
        "This indicator is not a percentage; remove the “%”",
    ),
    "input.money_suffix": (
        "该指标的单位是“{unit}”，不能使用“{suffix}”",
        "This indicator is in “{unit}”; “{suffix}” cannot be used",
    ),
    "input.not_yesno": (
        "“{raw}”无法识别，请填写“是”或“否”",
        "“{raw}” is not recognised; enter “yes” or “no”",
    ),
    "input.not_choice": (
        "“{raw}”不是可选项，请选择：{choices}",
        "“{raw}” is not one of the options: {choices}",
    ),
    "input.too_long": (
        "输入内容过长（{length} 个字符），最多 {limit} 个字符",
        "The input is too long ({length} characters); at most {limit} are allowed",
    ),
    # --- field checks ----------------------------------------------------------------------
    "check.required": ("必填指标未填写", "This indicator is required but has no value"),
    "check.min": ("数值 {value} 小于最小值 {limit}", "The value {value} is below the minimum {limit}"),
    "check.max": ("数值 {value} 大于最大值 {limit}", "The value {value} is above the maximum {limit}"),
    "check.expected_low": (
        "数值 {value} 低于通常范围（{low}–{high}），请核实并填写说明",
        "The value {value} is below the usual range ({low}–{high}); check it and add a comment",
    ),
    "check.expected_high": (
        "数值 {value} 高于通常范围（{low}–{high}），请核实并填写说明",
        "The value {value} is above the usual range ({low}–{high}); check it and add a comment",
    ),
    "check.max_change": (
        "与上年（{previous}）相比变化 {change}%，超过 {limit}%，请核实并填写说明",
        "The change against last year ({previous}) is {change}%, more than {limit}%; "
        "check it and add a comment",
    ),
    "check.na_not_allowed": (
        "该指标不允许标记为不适用",
        "This indicator cannot be marked not applicable",
    ),
    "check.na_comment": (
        "标记为不适用时必须填写说明",
        "A comment is required when an indicator is marked not applicable",
    ),
    "check.calculated": (
        "该指标由公式计算，不需要填写",
        "This indicator is calculated by a formula and is not entered",
    ),
    "check.formula_zero": (
        "无法计算：公式中的分母为 0；如该指标不适用，请标记为不适用",
        "Cannot calculate: the formula divides by zero; mark the indicator not applicable "
        "if it does not apply",
    ),
    "check.unknown_code": (
        "指标代码“{code}”不在指标目录中",
        "The indicator code “{code}” is not in the catalogue",
    ),
    "check.not_for_unit": (
        "指标“{code}”不适用于本单位类型",
        "The indicator “{code}” does not apply to this kind of unit",
    ),
    "check.duplicate_row": (
        "指标“{code}”出现多次（第 {lines} 行）",
        "The indicator “{code}” appears more than once (rows {lines})",
    ),
    "rule.failed": ("{message}", "{message}"),
    "check.warning_needs_comment": ("需要填写说明", "needs a comment"),
    # --- catalogue problems ----------------------------------------------------------------
    "cat.yaml_syntax": ("YAML 格式错误：{detail}", "YAML syntax error: {detail}"),
    "cat.not_mapping": ("这里应为键值映射", "A mapping (key: value) is expected here"),
    "cat.not_list": ("这里应为列表", "A list is expected here"),
    "cat.unknown_field": ("未知字段“{field}”{hint}", "Unknown field “{field}”{hint}"),
    "cat.did_you_mean": ("，是否应为“{suggestion}”？", "; did you mean “{suggestion}”?"),
    "cat.missing_field": ("缺少必填字段“{field}”", "The required field “{field}” is missing"),
    "cat.duplicate_key": ("字段“{field}”重复出现", "The field “{field}” appears twice"),
    "cat.wrong_type": (
        "字段“{field}”应为{expected}，实际为“{actual}”",
        "The field “{field}” should be {expected}, not “{actual}”",
    ),
    "cat.bad_enum": (
        "字段“{field}”的值“{actual}”无效，可选：{allowed}",
        "The field “{field}” has the invalid value “{actual}”; allowed: {allowed}",
    ),
    "cat.bad_code": (
        "代码“{actual}”格式不正确（应为大写字母开头的字母、数字或下划线）",
        "The code “{actual}” is malformed (capital letter first, then capitals, digits or _)",
    ),
    "cat.duplicate_code": (
        "代码“{code}”重复（第一次出现在第 {first_line} 行）",
        "The code “{code}” is used twice (first on line {first_line})",
    ),
    "cat.missing_translation": (
        "缺少“{field}”的英文翻译“{field}_en”",
        "“{field}” has no English translation “{field}_en”",
    ),
    "cat.weights_sum": (
        "{group}的权重合计为 {total}，应为 100",
        "The weights of {group} add up to {total}, not 100",
    ),
    "cat.no_scored_child": (
        "{group}下没有计分（权重大于 0）的指标",
        "{group} has no scored indicator (weight above 0)",
    ),
    "cat.min_above_max": (
        "{low_field}（{low}）大于 {high_field}（{high}）",
        "{low_field} ({low}) is greater than {high_field} ({high})",
    ),
    "cat.outside_range": (
        "{field}（{value}）不在取值范围 {low}–{high} 之内",
        "{field} ({value}) lies outside the range {low}–{high}",
    ),
    "cat.scored_needs": (
        "计分指标（权重大于 0）必须有“{field}”",
        "A scored indicator (weight above 0) needs “{field}”",
    ),
    "cat.direction_type": (
        "方向“{direction}”不能用于类型“{type}”",
        "The direction “{direction}” cannot be used with the type “{type}”",
    ),
    "cat.choices_needed": ("选择型指标必须有 choices 列表", "A choice indicator needs a choices list"),
    "cat.choices_only": ("只有选择型指标可以有 choices", "Only a choice indicator may have choices"),
    "cat.choice_score": (
        "选项的 score 应在 0 到 1 之间，实际为 {actual}",
        "A choice's score must be between 0 and 1, not {actual}",
    ),
    "cat.leaf_field_on_parent": (
        "有下级指标的一级指标不能有字段“{field}”（数值在二级指标中填写）",
        "A first-level indicator with children cannot have “{field}” (values go to its children)",
    ),
    "cat.expression_syntax": ("表达式“{expr}”无效：{detail}", "The expression “{expr}” is invalid: {detail}"),
    "cat.unknown_reference": (
        "表达式引用了不存在的指标代码“{code}”",
        "The expression names the unknown indicator code “{code}”",
    ),
    "cat.non_numeric_reference": (
        "表达式引用的“{code}”不是可填写的数值型指标",
        "The expression names “{code}”, which is not an indicator with a numeric value",
    ),
    "cat.formula_cycle": (
        "计算指标之间存在循环引用：{cycle}",
        "Calculated indicators refer to each other in a cycle: {cycle}",
    ),
    "cat.pair_needs_codes": (
        "成对规则的 left 必须列出至少两个指标代码",
        "A pair rule needs at least two indicator codes in left",
    ),
    "cat.right_needed": ("比较规则必须有 right", "A comparison rule needs right"),
    "cat.no_units": ("至少需要一个被考核单位", "At least one assessed unit is needed"),
    "cat.no_domains": ("至少需要一个服务领域", "At least one domain is needed"),
    "cat.file_unreadable": ("无法读取文件：{detail}", "The file cannot be read: {detail}"),
    "cat.summary": (
        "指标目录有 {count} 个问题",
        "The catalogue has {count} problem(s)",
    ),
    "cat.ok": (
        "指标目录有效：{domains} 个服务领域，{first} 个一级指标，{second} 个二级指标，{rules} 条校验规则",
        "The catalogue is valid: {domains} domains, {first} first-level and {second} "
        "second-level indicators, {rules} cross-field rules",
    ),
    # --- store -----------------------------------------------------------------------------
    "store.corrupt_with_backup": (
        "数据库 {path} 已损坏。最新的完好备份是 {backup}，可运行 haiyan-desktop restore {backup} 恢复",
        "The database {path} is damaged. The newest good backup is {backup}; run "
        "haiyan-desktop restore {backup} to bring it back",
    ),
    "store.corrupt_no_backup": (
        "数据库 {path} 已损坏，且没有可用的完好备份，请联系技术支持",
        "The database {path} is damaged and no good backup exists; please contact support",
    ),
    "store.newer": (
        "数据库 {path} 由更新版本的软件创建（结构版本 {version}，本软件支持 {supported}），请升级软件后再打开",
        "The database {path} was written by a newer version of the app (schema {version}, "
        "this version supports {supported}); update the app to open it",
    ),
    "store.locked": (
        "数据目录 {path} 正被另一个海盐桌面端程序使用，请先关闭它",
        "The data folder {path} is in use by another Haiyan Desktop program; close it first",
    ),
    "store.unknown_unit": ("没有单位“{unit}”", "There is no unit “{unit}”"),
    "store.no_submission": (
        "{unit} 没有 {year} 年度的填报记录",
        "{unit} has no submission for {year}",
    ),
    "store.locked_submission": (
        "{unit} {year} 年度的填报已签名，不能修改；如需修改请先重开",
        "The {year} submission of {unit} is signed and cannot be changed; reopen it first",
    ),
    "store.bad_transition": (
        "当前状态为“{state}”，不能执行“{action}”",
        "“{action}” is not possible while the submission is “{state}”",
    ),
    "store.reopen_reason": ("重开已签名的填报必须填写原因", "Reopening a signed submission needs a reason"),
    "store.not_ready": (
        "尚不能标记为已校验：{errors} 个错误，{warnings} 个警告未说明，{missing} 项未填写",
        "Cannot mark as checked yet: {errors} error(s), {warnings} warning(s) without a "
        "comment, {missing} value(s) missing",
    ),
    "store.bad_backup": (
        "{path} 不是完好的备份文件，未做任何更改",
        "{path} is not an intact backup file; nothing was changed",
    ),
    "store.restored": ("已从备份 {backup} 恢复数据库 {path}", "Restored {path} from the backup {backup}"),
    "store.backup_done": ("已备份到 {path}", "Backed up to {path}"),
    "store.marked_checked": ("已标记为已校验", "Marked as checked"),
    "store.reopened": ("已重开，原签名报告已作废", "Reopened; the signed report it replaces is superseded"),
    "store.demo_built": (
        "示例数据已生成：{units} 个单位 × {years} 个年度，保存在 {path}",
        "Demo data is ready: {units} units × {years} years, in {path}",
    ),
    "status.title": ("{unit} {year} 年度", "{unit}, {year}"),
    "status.demo": ("【示例数据】", "[sample data]"),
    "status.state": ("状态", "State"),
    "status.progress": ("进度", "Progress"),
    "status.problems": (
        "错误 {errors}，未说明的警告 {open_warnings}（警告共 {warnings}），未填写 {missing}",
        "{errors} error(s), {open_warnings} warning(s) without a comment ({warnings} in all), "
        "{missing} missing",
    ),
    "audit.out_of_order": (
        "审计记录的顺序被改动过",
        "The audit rows are not in the order they were written",
    ),
    "audit.deleted": (
        "审计记录第 {first}–{last} 条已被删除",
        "Audit rows {first}–{last} have been deleted",
    ),
    "audit.bad_link": (
        "审计记录第 {seq} 条与前一条不衔接（被插入或移动过）",
        "Audit row {seq} does not follow the row before it (inserted or moved)",
    ),
    "audit.edited": ("审计记录第 {seq} 条被修改过", "Audit row {seq} has been altered"),
    "audit.truncated": (
        "最后的审计记录第 {first}–{last} 条已被删除",
        "The last audit rows {first}–{last} have been deleted",
    ),
    "audit.head_mismatch": (
        "审计记录与填报记录中保存的校验值不符",
        "The audit rows do not match the checksum kept with the submission",
    ),
    "audit.intact": (
        "审计记录完整：共 {count} 条，未发现改动",
        "The audit trail is intact: {count} rows, no changes found",
    ),
    # --- import / export ----------------------------------------------------------------
    "import.refused_rows": (
        "文件未导入：有 {count} 行无法使用（见下），未保存任何数值",
        "The file was not imported: {count} row(s) cannot be used (see below); nothing was stored",
    ),
    "import.other_unit": (
        "该文件是 {file_unit} {file_year} 年度的，不是 {unit} {year} 年度的，未保存任何数值",
        "This file belongs to {file_unit} {file_year}, not to {unit} {year}; nothing was stored",
    ),
    "import.summary": (
        "导入完成：共 {rows} 行，保存 {stored} 项，未变 {unchanged} 项，拒绝 {rejected} 项",
        "Import finished: {rows} rows, {stored} stored, {unchanged} unchanged, "
        "{rejected} rejected",
    ),
    "export.done": ("已导出到 {path}", "Exported to {path}"),
    # --- command line ----------------------------------------------------------------------
    "cli.file_missing": ("文件不存在：{path}", "The file does not exist: {path}"),
    "cli.values_unreadable": ("无法读取数值文件 {path}：{detail}", "The values file {path} cannot be read: {detail}"),
    "cli.no_code_column": (
        "找不到“指标代码”（code）列，请使用导出的模板或含 code、value、comment 列的文件",
        "No “code” column was found; use the exported template or a file with the columns "
        "code, value, comment",
    ),
    "cli.bad_encoding": (
        "无法识别文件编码（支持 UTF-8 和 GB18030）",
        "The file's encoding is not recognised (UTF-8 and GB18030 are supported)",
    ),
    "cli.bad_xlsx": ("不是有效的 Excel（.xlsx）文件", "This is not a valid Excel (.xlsx) file"),
    "cli.bad_extension": (
        "不支持的文件类型“{suffix}”，请使用 .csv 或 .xlsx",
        "The file type “{suffix}” is not supported; use .csv or .xlsx",
    ),
    "cli.no_catalogue_for_year": (
        "没有适用于 {year} 年度的指标目录（现有年度：{years}）",
        "No catalogue covers the year {year} (years available: {years})",
    ),
    "cli.unknown_unit": (
        "指标目录中没有单位“{unit}”，可选：{units}",
        "The catalogue has no unit “{unit}”; choose one of: {units}",
    ),
    "cli.usage": ("用法错误：{detail}（运行 haiyan-desktop --help 查看用法）",
                  "Usage error: {detail} (run haiyan-desktop --help)"),
    "cli.check_passed": ("校验通过：没有错误，所有警告均已说明", "Check passed: no errors, every warning has a comment"),
    "cli.check_failed": (
        "校验未通过：{errors} 个错误，{open_warnings} 个警告未填写说明",
        "Check failed: {errors} error(s), {open_warnings} warning(s) without a comment",
    ),
    "cli.errors": ("错误", "Errors"),
    "cli.warnings": ("警告", "Warnings"),
    "cli.score": ("实现度", "Realization degree"),
    "cli.missing": ("未填写（按 0 计分）", "Missing (scored 0)"),
    "cli.internal_error": (
        "程序内部错误：{detail}。请将此信息告知技术支持",
        "Internal error: {detail}. Please report this to support",
    ),
    "cli.no_command": (
        "海盐县基本公共服务均等化实现度评估（桌面端）。窗口界面将在后续版本提供；"
        "当前可用命令见 haiyan-desktop --help",
        "Haiyan equalization assessment (desktop). The window comes in a later version; "
        "run haiyan-desktop --help for the commands available now",
    ),
    # --- report ----------------------------------------------------------------------------
    "report.county": ("海盐县", "Haiyan County"),
    "report.title": ("基本公共服务均等化实现度评估报告", "Assessment Report on the Equalization of Basic Public Services"),
    "report.subtitle": ("{unit} · {year} 年度", "{unit} · {year}"),
    "report.running_title": ("海盐县基本公共服务均等化实现度评估报告", "Haiyan County · Equalization of Basic Public Services"),
    "report.field.county": ("县", "County"),
    "report.field.unit": ("被考核单位", "Assessed unit"),
    "report.field.year": ("考核年度", "Year"),
    "report.field.catalogue": ("指标目录", "Catalogue"),
    "report.field.state": ("填报状态", "State"),
    "report.field.clerk": ("填报人", "Clerk"),
    "report.field.generated": ("生成时间", "Generated"),
    "report.field.fingerprint": ("数据指纹", "Data fingerprint"),
    "report.field.overall": ("实现度", "Realization degree"),
    "report.year": ("{year} 年度", "{year}"),
    "report.catalogue": ("{title}（{id}，版本 {version}）", "{title} ({id}, version {version})"),
    "report.fingerprint_note": (
        "数据指纹是本报告附带数据（PDF 内嵌的 JSON 文件，不含生成时间）的 SHA-256 值；数据相同，指纹相同。可用 haiyan-desktop report-data 读出附带数据核对。",
        "The data fingerprint is the SHA-256 of the data attached to this report (the JSON file embedded in the PDF, without the generation time); the same data always gives the same fingerprint. haiyan-desktop report-data prints the attached data.",
    ),
    "report.demo_notice": ("本报告由示例数据生成，仅供演示，不能作为考核依据。", "This report was made from sample data for demonstration; it is not an assessment."),
    "report.draft_notice": ("本报告为草稿：填报尚未校验，或已重开修改，不能作为最终考核依据。", "This report is a draft: the submission is not checked yet, or was reopened; it is not the final assessment."),
    "report.section.summary": ("总体情况", "Summary"),
    "report.section.domains": ("各服务领域指标明细", "Indicators by domain"),
    "report.section.problems": ("警告与说明", "Warnings and explanations"),
    "report.section.signature": ("签字确认", "Signatures"),
    "report.overall_line": ("{year} 年度实现度", "Realization degree {year}"),
    "report.previous_line": ("上年度（{year}）", "Last year ({year})"),
    "report.no_previous": ("无上年度数据", "no data for last year"),
    "report.change_line": ("变化", "Change"),
    "report.domain_heading": ("{name}（权重 {weight}）", "{name} (weight {weight})"),
    "report.domain_summary": (
        "本领域实现度 {score}，上年度 {previous}，变化 {change}；占总分 {share}%，得分 {points} 分。",
        "Realization degree {score}, last year {previous}, change {change}; {share}% of the whole, {points} points.",
    ),
    "report.domain_not_applicable": ("本领域没有适用于本单位的计分指标。", "No scored indicator of this domain applies to this unit."),
    "report.col.code": ("代码", "Code"),
    "report.col.domain": ("服务领域", "Domain"),
    "report.col.indicator": ("指标", "Indicator"),
    "report.col.weight": ("权重", "Weight"),
    "report.col.score": ("实现度", "Score"),
    "report.col.last_score": ("上年度", "Last year"),
    "report.col.share": ("占总分", "Share"),
    "report.col.points": ("得分", "Points"),
    "report.col.value": ("本年数值", "Value"),
    "report.col.target": ("目标值", "Target"),
    "report.col.attainment": ("达成度", "Attained"),
    "report.col.last_value": ("上年数值", "Last year"),
    "report.col.change": ("变化", "Change"),
    "report.col.flags": ("标记", "Flags"),
    "report.col.problem": ("问题", "Problem"),
    "report.col.comment": ("说明", "Comment"),
    "report.col.reason": ("不适用的原因", "Reason"),
    "report.flag.warning": ("警告", "warn"),
    "report.flag.error": ("错误", "error"),
    "report.flag.missing": ("未填", "missing"),
    "report.flag.calculated": ("计算", "calc"),
    "report.flag.input": ("仅填报", "input"),
    "report.na": ("不适用", "N/A"),
    "report.legend": (
        "说明：权重为该指标在总分中的占比；得分 = 权重 × 达成度 × 100，各项得分之和即实现度。标记：警告 = 有警告，说明见“警告与说明”；未填 = 未填写，按 0 计分；计算 = 由公式计算；仅填报 = 权重为 0，只填报不计分。",
        "Notes: the weight is the indicator's share of the whole; points = weight × attainment × 100, and the points add up to the realization degree. Flags: warn = a warning, explained under 'Warnings and explanations'; missing = no value, scored 0; calc = calculated by a formula; input = weight 0, entered but not scored.",
    ),
    "report.sub.warnings": ("警告及说明", "Warnings and their comments"),
    "report.sub.errors": ("错误", "Errors"),
    "report.sub.na": ("不适用的指标", "Indicators not applicable"),
    "report.sub.missing": ("未填写的指标（按 0 计分）", "Indicators without a value (scored 0)"),
    "report.none": ("无。", "None."),
    "report.not_commented": ("（未说明）", "(no comment)"),
    "report.chart.domains": ("各服务领域实现度（满分 100）", "Realization degree by domain (out of 100)"),
    "report.chart.radar": ("各服务领域实现度雷达图", "The domains at a glance"),
    "report.chart.indicators": ("一级指标得分（满分 100）", "First-level indicators (out of 100)"),
    "report.signature_intro": (
        "本单位已核对本报告所列 {year} 年度全部数据，确认真实、准确、完整。",
        "We have checked all the {year} figures in this report and confirm that they are true, accurate and complete.",
    ),
    "report.sign.clerk": ("填报人（签字）", "Clerk (signature)"),
    "report.sign.head": ("单位负责人（签字）", "Head of unit (signature)"),
    "report.sign.date": ("日期：", "Date:"),
    "report.page": ("第 {page} 页 共 {pages} 页", "Page {page} of {pages}"),
    "report.footer": ("海盐县 · {unit} · {year} 年度", "Haiyan County · {unit} · {year}"),
    "report.footer_fingerprint": ("数据指纹 {fingerprint}", "Fingerprint {fingerprint}"),
    "report.watermark.draft": ("草稿", "DRAFT"),
    "report.watermark.demo": ("示例数据", "SAMPLE DATA"),
    "report.done": (
        "报告已生成：{path}（共 {pages} 页，数据指纹 {fingerprint}）",
        "The report is ready: {path} ({pages} pages, data fingerprint {fingerprint})",
    ),
    "report.no_output_dir": ("输出目录不存在：{path}", "The output folder does not exist: {path}"),
    "report.bad_suffix": ("报告文件名应以 .pdf 结尾：{path}", "The report's file name must end in .pdf: {path}"),
    "report.write_failed": ("无法写入报告 {path}：{detail}", "The report {path} cannot be written: {detail}"),
    "report.unreadable": ("无法读取文件 {path}：{detail}", "The file {path} cannot be read: {detail}"),
    "report.not_pdf": ("{path} 不是 PDF 文件", "{path} is not a PDF file"),
    "report.no_data": (
        "{path} 中没有附带的报告数据，不是海盐桌面端生成的评估报告",
        "{path} carries no report data; it is not an assessment report made by Haiyan Desktop",
    ),
    "report.broken_data": ("{path} 中附带的报告数据已损坏，无法读取", "The report data attached to {path} is damaged and cannot be read"),
    "report.data_altered": (
        "{path} 中附带的报告数据与其数据指纹不符，生成后已被改动",
        "The report data attached to {path} does not match its fingerprint; it was changed after the report was made",
    ),
    # --- end of report ---
}


@dataclass(frozen=True)
class Message:
    """A user-facing sentence, kept as key + parameters until it is rendered."""

    key: str
    params: tuple[tuple[str, Any], ...] = ()

    def render(self, lang: str = DEFAULT_LANGUAGE) -> str:
        zh, en = MESSAGES[self.key]
        values = {k: (v.get(lang) if isinstance(v, Bilingual) else v) for k, v in self.params}
        return (en if lang == "en" else zh).format(**values)

    @property
    def zh(self) -> str:
        return self.render("zh")

    @property
    def en(self) -> str:
        return self.render("en")


def msg(key: str, **params: Any) -> Message:
    if key not in MESSAGES:
        raise KeyError(f"no message {key!r}")  # a programming error, caught by the tests
    return Message(key, tuple(sorted(params.items())))


def render(key: str, lang: str = DEFAULT_LANGUAGE, **params: Any) -> str:
    return msg(key, **params).render(lang)
