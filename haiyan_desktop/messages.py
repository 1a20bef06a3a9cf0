"""The core's message catalogue: every sentence a user can read outside the Qt widgets.

Core code never builds user-facing strings itself; it returns a :class:`Message` (a key and
its parameters) so the CLI, the report and the window can render it in either language.
Simplified Chinese comes first, English second.
"""

from __future__ import annotations

import errno
from typing import Any, NamedTuple

LANGUAGES = ("zh", "en")
DEFAULT_LANGUAGE = "zh"


class Bilingual(NamedTuple):
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
    "input.not_date": (
        "“{raw}”不是日期，请按 2019-12-31 或 2019年12月31日 的格式填写",
        "“{raw}” is not a date; enter it as 2019-12-31 or 2019年12月31日",
    ),
    "input.no_such_date": (
        "“{raw}”不是有效的日期：没有 {year} 年 {month} 月 {day} 日",
        "“{raw}” is not a valid date: there is no day {day} in month {month} of {year}",
    ),
    # --- field checks ----------------------------------------------------------------------
    "check.required": ("必填指标未填写", "This indicator is required but has no value"),
    "check.date.min": ("日期 {value} 早于最早日期 {limit}", "The date {value} is before the earliest date {limit}"),
    "check.date.max": ("日期 {value} 晚于最晚日期 {limit}", "The date {value} is after the latest date {limit}"),
    "check.date.expected_low": (
        "日期 {value} 早于通常范围（{low}–{high}），请核实并填写说明",
        "The date {value} is earlier than usual ({low}–{high}); check it and add a comment",
    ),
    "check.date.expected_high": (
        "日期 {value} 晚于通常范围（{low}–{high}），请核实并填写说明",
        "The date {value} is later than usual ({low}–{high}); check it and add a comment",
    ),
    "check.date.expected_low_answered": (
        "日期 {value} 早于通常范围（{low}–{high}），已填写说明",
        "The date {value} is earlier than usual ({low}–{high}); a comment explains it",
    ),
    "check.date.expected_high_answered": (
        "日期 {value} 晚于通常范围（{low}–{high}），已填写说明",
        "The date {value} is later than usual ({low}–{high}); a comment explains it",
    ),
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
    # the same warnings once the clerk has explained them: no prompt left to act on
    "check.expected_low_answered": (
        "数值 {value} 低于通常范围（{low}–{high}），已填写说明",
        "The value {value} is below the usual range ({low}–{high}); a comment explains it",
    ),
    "check.expected_high_answered": (
        "数值 {value} 高于通常范围（{low}–{high}），已填写说明",
        "The value {value} is above the usual range ({low}–{high}); a comment explains it",
    ),
    "check.max_change_answered": (
        "与上年（{previous}）相比变化 {change}%，超过 {limit}%，已填写说明",
        "The change against last year ({previous}) is {change}%, more than {limit}%; "
        "a comment explains it",
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
    # --- values of each indicator type (catalogue/indicator_types) --------------------------
    "value.yes": ("是", "Yes"),
    "value.no": ("否", "No"),
    "setting.number": ("数字", "a number"),
    "setting.bool": ("true 或 false", "true or false"),
    "setting.date": ("日期（如 2019-12-31）", "a date such as 2019-12-31"),
    # the Excel template's data validation (shown when a cell is refused, and as its prompt)
    "excel.what.number": ("数值", "a number"),
    "excel.what.whole": ("整数", "a whole number"),
    "excel.what.date": ("日期（格式如 2019-12-31）", "a date (such as 2019-12-31)"),
    "excel.range.between": ("请输入 {low} 至 {high} 之间的{what}", "Enter {what} from {low} to {high}"),
    "excel.range.min": ("请输入不小于 {low} 的{what}", "Enter {what} of at least {low}"),
    "excel.range.max": ("请输入不大于 {high} 的{what}", "Enter {what} of at most {high}"),
    "excel.range.any": ("请输入{what}", "Enter {what}"),
    "excel.decimals": ("，最多 {decimals} 位小数", ", at most {decimals} decimals"),
    "excel.percent": ("（百分比直接填数字，如 98.32）", " (a percentage as the figure, e.g. 98.32)"),
    "excel.choose": ("请从下拉列表中选择：{options}", "Choose one of: {options}"),
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
        "指标目录有效：{domains} 个服务领域，{first} 个一级指标，{second} 个二级指标，{items} 个基础数据项，{rules} 条校验规则",
        "The catalogue is valid: {domains} domains, {first} first-level and {second} "
        "second-level indicators, {items} data items, {rules} cross-field rules",
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
    # storage faults (store/faults.py): what happened, what was kept ({kept}), what to do
    "store.fault_kept": (
        "这一步没有保存，已整体撤销，不会只保存一半。已保存的数据没有丢失：这一步之前成功保存的所有修改都完好无损。",
        "This step was not saved: it was undone as a whole, so nothing is half-saved. No saved "
        "data was lost: every change saved before this step is intact.",
    ),
    "store.fault_kept_demo": (
        "示例数据没有生成；原有的示例数据（如有）保持不变，正式数据 {real} 没有被改动。",
        "The sample data were not built; the previous sample data (if any) are unchanged, and "
        "the real data in {real} were not touched.",
    ),
    "store.fault_disk_full": (
        "磁盘空间已满，数据库 {path} 无法写入。{kept}请清理磁盘空间（删除不需要的文件、清空回收站）后再试一次。",
        "The disk is full: the database {path} cannot be written. {kept} Free some disk space "
        "(delete files you no longer need, empty the recycle bin) and try again.",
    ),
    "store.fault_read_only": (
        "数据文件夹 {folder} 或其中的数据库文件是只读的，无法写入（没有写入权限、文件设为只读，"
        "或 U 盘的写保护开关已打开）。{kept}请取消只读或写保护，或换一个可以写入的数据文件夹，然后再试一次。",
        "The data folder {folder} or its database file is read-only and cannot be written (no "
        "write permission, a read-only file, or the drive's write-protect switch is on). {kept} "
        "Make it writable (clear the read-only setting or the write protection) or use a data "
        "folder you can write to, then try again.",
    ),
    "store.fault_busy": (
        "数据库文件 {path} 正被另一个程序（例如数据库查看工具、备份或同步软件）占用，等待 {seconds} 秒后仍未释放。"
        "{kept}请关闭占用该文件的程序后再试一次。",
        "Another program (a database viewer, backup or sync software, for example) is holding "
        "the database file {path} and did not release it within {seconds} seconds. {kept} "
        "Close that program and try again.",
    ),
    "store.fault_replaced": (
        "数据库文件 {path} 在本程序使用期间被其他程序删除或替换了（例如同步盘、杀毒软件，或手动复制、移动了文件）。"
        "这一步没有保存。已保存的数据没有丢失：本程序打开的那份数据库，连同之前成功保存的所有修改，已另存为 {copy}。"
        "请关闭本程序，查明是谁改动了数据文件夹，然后用命令 {command} 恢复这份数据。",
        "The database file {path} was deleted or replaced by another program while this app had "
        "it open (a sync folder, antivirus software, or a file copied or moved by hand). This "
        "step was not saved. No saved data was lost: the database as this app had it open, "
        "with every change saved before, was saved as {copy}. Close this app, find out what "
        "changed the data folder, then bring that copy back with the command {command}.",
    ),
    "store.fault_replaced_no_copy": (
        "数据库文件 {path} 在本程序使用期间被其他程序删除或替换了，这一步没有保存；本程序也无法另存一份副本（{reason}）。"
        "之前成功保存的修改目前只在本程序打开的那份数据库中：请先不要关闭本程序，腾出磁盘空间或恢复数据文件夹的写入权限后再试一次，"
        "或联系技术支持。",
        "The database file {path} was deleted or replaced by another program while this app had "
        "it open; this step was not saved, and this app could not save a copy either "
        "({reason}). The changes saved before now exist only in the database this app has "
        "open: do not close this app yet; free disk space or make the data folder writable "
        "and try again, or contact support.",
    ),
    "store.fault_gone": (
        "找不到数据文件夹 {folder}（U 盘或移动硬盘是否已拔出？）。{kept}已保存的数据在该文件夹的数据库文件 {path} 中。"
        "请重新插入 U 盘，然后关闭并重新打开本程序。",
        "The data folder {folder} cannot be found (was a USB stick or an external drive "
        "removed?). {kept} The saved data are in the database file {path} in that folder. Put "
        "the drive back, then close and reopen this app.",
    ),
    "store.fault_io_error": (
        "读写数据库文件 {path} 时出错（U 盘或移动硬盘是否松动或已拔出？磁盘是否有故障？）。{kept}"
        "请检查 U 盘或磁盘，然后关闭并重新打开本程序。",
        "Reading or writing the database file {path} failed (is a USB stick or an external "
        "drive loose or removed? is the disk failing?). {kept} Check the drive, then close and "
        "reopen this app.",
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
    "report.is_signed": ("{unit} {year} 年度的填报已签名：它的报告就是已签名的文件，不再另行生成。请使用已签名的报告，或先重开。", "The {year} submission of {unit} is signed: its report is the signed file, and no other is built. Use the signed report, or reopen the submission first."),
    "report.signed_unknown": ("这份填报已签名，但找不到签名报告的记录。请重开后重新签名。", "This submission is signed, but there is no record of its signed report. Reopen it and sign again."),
    "report.signed_missing": ("找不到已签名的报告文件：{path}。请从备份中找回该文件，或重开后重新签名。", "The signed report is missing: {path}. Restore the file from a backup, or reopen the submission and sign again."),
    "report.signed_changed": ("已签名的报告文件在签名后被改动过：{path}。请从备份中找回原文件，或重开后重新签名。", "The signed report was changed after signing: {path}. Restore the original file from a backup, or reopen the submission and sign again."),
    "report.superseded_file": ("原签名报告已标为作废：{name}", "The old signed report is marked superseded: {name}"),
    "session.missing": ("未填写", "Not filled in"),
    "session.via_formula": ("用于计算 {code} {name}：{reason}", "used to compute {code} {name}: {reason}"),
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
    "report.clerk_not_given": ("未填写", "Not given"),
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
    "report.chart.target": ("目标 {value}", "target {value}"),
    "report.chart.axis_from": ("刻度从 {start} 起，不从 0 起", "the scale starts at {start}, not 0"),
    "report.chart.radar_centre": ("中心为 {start}，不是 0", "the centre is {start}, not 0"),
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
    # the method page, the weak points, the appendix, the notes in the tables (issue 15)
    "report.section.method": ("计分方法", "How the scores are computed"),
    "report.section.appendix": ("指标说明", "The indicators"),
    "report.method.intro": (
        "本报告的每个分数都由表中所列的数字按以下方法算出，可以逐行用笔算复核。",
        "Every score in this report is computed from the figures printed in its tables as follows, and can be checked line by line with pen and paper.",
    ),
    "report.method.sub.attainment": ("达成度", "Attainment"),
    "report.method.sub.weights": ("权重", "Weights"),
    "report.method.sub.points": ("得分与实现度", "Points and realization degree"),
    "report.method.sub.rounding": ("数字的取舍", "Rounding"),
    "report.method.attainment_intro": (
        "每项计分指标的达成度在 0 到 100% 之间，按目录为它规定的计分方式算出：",
        "Each scored indicator's attainment lies between 0 and 100 %; it is computed as the catalogue says for the indicator:",
    ),
    "report.method.col.direction": ("计分方式", "Scored by"),
    "report.method.col.rule": ("达成度的算法", "Attainment"),
    "report.method.col.example": ("本报告中的例子", "Example from this report"),
    "report.direction.higher": ("越高越好", "higher is better"),
    "report.direction.lower": ("越低越好", "lower is better"),
    "report.direction.threshold": ("达标", "threshold"),
    "report.direction.yesno": ("是 / 否", "yes / no"),
    "report.direction.choice": ("选项", "choice"),
    "report.direction.date": ("日期", "date"),
    "report.method.rule.higher": (
        "实际值 ÷ 目标值，超过 100% 的按 100% 计（目标值不大于 0 时为 100%）",
        "actual ÷ target, at most 100 % (100 % when the target is 0 or less)",
    ),
    "report.method.rule.lower": (
        "目标值 ÷ 实际值，超过 100% 的按 100% 计（实际值不大于 0 时为 100%）",
        "target ÷ actual, at most 100 % (100 % when the actual value is 0 or less)",
    ),
    "report.method.rule.threshold": (
        "实际值满足目标值的条件（如 ≤ 0.500）为 100%，否则为 0",
        "100 % when the actual value meets the target's condition (such as ≤ 0.500), else 0",
    ),
    "report.method.rule.yesno": (
        "回答与目标相同（目标一般为“是”）为 100%，否则为 0",
        "100 % when the answer is the target (usually yes), else 0",
    ),
    "report.method.rule.choice": (
        "所选选项在目录中规定的分值即为达成度",
        "the score the catalogue gives the chosen answer",
    ),
    "report.method.rule.date": (
        "日期满足目标的条件（如在目标日期当天或之前）为 100%，否则为 0",
        "100 % when the date meets the target's condition (such as on or before the target day), else 0",
    ),
    "report.method.example.ratio": ("{code} {name}：达成度 = {a} ÷ {b} = {ratio}", "{code} {name}: attainment = {a} ÷ {b} = {ratio}"),
    "report.method.example.capped": ("，按 100% 计", ", counted as 100 %"),
    "report.method.example.free": ("{code} {name}：{value}（{why}），达成度 100%", "{code} {name}: {value} ({why}), attainment 100 %"),
    "report.method.example.answer": (
        "{code} {name}：{value}，目标 {target}，达成度 {attainment}",
        "{code} {name}: {value}, target {target}, attainment {attainment}",
    ),
    "report.method.example.choice": (
        "{code} {name}：{value}，达成度 {attainment}（可选：{choices}）",
        "{code} {name}: {value}, attainment {attainment} (answers: {choices})",
    ),
    "report.method.example.none": ("本报告没有这类指标", "none in this report"),
    "report.method.weights": (
        "目录为服务领域、一级指标和二级指标分别规定权重。不适用于本单位的指标（本类单位不填报，或填报时标为“不适用”）退出计分，同一层级其余指标的权重按比例放大，合计仍为 100 分。表中的“权重”是这样换算后该项可得的最高分：权重 = 100 × 领域权重 ÷ 计分领域的权重合计 × 一级指标权重 ÷ 同领域计分一级指标的权重合计 × 二级指标权重 ÷ 同组计分二级指标的权重合计。",
        "The catalogue gives weights to the domains, to the first-level indicators and to the second-level ones. An indicator that does not apply to this unit (units of this kind do not report it, or it was marked not applicable) leaves the scoring, and the weights of the others on the same level grow in proportion, so that they still add up to 100 points. The weight printed in the tables is the most an indicator can earn after this: weight = 100 × domain weight ÷ weights of the scored domains × first-level weight ÷ weights of the domain's scored first-level indicators × second-level weight ÷ weights of the scored second-level indicators beside it.",
    ),
    "report.method.weights_example": (
        "例：{domain}的目录权重为 {dw}（计分领域合计 {sd}），一级指标 {code} {name} 的目录权重为 {fw}，本领域计分的一级指标权重合计 {sf}{excluded}，所以 {code} 的权重 = 100 × {dw} ÷ {sd} × {fw} ÷ {sf} = {exact}{printed}。",
        "For example: {domain} has the catalogue weight {dw} (scored domains together {sd}); the first-level indicator {code} {name} has {fw}, and the domain's scored first-level indicators together {sf}{excluded}; so the weight of {code} = 100 × {dw} ÷ {sd} × {fw} ÷ {sf} = {exact}{printed}.",
    ),
    "report.method.excluded": ("（{codes} 不适用于本单位，不计入）", " ({codes} do not apply to this unit and are left out)"),
    "report.method.printed_as": ("，表中为 {printed}（见“数字的取舍”）", ", printed as {printed} (see Rounding)"),
    "report.method.input_only": (
        "目录权重为 0 的指标（多为比率的分子、分母）只填报、不计分，表中标“仅填报”。",
        "Indicators with catalogue weight 0 (mostly the numerators and denominators of rates) are entered but not scored; the tables flag them 'input'.",
    ),
    "report.method.missing": (
        "必填指标没有填写的，达成度按 0 计，仍占它的权重（其他指标的权重不因此放大），得 0 分。",
        "A required indicator left empty counts as attainment 0: it keeps its weight (the others do not grow) and earns 0 points.",
    ),
    "report.method.missing_here": ("本报告有 {count} 项未填写，共失 {points} 分。", "This report has {count} such indicators, {points} points lost."),
    "report.method.points": (
        "得分 = 权重 × 达成度。例：{code} {name}：{weight} × {attainment} = {exact}，四舍五入为 {points}。",
        "Points = weight × attainment. For example, {code} {name}: {weight} × {attainment} = {exact}, rounded to {points}.",
    ),
    "report.method.totals": (
        "含二级指标的一级指标、服务领域的权重和得分是其下各项之和；总实现度是各领域得分之和（满分 100）。一级指标、服务领域的达成度（实现度）是其下各项达成度按权重的平均，即未舍入的得分 ÷ 权重。",
        "The weight and the points of a first-level indicator with second-level ones, and of a domain, are the sums of those of its parts; the realization degree is the sum of the domains' points (out of 100). The attainment of a first-level indicator and the realization degree of a domain are the weighted mean of their parts' attainment: unrounded points ÷ weight.",
    ),
    "report.method.rounding": (
        "数值按目录规定的小数位填报。达成度和实现度用百分数表示，权重和得分用分表示，都保留两位小数，四舍五入。本报告“先舍入，后计算”：各项的权重用最大余数法分配（先舍去每项第二位以后的小数，余下的 0.01 依次分给舍去部分最大的项），所以各项权重之和等于上一级的权重，各领域权重之和为 100.00；“变化”是本年所列数字减去上年所列数字。",
        "Values are entered with the decimals the catalogue sets. Attainment and realization degree are percentages, weights and points are points; all are printed with two decimals, rounded half up. This report rounds first and then computes: weights are shared out by the largest-remainder method (each is cut after its second decimal, and the hundredths left over go one each to those that lost the most), so the parts' weights add up to the weight above them and the domains' to 100.00; a change is this year's printed figure minus last year's.",
    ),
    "report.method.overall": (
        "总实现度 {overall} 由未舍入的数值算出后四舍五入，与软件中和本报告附带数据中的相同。得分自上而下分配：各服务领域、一级指标、二级指标的得分先取所列权重 × 所列达成度（四舍五入）；同一级各项之和与上一级的得分不符时，差额按最大余数法每项 0.01 补给（或扣自）未舍入得分离所列得分最远的项，所以各项得分之和恰好等于上一级的得分。",
        "The realization degree {overall} is computed from unrounded figures and rounded once, as the app and the data attached to this report give it. Points are shared out from the top: each domain, first-level and second-level indicator first gets its printed weight × its printed attainment (rounded half up); when the parts of a total do not add up to it, the difference goes 0.01 at a time to (or from) the parts whose unrounded points lie furthest from their printed ones (largest-remainder method), so the parts' points add up exactly to the points above them.",
    ),
    "report.method.adjusted": (
        "本报告中这样调整的有：{items}；其余每一行的得分都恰好等于“权重 × 达成度”。",
        "Adjusted so in this report: {items}; on every other row the points are exactly weight × attainment.",
    ),
    "report.method.adjusted_none": (
        "本报告中没有需要调整的项，每一行的得分都恰好等于“权重 × 达成度”。",
        "Nothing needed adjusting in this report: on every row the points are exactly weight × attainment.",
    ),
    "report.method.adjusted.more": ("{code} 多计 {amount}", "{code} +{amount}"),
    "report.method.adjusted.less": ("{code} 少计 {amount}", "{code} −{amount}"),
    "report.col.total": ("合计", "Total"),
    "report.col.lost": ("失分", "Lost"),
    "report.col.definition": ("指标与定义", "Indicator and definition"),
    "report.col.source": ("数据来源", "Source"),
    "report.col.lead_unit": ("牵头单位", "Lead unit"),
    "report.summary_legend": (
        "权重：该领域在 100 分中可得的最高分；得分 = 权重 × 实现度；变化 = 本年实现度 − 上年度实现度。",
        "Weight: the most a domain can earn out of 100; points = weight × realization degree; change = this year's realization degree − last year's.",
    ),
    "report.summary_not_applicable": ("“—”表示{text}", "“—”: {text}"),
    "report.sub.weak": ("短板：距目标最远的指标", "Weak points: the indicators furthest below target"),
    "report.weak_missing": (
        "另有 {count} 项指标未填写，按 0 计分，共失 {points} 分，见“未填写的指标”。",
        "Besides, {count} indicators have no value and score 0, {points} points lost; see 'Indicators without a value'.",
    ),
    "report.domain_heading_catalogue": ("{name}（目录权重 {weight}）", "{name} (catalogue weight {weight})"),
    "report.domain_line": (
        "本领域权重 {weight} 分，实现度 {score}，得分 {points} 分；上年度实现度 {previous}，变化 {change}。",
        "Weight {weight} points, realization degree {score}, {points} points; last year {previous}, change {change}.",
    ),
    "report.domain_line_first": (
        "本领域权重 {weight} 分，实现度 {score}，得分 {points} 分；无上年度数据。",
        "Weight {weight} points, realization degree {score}, {points} points; no data for last year.",
    ),
    "report.legend_points": (
        "说明：权重是该项在 100 分中可得的最高分；得分 = 权重 × 达成度；一级指标的权重、得分是其下各项之和；各项得分之和即实现度，算法见“计分方法”。标记：警告 = 有警告，说明见“警告与说明”；未填 = 未填写，按 0 计分；计算 = 由公式计算；仅填报 = 目录权重为 0，只填报、不计分。",
        "Notes: the weight is the most an indicator can earn out of 100; points = weight × attainment; a first-level indicator's weight and points are the sums of its parts'; all points add up to the realization degree (see 'How the scores are computed'). Flags: warn = a warning, explained under 'Warnings and explanations'; missing = no value, scored 0; calc = calculated by a formula; input = catalogue weight 0, entered but not scored.",
    ),
    "report.note.na": (
        "不适用：{reason}。该项退出计分，它的权重由同组其他指标按比例分担。",
        "Not applicable: {reason}. It leaves the scoring; the others beside it share its weight in proportion.",
    ),
    "report.note.na_input": ("不适用：{reason}。", "Not applicable: {reason}."),
    "report.note.zero": (
        "填报“{value}”，目标为“{target}”，未达到：达成度 0，得 0 分。",
        "Answered “{value}”, the target is “{target}”: not met, attainment 0, 0 points.",
    ),
    "report.note.no_comment": ("填报人未说明原因。", "No comment was given."),
    "report.note.zero_choice": (
        "所选“{value}”在目录中的分值为 0，得 0 分。",
        "The answer “{value}” scores 0 in the catalogue: 0 points.",
    ),
    "report.note.comment": ("说明：{comment}", "Comment: {comment}"),
    "report.appendix_catalogue": (
        "指标目录：{title}；标识 {id}，版本 {version}；目录文件的 SHA-256：{sha256}。下表列出适用于本单位的全部指标。",
        "Catalogue: {title}; id {id}, version {version}; SHA-256 of the catalogue file: {sha256}. The table lists every indicator that applies to this unit.",
    ),
    "report.formula": ("计算公式：{formula}", "Formula: {formula}"),
    "report.formula_inputs": ("数据项：{items}", "Data items: {items}"),
    "report.formula_values": ("本年：{values}", "This year: {values}"),
    "report.source_and_lead": ("数据来源：{source}；牵头单位：{lead}", "Source: {source}; lead unit: {lead}"),
    "report.sign.unit": ("单位（盖章）", "Unit (seal)"),
    "report.sign.date_stamp": ("日期：见签章", "Date: shown in the signature"),
    "report.sign.seal_date": ("年　　月　　日", "Date: ________________"),
    # --- end of report ---
    # --- county PKI --------------------------------------------------------------------------
    "pki.passphrase_short": ("口令太短：至少需要 {minimum} 个字符", "The passphrase is too short: it needs at least {minimum} characters"),
    "pki.passphrase_mismatch": ("两次输入的口令不一致，未做任何更改", "The two passphrases differ; nothing was changed"),
    "pki.ca_exists": ("{path} 中已有县级根证书，不会覆盖；如确需新建，请换一个空文件夹", "{path} already holds a county root; it is never overwritten: use an empty folder for a new one"),
    "pki.not_a_folder": ("{path} 不是文件夹", "{path} is not a folder"),
    "pki.no_ca": ("{path} 中没有县级根证书和私钥（应有 county-root.pem 和 county-root-key.pem）", "{path} holds no county root and key (county-root.pem and county-root-key.pem)"),
    "pki.wrong_ca_passphrase": ("根证书私钥的口令不正确", "The passphrase of the county root's key is wrong"),
    "pki.ca_damaged": ("{path} 中的根证书与私钥不匹配，文件可能已损坏", "The root certificate and key in {path} do not match; the files may be damaged"),
    "pki.root_unreadable": ("无法读取根证书 {path}：{detail}", "The root certificate {path} cannot be read: {detail}"),
    "pki.root_invalid": ("{path} 不是有效的县级根证书", "{path} is not a valid county root certificate"),
    "pki.bad_p12_suffix": ("证书文件名应以 .p12 结尾：{path}", "The certificate file's name must end in .p12: {path}"),
    "pki.no_output_dir": ("文件夹 {path} 不存在", "The folder {path} does not exist"),
    "pki.bad_days": ("有效天数必须大于 0（收到 {days}）", "The number of days must be above 0 (got {days})"),
    "pki.bad_reason": ("吊销原因“{reason}”无法识别，可选：{reasons}", "The revocation reason “{reason}” is not known; choose one of: {reasons}"),
    "pki.unknown_serial": ("该县级证书库中没有序列号为 {serial} 的证书（可用 pki list 查看）", "No certificate with serial {serial} was issued from this county folder (see pki list)"),
    "pki.already_revoked": ("序列号为 {serial} 的证书已于 {at} 吊销", "The certificate with serial {serial} was already revoked at {at}"),
    "pki.crl_unreadable": ("无法读取吊销列表 {path}：{detail}", "The revocation list {path} cannot be read: {detail}"),
    "pki.crl_invalid": ("{path} 不是有效的证书吊销列表", "{path} is not a valid certificate revocation list"),
    "pki.registry_damaged": ("证书登记文件 {path} 已损坏，无法读取", "The certificate register {path} is damaged and cannot be read"),
    "pki.initialised": ("已创建县级根证书：{path}\n请把根证书和吊销列表分发给各乡镇和县里的核验人员；私钥文件请妥善保管。", "County root created: {path}\nGive the root certificate and the revocation list to the townships and the county's verifiers; keep the key file safe."),
    "pki.issued": ("已签发证书：{unit} {role} {name}，序列号 {serial}，有效期至 {until}，已保存为 {path}", "Certificate issued: {unit} {role} {name}, serial {serial}, valid until {until}, saved as {path}"),
    "pki.revoked": ("已吊销序列号 {serial}（{name}），吊销列表已更新：{path}", "Serial {serial} ({name}) revoked; the revocation list was updated: {path}"),
    "pki.crl_written": ("吊销列表已写入 {path}（{count} 张证书被吊销，有效期至 {until}）", "Revocation list written to {path} ({count} revoked, valid until {until})"),
    "pki.list_empty": ("尚未签发任何证书", "No certificate has been issued yet"),
    "pki.unknown_role": ("角色“{role}”无法识别，可选：clerk（填报人）、head（单位负责人）、county（县评估办公室）", "The role “{role}” is not known; choose clerk, head or county"),
    "pki.passphrase_prompt": ("请输入{what}的口令：", "Passphrase for {what}: "),
    "pki.passphrase_again": ("请再次输入口令：", "Repeat the passphrase: "),
    "pki.what_ca": ("县级根证书私钥", "the county root's key"),
    "pki.what_p12": ("证书文件 {path}", "the certificate file {path}"),
    "pki.no_terminal": ("需要口令，但没有可以输入口令的终端：请用 {option} 指定口令文件", "A passphrase is needed but there is no terminal to type it: name a passphrase file with {option}"),
    # --- signing -----------------------------------------------------------------------------
    "sign.p12_unreadable": ("无法读取证书文件 {path}：{detail}", "The certificate file {path} cannot be read: {detail}"),
    "sign.wrong_passphrase": ("证书文件 {path} 的口令不正确", "The passphrase of the certificate file {path} is wrong"),
    "sign.p12_damaged": ("证书文件 {path} 已损坏或不是 PKCS#12（.p12）文件", "The certificate file {path} is damaged or not a PKCS#12 (.p12) file"),
    "sign.p12_not_ours": ("{path} 不是县里签发的乡镇签名证书（缺少单位、角色或姓名）", "{path} is not a township signing certificate issued by the county (no unit, role or name)"),
    "sign.passphrase_file_unreadable": ("无法读取口令文件 {path}", "The passphrase file {path} cannot be read"),
    "sign.cert_expired": ("{name}的证书已于 {date} 过期，不能签名；请向县里申请新证书", "{name}'s certificate expired on {date} and cannot sign; ask the county for a new one"),
    "sign.cert_not_yet_valid": ("{name}的证书自 {date} 起才生效，现在不能签名", "{name}'s certificate is valid only from {date}; it cannot sign yet"),
    "sign.cert_foreign": ("该证书不是由本机安装的县级根证书签发的，不能签名", "This certificate was not issued by the county root installed here; it cannot sign"),
    "sign.cert_revoked": ("该证书已于 {date} 被县里吊销，不能签名", "This certificate was revoked by the county on {date}; it cannot sign"),
    "sign.wrong_unit": ("{name}的证书属于{signer_unit}，不能为{unit}的报告签名", "{name}'s certificate belongs to {signer_unit}; it cannot sign a report of {unit}"),
    "sign.not_checked": ("这份报告是草稿，不能签名：请先把填报标记为已校验，再重新生成报告", "This report is a draft and cannot be signed: mark the submission checked, then build the report again"),
    "sign.clerk_first": ("须先由填报人签名，{name}（单位负责人）之后再签", "The clerk signs first; {name} (unit head) signs after"),
    "sign.clerk_signed": ("填报人已签名，现在需要单位负责人的证书（{name}是填报人）", "The clerk has signed; the unit head's certificate is needed now ({name} is a clerk)"),
    "sign.complete": ("这份报告已有填报人和单位负责人的签名，无需再签", "This report already carries the clerk's and the unit head's signatures"),
    "sign.foreign_signatures": ("这份报告中有不属于本系统签名位的签名，不能继续签名", "This report carries signatures outside its two signature places; it cannot be signed further"),
    "sign.pdf_damaged": ("PDF 文件结构已损坏，不能签名", "The PDF file's structure is damaged; it cannot be signed"),
    "sign.not_in_store": ("本机数据中没有 {unit} {year} 年度的填报，不能签名", "There is no submission of {unit} for {year} in this data folder; the report cannot be signed"),
    "sign.store_not_checked": ("{unit} {year} 年度的填报当前不是“已校验”状态（生成报告后又修改过），请重新校验并生成报告", "The submission of {unit} for {year} is no longer checked (it changed after the report was built); check it and build the report again"),
    "sign.already_signed": ("{unit} {year} 年度的填报已签名；如需修改请先重开", "The submission of {unit} for {year} is already signed; reopen it to change it"),
    "sign.data_changed": ("报告生成后，{unit} {year} 年度的数据已修改，请重新生成报告再签名", "The data of {unit} for {year} changed after the report was built; build it again, then sign"),
    "sign.done": ("已签名：{role} {name}（{time}），已保存为 {path}", "Signed: {role} {name} ({time}), saved as {path}"),
    "sign.done_complete": ("填报人和单位负责人均已签名，填报状态已改为“已签名”", "The clerk and the unit head have both signed; the submission is now signed"),
    "sign.done_waiting": ("还需要单位负责人签名", "The unit head still has to sign"),
    "sign.stamp_sample": ("示例", "SAMPLE"),
    # --- trust and verification --------------------------------------------------------------
    "trust.crl_foreign": ("吊销列表 {path} 不是由该县级根证书签发的", "The revocation list {path} was not issued by this county root"),
    "trust.none": ("本机没有安装县级根证书：请用 --trust 指定 county-root.pem，或先运行 trust install", "No county root is installed here: name county-root.pem with --trust, or run trust install first"),
    "trust.installed": ("已安装县级根证书{crl}到 {path}", "County root{crl} installed in {path}"),
    "trust.installed_crl": ("和吊销列表", " and revocation list"),
    "verify.damaged": ("{path} 的 PDF 结构已损坏（可能不完整），无法核验", "The PDF structure of {path} is damaged (perhaps incomplete); it cannot be verified"),
    "verify.unsigned": ("{path} 没有数字签名", "{path} carries no digital signature"),
    "verify.crl_stale": ("吊销列表已于 {date} 过期，请向县里索取最新的吊销列表", "The revocation list expired on {date}; get the latest one from the county"),
    "verify.not_intact": ("{who}的签名与文件内容不符：签名后文件被改动过", "{who}'s signature does not match the file: it was changed after signing"),
    "verify.revoked": ("{who}的证书已于 {date} 被县里吊销", "{who}'s certificate was revoked by the county on {date}"),
    "verify.foreign_ca": ("{who}的证书不是由县级根证书签发的，不能信任", "{who}'s certificate was not issued by the county root; it cannot be trusted"),
    "verify.expired": ("{who}的证书已于 {date} 过期", "{who}'s certificate expired on {date}"),
    "verify.not_yet_valid": ("{who}的证书自 {date} 起才生效", "{who}'s certificate is valid only from {date}"),
    "verify.untrusted": ("{who}的证书无法通过县级根证书的验证", "{who}'s certificate does not validate against the county root"),
    "verify.not_township": ("{who}的证书不是乡镇签名证书（没有单位和角色）", "{who}'s certificate is not a township signing certificate (no unit or role)"),
    "verify.wrong_unit": ("{who}属于{signer_unit}，而报告的单位是{unit}", "{who} belongs to {signer_unit}, but the report is of {unit}"),
    "verify.wrong_role": ("{who}签在了{place}的签名位上", "{who} signed in the place of the {place}"),
    "verify.foreign_field": ("报告中有一个不属于本系统的签名（签名位“{field}”）", "The report carries a signature outside its signature places (field “{field}”)"),
    "verify.missing_role": ("报告缺少{role}的签名", "Signature missing: {role}"),
    "verify.annotation_added": ("{who}签名之后，第 {page} 页被添加了批注", "After {who} signed, an annotation was added on page {page}"),
    "verify.content_changed": ("{who}签名之后，第 {page} 页的内容被修改", "After {who} signed, the content of page {page} was changed"),
    "verify.pages_changed": ("{who}签名之后，报告的页数被改变", "After {who} signed, pages were added or removed"),
    "verify.changed_after": ("{who}签名之后，文件被追加修改", "The file was changed after {who} signed"),
    "verify.ok": ("核验通过：{unit} {year} 年度评估报告，{count} 个签名均完好、可信，签名后未被修改", "Verified: the {year} report of {unit}; all {count} signatures are intact and trusted, and nothing changed after signing"),
    "verify.failed": ("核验未通过：发现 {count} 个问题", "Verification failed; problems found: {count}"),
    "verify.signature_line": ("{role}：{name}（{unit}），签名时间 {time}", "{role}: {name} ({unit}), signed {time}"),
    "verify.flags": ("完好：{intact}；可信：{trusted}；已吊销：{revoked}；覆盖全文：{whole}；签名后被修改：{changed}", "intact: {intact}; trusted: {trusted}; revoked: {revoked}; covers the whole file: {whole}; changed after: {changed}"),
    "verify.yes": ("是", "yes"),
    "verify.no": ("否", "no"),
    "verify.sample_data": ("这是示例数据生成的报告，不能作为正式上报材料", "This report was made from sample data and cannot be submitted as an official report."),
    # --- support logs and diagnostics -----------------------------------------------------------
    "logs.details_in": ("详细信息已记录在 {path}", "Details are recorded in {path}"),
    "logs.previous_crash": ("上次程序异常退出，诊断信息已保存在 {path}", "The program stopped unexpectedly last time; diagnostic information was saved in {path}"),
    "logs.fallback": ("数据文件夹中的日志文件夹 {wanted} 无法写入，本次运行的日志改存在 {path}", "The log folder {wanted} in the data folder cannot be written; this run logs to {path} instead"),
    "logs.nowhere": ("日志文件夹 {wanted} 无法写入，临时文件夹也无法写入，本次运行不记录日志", "The log folder {wanted} cannot be written, nor can the temporary folder; this run keeps no log"),
    "cli.internal_error_logged": ("程序内部错误：{detail}。详细信息已记录在 {path}，请将此信息告知技术支持", "Internal error: {detail}. Details are recorded in {path}; please report this to support"),
    "diagnostics.done": ("诊断信息已导出到 {path}。其中不含任何填报数值、说明、口令或证书，可以发给技术支持", "Diagnostics exported to {path}. They hold no values, comments, passphrases or certificates and can be sent to support"),
    "diagnostics.no_output_dir": ("输出目录不存在：{path}", "The output folder does not exist: {path}"),
    "diagnostics.write_failed": ("无法写入诊断文件 {path}：{detail}", "The diagnostics file {path} cannot be written: {detail}"),
    "diagnostics.readme": (
        "海盐桌面端诊断信息，供技术支持排查问题。内容：程序和系统版本、日志、数据文件夹中的文件名称和大小、数据库完整性检查和审计记录核验结果、已安装的县级根证书的名称和有效期。不含任何填报数值、说明、口令、私钥或证书文件，也不含数据库和报告文件本身。",
        "Haiyan Desktop diagnostics, for support to find a problem. Inside: the versions of the program and the system, the logs, the names and sizes of the files in the data folder, the databases' integrity checks and audit trail verification, and the installed county root's name and expiry. No values, comments, passphrases, private keys or certificate files, and neither the databases nor the reports themselves.",
    ),
    # --- catalogue: data items, departments, diff (catalogue/loader.py, diff.py) ---------
    "catdiff.header": ("目录比较：{old} → {new}", "Catalogue changes: {old} → {new}"),
    "catdiff.added": ("新增", "added"),
    "catdiff.removed": ("删除", "removed"),
    "catdiff.renamed": ("更名", "renamed"),
    "catdiff.changed": ("修改", "changed"),
    "catdiff.kind.indicator": ("指标", "indicator"),
    "catdiff.kind.data_item": ("基础数据项", "data item"),
    "catdiff.kind.unit": ("单位", "unit"),
    "catdiff.kind.domain": ("服务领域", "domain"),
    "catdiff.kind.rule": ("校验规则", "rule"),
    "catdiff.kind.setting": ("目录设置", "settings"),
    "catdiff.summary": (
        "共新增 {added} 项、删除 {removed} 项、更名 {renamed} 项、修改 {changed} 项",
        "{added} added, {removed} removed, {renamed} renamed, {changed} changed",
    ),
    "cat.data_item_mark": ("基础数据项", "data item"),
    "cat.weight_not_positive": (
        "权重必须大于 0（现为 {actual}）；只填报不计分的分子、分母请写在指标的 data_items（基础数据项）下",
        "The weight must be greater than 0 (it is {actual}); numerators and denominators that are entered but not scored go under the indicator's data_items",
    ),
    "cat.not_on_data_item": (
        "基础数据项不能有“{field}”：它只填报、不计分",
        "A data item cannot have “{field}”: it is entered, not scored",
    ),
    "cat.lead_not_department": (
        "牵头单位“{actual}”不是目录 units 中的县级部门代码；可用：{allowed}",
        "The lead unit “{actual}” is not the code of a department in the catalogue's units; known: {allowed}",
    ),
    # --- catalogue: Excel workbook authoring (catalogue/workbook.py) ---------------------
    "wb.place": ("工作表“{sheet}”第 {row} 行 {column} 列", "sheet “{sheet}”, row {row}, column {column}"),
    "wb.place_row": ("工作表“{sheet}”第 {row} 行", "sheet “{sheet}”, row {row}"),
    "wb.place_sheet": ("工作表“{sheet}”", "sheet “{sheet}”"),
    "wb.summary": ("工作簿有 {count} 个问题，未写入任何文件", "The workbook has {count} problem(s); nothing was written"),
    "wb.not_xlsx": ("{path} 不是有效的 Excel 工作簿（.xlsx），无法读取；旧版 .xls 文件请先在 Excel 或 WPS 中另存为 .xlsx", "{path} is not a valid Excel workbook (.xlsx) and cannot be read; save an old .xls file as .xlsx in Excel or WPS first"),
    "wb.unreadable": ("无法读取工作簿 {path}：{detail}", "The workbook {path} cannot be read: {detail}"),
    "wb.missing_sheet": ("缺少工作表“{sheet}”", "The sheet “{sheet}” is missing"),
    "wb.duplicate_sheet": ("工作表“{sheet}”与“{other}”是同一张表，请删除或改名其中一张", "The sheets “{sheet}” and “{other}” are the same sheet; delete or rename one"),
    "wb.empty_sheet": ("工作表“{sheet}”是空的：需要第 1 行的表头和至少一行内容", "The sheet “{sheet}” is empty: it needs its headers in row 1 and at least one row below"),
    "wb.too_many_rows": ("工作表超过 {limit} 行，其后的行没有读取", "The sheet has more than {limit} rows; the rows after them were not read"),
    "wb.unknown_column": ("无法识别的列标题“{header}”{hint}", "The column header “{header}” is not known{hint}"),
    "wb.duplicate_column": ("列“{header}”与 {other} 列重复", "The column “{header}” repeats column {other}"),
    "wb.missing_column": ("缺少列“{header}”", "The column “{header}” is missing"),
    "wb.unknown_setting": ("无法识别的设置项“{name}”，可用：id、version、title、title_en、years", "The setting “{name}” is not known; use id, version, title, title_en, years"),
    "wb.duplicate_setting": ("设置项“{name}”重复（第一次在第 {first_row} 行）", "The setting “{name}” appears twice (first in row {first_row})"),
    "wb.merged": ("单元格 {cells} 是合并单元格：请取消合并，每个单元格分别填写", "The cells {cells} are merged: unmerge them and fill each cell"),
    "wb.formula_cell": ("单元格是 Excel 公式（{formula}），请直接填写内容", "The cell holds an Excel formula ({formula}); type its content instead"),
    "wb.error_cell": ("单元格显示错误值 {value}，请填写实际内容", "The cell shows the error {value}; type its content instead"),
    "wb.date_for_number": ("这里应填数字，单元格中却是日期 {value}（请把单元格格式改为“常规”后重新填写）", "A number belongs here, but the cell holds the date {value} (set the cell's format to General and type it again)"),
    "wb.text_for_number": ("这里应填数字，实际为“{value}”", "A number belongs here, not “{value}”"),
    "wb.wrong_kind": ("这里应填{expected}，实际为“{value}”", "This cell should hold {expected}, not “{value}”"),
    "wb.bad_value": ("“{value}”不是下拉列表中的值；可选：{allowed}{hint}", "“{value}” is not a value of the drop-down list; allowed: {allowed}{hint}"),
    "wb.duplicate_code": ("代码“{code}”重复（第一次出现在工作表“{sheet}”第 {first_row} 行）", "The code “{code}” is used twice (first in sheet “{sheet}”, row {first_row})"),
    "wb.domain_needed": ("一级指标必须填写所属服务领域的代码", "A first-level indicator needs the code of its domain"),
    "wb.unknown_domain": ("服务领域“{code}”不在“领域 domains”工作表中", "The domain “{code}” is not on the sheet “领域 domains”"),
    "wb.unknown_parent": ("上级指标“{code}”不在“指标 indicators”工作表中", "The parent “{code}” is not on the sheet “指标 indicators”"),
    "wb.parent_not_first": ("上级指标“{code}”本身是二级指标；二级指标只能挂在一级指标下", "The parent “{code}” is itself a second-level indicator; a parent must be first-level"),
    "wb.domain_mismatch": ("服务领域“{code}”与上级指标 {parent} 的服务领域“{expected}”不一致", "The domain “{code}” differs from “{expected}”, the domain of the parent {parent}"),
    "wb.level_mismatch": ("层级 {level} 与上级指标不符：填了上级指标的是 2，没有上级指标的是 1", "The level {level} does not match the parent column: 2 with a parent, 1 without"),
    "wb.unknown_indicator": ("所属指标“{code}”不在“指标 indicators”工作表中", "The indicator “{code}” is not on the sheet “指标 indicators”"),
    "wb.bad_suffix": ("输出文件名应以 {suffix} 结尾：{path}", "The output file's name must end in {suffix}: {path}"),
    "wb.exported": ("已导出指标目录工作簿：{path}（{indicators} 项指标，{items} 个基础数据项）", "Catalogue workbook written: {path} ({indicators} indicators, {items} data items)"),
    "wb.imported": ("已由工作簿生成指标目录：{path}", "Catalogue written from the workbook: {path}"),
    "wb.write_failed": ("无法写入 {path}：{detail}", "{path} cannot be written: {detail}"),
    # --- catalogue: signed packages and installation (catalogue packages, jobs) ----------
    "catpkg.unit_required": ("{role}的证书属于某个单位：请用 --unit 指定单位", "A certificate of a {role} belongs to a unit: name it with --unit"),
    "catpkg.county_no_unit": ("县评估办公室的证书不属于任何镇（街道），请不要指定 --unit", "A County Assessment Office certificate belongs to no township: leave out --unit"),
    "catpkg.not_package": ("{path} 不是考核目录包（.hycat），或文件已损坏，未安装", "{path} is not a catalogue package (.hycat), or it is damaged; nothing was installed"),
    "catpkg.unreadable": ("无法读取 {path}：{detail}", "{path} cannot be read: {detail}"),
    "catpkg.unsigned": ("{path} 没有县评估办公室的数字签名，未安装", "{path} carries no digital signature of the County Assessment Office; nothing was installed"),
    "catpkg.signature_damaged": ("目录包中的数字签名已损坏，无法核验，未安装", "The digital signature in the package is damaged and cannot be checked; nothing was installed"),
    "catpkg.tampered": ("目录包中的目录文件在签名之后被修改过，未安装", "The catalogue in the package was changed after it was signed; nothing was installed"),
    "catpkg.foreign_ca": ("目录包的签名证书（{who}）不是由本机安装的县级根证书签发的，未安装", "The package's signing certificate ({who}) was not issued by the county root installed here; nothing was installed"),
    "catpkg.revoked": ("目录包的签名证书（{who}）已于 {date} 被县里吊销，未安装", "The package's signing certificate ({who}) was revoked by the county on {date}; nothing was installed"),
    "catpkg.expired": ("目录包的签名证书（{who}）已于 {date} 过期，未安装", "The package's signing certificate ({who}) expired on {date}; nothing was installed"),
    "catpkg.not_yet_valid": ("目录包的签名证书（{who}）自 {date} 起才生效，未安装", "The package's signing certificate ({who}) is valid only from {date}; nothing was installed"),
    "catpkg.untrusted": ("目录包的签名证书（{who}）无法通过县级根证书的验证，未安装", "The package's signing certificate ({who}) does not validate against the county root; nothing was installed"),
    "catpkg.not_county": ("目录包由{who}签名，不是县评估办公室的证书，未安装", "The package was signed by {who}, not with a County Assessment Office certificate; nothing was installed"),
    "catpkg.crl_stale": ("本机的吊销列表已于 {date} 过期，无法确认签名证书未被吊销，未安装；请向县里索取最新的吊销列表", "The revocation list here expired on {date}, so the signing certificate cannot be checked; nothing was installed: get the latest list from the county"),
    "catpkg.no_trust": ("本机没有安装县级根证书，无法核验目录包：请先运行 trust install，或在“核验签名…”中安装", "No county root is installed here, so the package cannot be checked: run trust install first, or install it in “Verify signatures…”"),
    "catpkg.catalogue_invalid": ("目录包中的目录未通过校验（{count} 个问题），未安装", "The catalogue in the package fails its check ({count} problem(s)); nothing was installed"),
    "catpkg.conflict": ("本机已安装另一份标识为 {id}、版本为 {version} 的目录，内容不同；同一版本不能替换，请县里提高版本号后重新签发", "Another catalogue with id {id} and version {version} is installed here, with different content; a version is never replaced: the county must sign it under a new version"),
    "catpkg.write_failed": ("无法写入 {path}：{detail}，未安装", "{path} cannot be written: {detail}; nothing was installed"),
    "catpkg.installed": ("已安装考核目录：{title}（{id}，版本 {version}，适用年度 {years}），签名人：{signer}", "Catalogue installed: {title} ({id}, version {version}, years {years}), signed by {signer}"),
    "catpkg.already_installed": ("该考核目录已经安装：{title}（{id}，版本 {version}，适用年度 {years}），未做更改", "This catalogue is already installed: {title} ({id}, version {version}, years {years}); nothing was changed"),
    "catpkg.sign_not_county": ("{path} 不是县评估办公室的证书（持有人：{who}），不能签署考核目录；请使用 pki issue --role county 签发的证书", "{path} is not a County Assessment Office certificate (holder: {who}); it cannot sign a catalogue: use one issued with pki issue --role county"),
    "catpkg.sign_invalid": ("{path} 未通过目录校验（{count} 个问题），未签名", "{path} fails the catalogue check ({count} problem(s)); nothing was signed"),
    "catpkg.bad_suffix": ("目录包的文件名应以 .hycat 结尾：{path}", "A catalogue package's file name must end in .hycat: {path}"),
    "catpkg.no_output_dir": ("文件夹 {path} 不存在", "The folder {path} does not exist"),
    "catpkg.signed": ("已签署考核目录：{id}，版本 {version}（适用年度 {years}），签名人 {signer}，已保存为 {path}", "Catalogue signed: {id}, version {version} (years {years}), by {signer}, saved as {path}"),
    "catpkg.none_installed": ("本机尚未安装考核目录，使用内置的示例目录", "No catalogue is installed here; the built-in sample catalogue is used"),
    "catpkg.sample": ("示例目录（内置，未经县里签发）", "sample catalogue (built in, not issued by the county)"),
    "catpkg.report_sample": ("本报告依据程序内置的示例目录编制，该目录不是县评估办公室签发的考核目录。", "This report follows the program's built-in sample catalogue, not a catalogue issued by the County Assessment Office."),
    "catpkg.issued_by": ("县评估办公室签发，签名人 {signer}", "issued by the County Assessment Office, signed by {signer}"),
    # --- county desk: receiving reports (county/receive.py) ---
    "county.empty": ("文件是空的（0 字节），不是评估报告", "The file is empty (0 bytes); it is not an assessment report"),
    "county.too_large": ("文件有 {size} MB，超过评估报告的上限 {limit} MB，未打开", "The file is {size} MB, more than the {limit} MB a report may have; it was not opened"),
    "county.encrypted": ("PDF 已加密，县里无法核验加密的报告，请让单位重新导出未加密的报告", "The PDF is encrypted; the county cannot verify an encrypted report: ask the unit for the report as exported"),
    "county.javascript": ("PDF 中含有脚本或自动执行的动作，评估报告不会含有这些内容，未打开", "The PDF carries scripts or actions that run by themselves, which no assessment report has; it was not opened"),
    "county.attachment_too_large": ("PDF 中附带的文件解压后超过 {limit} MB，不是评估报告的数据", "A file attached to the PDF unpacks to more than {limit} MB; it is not a report's data"),
    "county.out_of_memory": ("打开该文件所需的内存超出上限（可能是压缩炸弹），未处理", "Opening the file needs more memory than allowed (a decompression bomb?); it was not processed"),
    "county.data_not_signed": ("附带的数据与签名时文件中的数据不一致：数据在签名后被替换", "The attached data is not the data the signatures cover: it was replaced after signing"),
    "county.unreadable": ("无法读取该文件：{detail}", "The file cannot be read: {detail}"),
    "county.not_checked": ("报告的数据处于“{state}”状态，只有已校验的数据才能签名上报", "The report's data are in the state “{state}”; only checked data can be signed and submitted"),
    "county.sample_catalogue": ("报告依据程序内置的示例目录编制，不是县里签发的考核目录", "The report follows the program's built-in sample catalogue, not a catalogue issued by the county"),
    "county.catalogue_not_issued": ("报告所用的考核目录（{id} {version}）不是本机安装的县里签发的目录", "The report's catalogue ({id} {version}) is not one the county issued and installed here"),
    "county.year_not_in_catalogue": ("报告年度 {year} 不在其考核目录（{id} {version}）的适用年度 {years} 内", "The report's year {year} is not among the years {years} of its catalogue ({id} {version})"),
    "county.unit_not_in_catalogue": ("报告的单位“{unit}”不在考核目录（{id} {version}）中", "The report's unit “{unit}” is not in the catalogue ({id} {version})"),
    "county.older_than_received": ("已收到{unit} {year} 年度更新的报告（{newer}），这份较早的报告不再接收", "A newer {year} report of {unit} has been received ({newer}); this earlier one is not taken"),
    "county.duplicate": ("同一文件已经接收过（{name}），跳过", "This very file was received before ({name}); skipped"),
    "county.no_trust": ("本机没有安装县级根证书，无法核验报告：请先运行 trust install --root county-root.pem --crl county.crl", "No county root is installed here, so no report can be verified: run trust install --root county-root.pem --crl county.crl first"),
    "county.worker_failed": ("核验报告的后台进程意外退出（内存不足？），已处理的文件已保存；请再次导入以继续", "A process verifying the reports stopped unexpectedly (out of memory?); the files done so far are saved: import again to go on"),
    "county.no_paths": ("没有找到 {path}", "{path} was not found"),
    "county.db_newer": ("县级汇总数据库 {path} 由更新版本的程序创建（版本 {version}，本程序支持 {supported}），请升级程序", "The county database {path} was made by a newer version of the program (version {version}; this one supports {supported}); upgrade the program"),
    "county.db_failed": ("无法打开县级汇总数据库 {path}：{detail}", "The county database {path} cannot be opened: {detail}"),
    "county.no_catalogue_for_year": ("本机没有安装县里签发的 {year} 年度考核目录（已安装的年度：{years}），请先运行 catalogue install", "No catalogue the county issued for {year} is installed here (installed years: {years}); run catalogue install first"),
    "county.outcome.accepted": ("已接收", "accepted"),
    "county.outcome.superseded": ("已接收，替代较早的报告", "accepted, supersedes an earlier report"),
    "county.outcome.quarantined": ("已隔离", "quarantined"),
    "county.outcome.duplicate": ("重复，跳过", "duplicate, skipped"),
    "county.line.accepted": ("已接收：{name}{what}", "accepted: {name}{what}"),
    "county.line.superseded": ("已接收，替代较早的报告：{name}{what}", "accepted, supersedes an earlier report: {name}{what}"),
    "county.line.quarantined": ("已隔离：{name}{what}", "quarantined: {name}{what}"),
    "county.line.duplicate": ("重复，跳过：{name}{what}", "duplicate, skipped: {name}{what}"),
    "county.line_unit": ("（{unit} {year} 年度）", " ({unit}, {year})"),
    "county.summary": ("共 {total} 个 PDF：接收 {accepted} 个（其中替代较早报告 {superseded} 个），隔离 {quarantined} 个，重复跳过 {duplicates} 个；另有 {skipped} 个非 PDF 文件未处理；用时 {seconds} 秒", "{total} PDFs: {accepted} accepted ({superseded} of them superseding an earlier report), {quarantined} quarantined, {duplicates} duplicates skipped; {skipped} other files ignored; {seconds} s"),
    "county.status_title": ("{year} 年度报告接收情况（{catalogue}）", "Reports received for {year} ({catalogue})"),
    "county.state.accepted": ("已接收", "accepted"),
    "county.state.quarantined": ("已隔离", "quarantined"),
    "county.state.missing": ("未收到", "missing"),
    "county.status_superseded": ("被替代的较早报告 {count} 份", "{count} earlier report(s) superseded"),
    "county.status_unassigned": ("隔离时未能读出单位或年度的文件 {count} 份（年度不明的在每个年度都列出）：", "{count} file(s) quarantined before a unit or year could be read (those of no readable year are listed under every year):"),
    "county.status_year_unknown": ("年度不明", "year not known"),
    "county.status_summary": ("共 {units} 个单位：已接收 {accepted} 个，仅有被隔离的报告 {quarantined} 个，未收到 {missing} 个", "{units} units: {accepted} accepted, {quarantined} with quarantined reports only, {missing} missing"),
    # --- county desk: equalization (county/equalization.py) ---
    "equal.no_reports": ("尚未接收到 {year} 年的镇（街道）报告，无法比较；请先用 county import 接收各单位签名的报告", "No township reports of {year} have been received, so there is nothing to compare; receive the units' signed reports first with county import"),
    "equal.unknown_catalogue": ("{year} 年的报告所依据的考核目录（{id}，版本 {version}）不在本机，无法比较；请先安装县里签发的该目录（catalogue install）", "The catalogue the {year} reports follow ({id}, version {version}) is not on this computer, so they cannot be compared; install the catalogue the county issued first (catalogue install)"),
    "equal.heading": ("{year} 年度均等化比较：{n} 个镇（街道）", "Comparison and equalization, {year}: {n} towns and subdistricts"),
    "equal.catalogue": ("考核目录：{id}（版本 {version}）", "Catalogue: {id} (version {version})"),
    "equal.other_catalogue": ("注意：以下单位的报告依据其他版本的考核目录：{units}", "Note: the reports of these units follow another catalogue version: {units}"),
    "equal.domains_legend": ("领域：{legend}", "Domains: {legend}"),
    "equal.section.ranking": ("【排名】实现度（满分 100）", "[Ranking] realization degree (out of 100)"),
    "equal.col.rank": ("名次", "Rank"),
    "equal.col.unit": ("单位", "Unit"),
    "equal.col.overall": ("实现度", "Overall"),
    "equal.mean": ("全县平均", "County mean"),
    "equal.median": ("中位数", "Median"),
    "equal.section.theil": ("【泰尔指数】城乡分解（街道为城区，镇为农村）", "[Theil index] urban-rural decomposition (subdistricts urban, towns rural)"),
    "equal.col.measure": ("对象", "Measure"),
    "equal.col.total": ("总体", "Total"),
    "equal.col.between": ("城乡之间", "Between"),
    "equal.col.within": ("城乡内部", "Within"),
    "equal.col.between_share": ("城乡之间占比", "Between share"),
    "equal.overall": ("总体实现度", "Overall score"),
    "equal.section.cv": ("【差异最大的指标】变异系数最高的 {count} 项", "[Most unequal indicators] the {count} with the highest coefficient of variation"),
    "equal.col.code": ("代码", "Code"),
    "equal.col.indicator": ("指标", "Indicator"),
    "equal.col.mean": ("均值", "Mean"),
    "equal.col.range": ("最小–最大", "Min–max"),
    "equal.col.sd": ("标准差", "SD"),
    "equal.col.cv": ("变异系数", "CV"),
    "equal.col.ratio": ("最大/最小", "Max/min"),
    "equal.col.below": ("未达标", "Below target"),
    "equal.on_attainment": ("（按达成度）", " (on attainment)"),
    "equal.section.weak": ("【短板指标】低于目标且低于全县平均达成度", "[Weak indicators] below target and below the county's mean attainment"),
    "equal.weak_item": ("{code} {name}（达成度 {attainment}，全县平均 {mean}）", "{code} {name} (attainment {attainment}, county mean {mean})"),
    "equal.none": ("无", "none"),
    "equal.weak_more": ("……另有 {count} 项（完整列表见 --json）", "… and {count} more (see --json for all)"),
    "equal.section.county": ("【县域汇总指标】各镇（街道）基础数据项合计计算（Σ分子 ÷ Σ分母）", "[County-level figures] from the townships' data items (Σ numerators ÷ Σ denominators)"),
    "equal.county_item": ("{code} {name}：{value}（目标 {target}，达成度 {attainment}；{units} 个单位；各单位数值的简单平均为 {mean}）", "{code} {name}: {value} (target {target}, attainment {attainment}; {units} units; the plain mean of the units' figures is {mean})"),
    "equal.not_formed.not_summable": ("{code} {name}：所用基础数据项不能相加，不形成县域数值", "{code} {name}: its data items cannot be summed; no county figure is formed"),
    "equal.not_formed.no_data": ("{code} {name}：没有单位填报全部基础数据项", "{code} {name}: no unit reported all of its data items"),
    "equal.not_formed.zero_denominator": ("{code} {name}：合计的分母为 0", "{code} {name}: the summed denominator is 0"),
    "equal.section.departments": ("【县级部门】牵头指标的实现度", "[County departments] realization degree on the indicators they lead"),
    "equal.department": ("{name}：{score}（牵头指标 {count} 项）", "{name}: {score} (indicators led: {count})"),
    "equal.department_missing": ("{name}：未报送（牵头指标 {count} 项）", "{name}: no report (indicators led: {count})"),
    "equal.section.change": ("【与 {year} 年比较】", "[Against {year}]"),
    "equal.col.previous": ("上年", "Last year"),
    "equal.col.change": ("变化", "Change"),
    "equal.col.previous_rank": ("上年名次", "Last rank"),
    "equal.from_own_report": ("* 上年得分取自本年报告中记载的上年数据（未收到上年报告）", "* last year's score as this year's report records it (last year's report was not received)"),
    "equal.cv_change": ("变异系数下降（更均衡）的指标 {more} 项，上升（差距扩大）的 {less} 项", "Indicators whose CV fell (more equal): {more}; rose (less equal): {less}"),
    "equal.theil_change": ("{measure}泰尔指数：{before} → {now}", "Theil index ({measure}): {before} → {now}"),
    # --- county desk: the summary report (county/summary*.py, jobs/summary.py) ---
    "summary.title": ("基本公共服务均等化实现度评估县级汇总报告", "County Summary of the Assessment of the Equalization of Basic Public Services"),
    "summary.subtitle": ("{year} 年度", "{year}"),
    "summary.running_title": ("海盐县基本公共服务均等化实现度评估 · 县级汇总报告", "Haiyan County · Equalization of Basic Public Services · County summary"),
    "summary.header_state": ("县级汇总", "County summary"),
    "summary.footer": ("海盐县 · {year} 年度县级汇总", "Haiyan County · {year} county summary"),
    "summary.author": ("海盐县评估办公室", "Haiyan County Assessment Office"),
    "summary.catalogue_short": ("{id}（版本 {version}）", "{id} (version {version})"),
    "summary.field.catalogue_sha256": ("目录 SHA-256", "Catalogue SHA-256"),
    "summary.field.reports": ("报告接收", "Reports"),
    "summary.field.compared": ("参与比较", "Compared"),
    "summary.reports_line": ("应报 {units} 个镇（街道）：已接收 {accepted} 个，仅有被隔离文件 {quarantined} 个，未收到 {missing} 个；被隔离的文件共 {files} 份", "{units} towns and subdistricts expected: {accepted} received, {quarantined} with refused files only, {missing} missing; {files} files refused (quarantined)"),
    "summary.compared_line": ("{n} 个镇（街道）：街道 {urban} 个，镇 {rural} 个", "{n} townships: {urban} subdistricts, {rural} towns"),
    "summary.fingerprint_note": (
        "数据指纹是本汇总报告附带数据（PDF 内嵌的 JSON 文件，含全部比较结果和报告接收登记，不含生成时间）的 SHA-256 值；数据相同，指纹相同。可用 haiyan-desktop verify 核验签名和附带数据。",
        "The data fingerprint is the SHA-256 of the data attached to this summary (the JSON file embedded in the PDF: every figure of the comparison and the register of reports, without the generation time); the same data always gives the same fingerprint. haiyan-desktop verify checks the signature and the attached data.",
    ),
    "summary.other_catalogue": ("注意：{units} 的报告依据其他版本的考核目录", "Note: the reports of {units} follow another catalogue version"),
    "summary.unknown_units": ("注意：{units} 不在本年度的考核目录中", "Note: {units} are not in this year's catalogue"),
    "summary.kind.town": ("镇", "Town"),
    "summary.kind.subdistrict": ("街道", "Subdistrict"),
    "summary.kind.department": ("部门", "Department"),
    "summary.none": ("无", "none"),
    "summary.section.ranking": ("实现度排名", "Ranking"),
    "summary.ranking_intro": ("各镇（街道）按总体实现度（满分 100）排名，得分相同者名次相同；各服务领域一栏为该领域的实现度。全县平均和中位数按参与比较的 {n} 个单位计算。", "The towns and subdistricts ranked by their overall realization degree (out of 100); equal scores share a rank. Each domain's column is the unit's realization degree in that domain. The county mean and median are those of the {n} units compared."),
    "summary.col.rank": ("名次", "Rank"),
    "summary.col.unit": ("单位", "Unit"),
    "summary.col.kind": ("类型", "Kind"),
    "summary.col.overall": ("实现度", "Overall"),
    "summary.domains_legend": ("服务领域：{legend}", "Domains: {legend}"),
    "summary.mean": ("全县平均", "County mean"),
    "summary.median": ("中位数", "Median"),
    "summary.section.heatmap": ("各服务领域实现度热力图", "Heat map of the domains"),
    "summary.heatmap_intro": ("每格为该单位在该服务领域的实现度（%），单位按考核目录的顺序排列。颜色越深，实现度越低；黑白打印时以灰度深浅区分，并印有数字。", "Each cell is the unit's realization degree (%) in the domain; the units in the catalogue's order. The darker the cell, the lower the degree; printed in black and white, the shades of grey tell the classes apart, and every cell carries its figure."),
    "summary.heat.full": ("100%（全部达标）", "100% (all at target)"),
    "summary.heat.band": ("{low}% 至 {high}%", "{low}% to {high}%"),
    "summary.heat.below": ("低于 {high}%", "below {high}%"),
    "summary.heat.none": ("— 无适用的计分指标", "— nothing scored"),
    "summary.section.dispersion": ("各指标的离散程度", "Dispersion of each indicator"),
    "summary.dispersion_intro": ("按各镇（街道）已计分的数值计算：标准差为总体标准差，变异系数 = 标准差 ÷ 均值，最大/最小为最大值与最小值之比（最小值不大于 0 时不计算）；未达标为达成度低于 100% 的单位数 / 计分单位数。是否类、选项类指标按达成度计算，以 % 表示。", "Computed on the townships' scored figures: the population standard deviation; CV = SD ÷ mean; max/min is the largest figure over the smallest (not computed when the smallest is 0 or less); below target counts the units attaining less than 100 % of the units scored. Yes/no and choice indicators are measured on their attainment, in %."),
    "summary.col.code": ("代码", "Code"),
    "summary.col.indicator": ("指标", "Indicator"),
    "summary.col.mean": ("均值", "Mean"),
    "summary.col.median": ("中位数", "Median"),
    "summary.col.min": ("最小值", "Min"),
    "summary.col.max": ("最大值", "Max"),
    "summary.col.range": ("极差", "Range"),
    "summary.col.sd": ("标准差", "SD"),
    "summary.col.cv": ("变异系数", "CV"),
    "summary.col.ratio": ("最大/最小", "Max/min"),
    "summary.col.below": ("未达标", "Below target"),
    "summary.on_attainment": ("（按达成度）", " (on attainment)"),
    "summary.section.theil": ("城乡差距：泰尔指数分解", "Urban–rural gap: Theil index decomposition"),
    "summary.theil_intro": ("泰尔指数 T 衡量各镇（街道）实现度的不均等程度（0 为完全均等），分解为街道（城区，{urban} 个）与镇（农村，{rural} 个）之间的差距和两类各自内部的差距：总体 = 城乡之间 + 城乡内部。数值保留 {digits} 位小数，城乡内部一栏按总体减去城乡之间列出，使每行相加与总体一致；右侧为两类单位各自的平均实现度和泰尔指数。", "The Theil index T measures how unequal the townships' realization degrees are (0: perfectly equal). It splits into the gap between subdistricts (urban, {urban}) and towns (rural, {rural}) and the gaps within each kind: total = between + within. Figures have {digits} decimals; the within column is the total minus the between column, so each row adds up. On the right, each kind's mean realization degree and its own Theil index."),
    "summary.col.measure": ("对象", "Measure"),
    "summary.col.total": ("总体", "Total"),
    "summary.col.between": ("城乡之间", "Between"),
    "summary.col.within": ("城乡内部", "Within"),
    "summary.col.between_share": ("城乡之间占比", "Between share"),
    "summary.col.urban_mean": ("街道均值", "Urban mean"),
    "summary.col.urban_theil": ("街道内 T", "Urban T"),
    "summary.col.rural_mean": ("镇均值", "Rural mean"),
    "summary.col.rural_theil": ("镇内 T", "Rural T"),
    "summary.overall_score": ("总体实现度", "Overall score"),
    "summary.section.trend": ("与 {year} 年度比较", "Against {year}"),
    "summary.no_last_year": ("没有 {year} 年度的数据：县里未接收该年度的报告，本年度的报告也未记载上年得分，因此不作比较。", "There are no figures for {year}: the county received no reports of that year, and this year's reports record no score of it, so nothing is compared."),
    "summary.trend_intro": ("上年得分取自县里接收的 {year} 年度报告；标 * 者取自本年度报告中记载的上年得分（未收到该单位上年的报告）。变化为本年减上年。", "Last year's scores are those of the {year} reports the county received; those marked * are as this year's report records them (last year's report of the unit was not received). The change is this year's minus last year's."),
    "summary.col.this_year": ("本年", "This year"),
    "summary.col.last_year": ("上年", "Last year"),
    "summary.col.change": ("变化", "Change"),
    "summary.col.last_rank": ("上年名次", "Last rank"),
    "summary.col.trend": ("趋势", "Trend"),
    "summary.col.cv_this": ("本年变异系数", "CV this year"),
    "summary.col.cv_last": ("上年变异系数", "CV last year"),
    "summary.sub.theil_trend": ("泰尔指数的变化", "The Theil index over the year"),
    "summary.sub.cv_trend": ("各指标变异系数的变化", "Each indicator's coefficient of variation over the year"),
    "summary.trend.more_equal": ("更均衡", "more equal"),
    "summary.trend.less_equal": ("差距扩大", "less equal"),
    "summary.trend.unchanged": ("持平", "unchanged"),
    "summary.section.weak": ("各单位的短板指标", "Weak indicators of each unit"),
    "summary.weak_intro": ("短板指标：达成度低于 100% 且低于全县平均达成度的指标，按与全县平均的差距从大到小列出前 {shown} 项；完整列表见附带数据。", "Weak indicators: below target (attainment under 100 %) and below the county's mean attainment, the {shown} furthest below the mean first; the attached data lists them all."),
    "summary.col.weak_count": ("短板数", "Count"),
    "summary.col.weak": ("主要短板（达成度，全县平均）", "Main weak indicators (attainment, county mean)"),
    "summary.weak_item": ("{code} {name}：{attainment}（全县 {mean}）", "{code} {name}: {attainment} (county {mean})"),
    "summary.weak_more": ("……另有 {count} 项", "… and {count} more"),
    "summary.unit_ranked": ("{name}（第 {rank} 名）", "{name} (rank {rank})"),
    "summary.section.county": ("县域汇总指标与县级部门", "County-level figures and departments"),
    "summary.sub.county_figures": ("县域汇总指标", "County-level figures"),
    "summary.county_intro": ("县域数值由各镇（街道）的基础数据项合计后按考核目录的公式计算（Σ分子 ÷ Σ分母），不是各单位数值的简单平均；两者并列以便比较。", "A county figure is computed by the catalogue's formula from the sums of the townships' data items (Σ numerators ÷ Σ denominators), not as the plain mean of the units' figures; both are shown side by side."),
    "summary.col.county_value": ("县域数值", "County figure"),
    "summary.col.target": ("目标值", "Target"),
    "summary.col.attainment": ("达成度", "Attained"),
    "summary.col.units": ("单位数", "Units"),
    "summary.col.mean_of_units": ("各单位简单平均", "Mean of the units"),
    "summary.sub.departments": ("县级部门牵头指标的实现度", "County departments: the indicators they lead"),
    "summary.departments_intro": ("县级部门按其牵头的指标计算实现度；未报送的部门列出其牵头的指标。", "Each county department's realization degree on the indicators it leads; a department without a report is listed with the indicators it leads."),
    "summary.col.department": ("部门", "Department"),
    "summary.col.led": ("牵头指标", "Indicators led"),
    "summary.department_missing": ("未报送", "no report"),
    "summary.section.register": ("报告接收登记", "Register of reports"),
    "summary.register_intro": ("时间为本机时间（{offset}）。各报告在接收时已逐份核验：两个签名完好、证书由县级根证书签发且未被吊销、签名后文件未被修改、附带数据与签名时一致、单位和考核目录与县里签发的相符。", "Times are this computer's ({offset}). Every report was verified when it was received: both signatures intact, the certificates issued by the county root and not revoked, nothing changed after signing, the attached data the data signed, the unit and catalogue those the county issued."),
    "summary.sub.received": ("已接收的报告（{count} 份）", "Reports received ({count})"),
    "summary.col.sha256": ("文件 SHA-256", "File SHA-256"),
    "summary.col.signers": ("签名人与签名时间", "Signed by, at"),
    "summary.col.verification": ("核验", "Verification"),
    "summary.verified": ("核验通过，{time} 接收", "verified, received {time}"),
    "summary.superseded": ("已被替代（{time}），由 {sha} 取代", "superseded ({time}) by {sha}"),
    "summary.sub.missing": ("未收到有效报告的单位（{count} 个）", "Units without an accepted report ({count})"),
    "summary.col.note": ("说明", "Note"),
    "summary.missing_nothing": ("未收到任何报告", "nothing received"),
    "summary.missing_refused": ("收到的 {count} 份文件均被隔离，原因见下表", "files received: {count}, all refused (see below)"),
    "summary.sub.refused": ("被隔离的文件（{count} 份）", "Files refused (quarantined) ({count})"),
    "summary.col.file": ("文件", "File"),
    "summary.col.reason": ("原因", "Reason"),
    "summary.section.signature": ("签发", "Issued by"),
    "summary.signature_intro": ("本汇总报告由海盐县评估办公室依据已接收并核验的各镇（街道）{year} 年度签名报告编制，所列数字与附带数据一致。", "The county assessment office of Haiyan made this summary from the towns' and subdistricts' signed {year} reports it received and verified; the figures are those of the attached data."),
    "summary.sign.office": ("县评估办公室（签章）", "County Assessment Office (signature)"),
    "summary.not_county": ("{name}（{unit}{role}）的证书不能签署县级汇总报告：只有县评估办公室的证书可以签署", "The certificate of {name} ({role}, {unit}) cannot sign the county summary: only a County Assessment Office certificate can"),
    "summary.sign_needs_p12": ("--sign 需要用 --p12 指定县评估办公室的证书", "--sign needs the County Assessment Office's certificate, named with --p12"),
    "summary.p12_without_sign": ("--p12 只与 --sign 一起使用", "--p12 goes with --sign"),
    "summary.done": ("县级汇总报告已生成：{path}（共 {pages} 页，{units} 个镇（街道），数据指纹 {fingerprint}）", "The county summary is ready: {path} ({pages} pages, {units} townships, data fingerprint {fingerprint})"),
    "summary.done_signed": ("已由{role}{name}签名，签名时间 {time}", "Signed by {name}, {role}, at {time}"),
    "summary.verify_ok": ("核验通过：{unit} {year} 年度县级汇总报告，{count} 个签名完好、可信，签名后未被修改", "Verified: the {year} county summary of {unit}; its {count} signature is intact and trusted, and nothing changed after signing"),
    # --- county export: the year's tables in Excel (county/workbook.py, jobs/equalization.py) ---
    "cxlsx.bad_suffix": ("汇总表的文件名应以 .xlsx 结尾：{path}", "The workbook's file name must end in .xlsx: {path}"),
    "cxlsx.is_folder": ("{path} 是一个文件夹；请给出要写入的 .xlsx 文件名", "{path} is a folder; give the name of the .xlsx file to write"),
    "cxlsx.no_folder": ("输出目录不存在：{path}", "The output folder does not exist: {path}"),
    "cxlsx.write_failed": ("无法写入汇总表 {path}：{detail}；未写入任何内容", "The workbook {path} cannot be written: {detail}; nothing was written"),
    "cxlsx.done": ("{year} 年度汇总表已导出：{path}（{sheets} 张工作表，{units} 个镇（街道））", "The {year} tables were exported to {path} ({sheets} sheets, {units} townships)"),
    # --- (new groups go above this line) ---------------------------------------------------
}


class Message(NamedTuple):
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


# What the operating system said, in the user's language (its own text is English only).
_OS_REASONS = {
    errno.ENOENT: ("找不到该文件或文件夹", "no such file or folder"),
    errno.EACCES: ("没有访问权限", "permission denied"),
    errno.EPERM: ("没有访问权限", "permission denied"),
    errno.ENOSPC: ("磁盘空间已满", "the disk is full"),
    errno.EROFS: ("该位置只读，不能写入", "the location is read-only"),
    errno.EISDIR: ("这是一个文件夹，不是文件", "this is a folder, not a file"),
    errno.ENOTDIR: ("路径中的某一部分不是文件夹", "part of the path is not a folder"),
    errno.EEXIST: ("文件已存在", "the file already exists"),
    errno.EBUSY: ("文件正被其他程序使用", "the file is in use by another program"),
    errno.ENAMETOOLONG: ("文件名太长", "the file name is too long"),
    errno.EIO: ("读写设备出错（U 盘是否已拔出？）", "input/output error (was a drive removed?)"),
}


def os_reason(exc: OSError) -> Bilingual:
    """A short reason for a failed file operation, in both languages."""
    known = _OS_REASONS.get(exc.errno or 0)
    if known:
        return Bilingual(*known)
    code = f"{exc.errno}" if exc.errno else type(exc).__name__
    return Bilingual(f"系统错误（{code}）", f"system error ({code})")
