<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>CatalogueInstaller</name>
    <message>
        <source>Install catalogue</source>
        <translation>安装考核目录</translation>
    </message>
    <message>
        <source>Catalogue packages (*.hycat);;All files (*)</source>
        <translation>考核目录包 (*.hycat);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Checking the catalogue package…</source>
        <translation>正在核验考核目录包…</translation>
    </message>
    <message>
        <source>It is the catalogue of %1 from now on: new submissions of %1 are entered with it. A submission already begun keeps the catalogue it was begun with.</source>
        <translation>从现在起，%1 年度新建的填报将使用该目录；已经开始的填报仍使用开始时的目录。</translation>
    </message>
    <message>
        <source>It does not cover %1, the year open now; choose its year with File → Switch unit or year….</source>
        <translation>该目录不适用于当前打开的 %1 年度；请通过“文件 → 切换单位或年度…”选择它适用的年度。</translation>
    </message>
    <message>
        <source>Catalogue installed</source>
        <translation>考核目录已安装</translation>
    </message>
    <message>
        <source>Catalogue not installed</source>
        <translation>考核目录未安装</translation>
    </message>
</context>
<context>
    <name>CountyExport</name>
    <message>
        <source>Export to Excel</source>
        <translation>导出到 Excel</translation>
    </message>
    <message>
        <source>The year&apos;s tables were saved:
%1</source>
        <translation>本年度的汇总表已保存：
%1</translation>
    </message>
    <message>
        <source>Writing the workbook…</source>
        <translation>正在写入 Excel 文件…</translation>
    </message>
</context>
<context>
    <name>CountyFigureModel</name>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Indicator</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>County figure</source>
        <translation>县域数值</translation>
    </message>
    <message>
        <source>Unit of
measure</source>
        <translation>计量
单位</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目标值</translation>
    </message>
    <message>
        <source>Attainment</source>
        <translation>达成度</translation>
    </message>
    <message>
        <source>Units
summed</source>
        <translation>参与合计
单位数</translation>
    </message>
    <message>
        <source>Mean of the
units&apos; figures</source>
        <translation>各单位数值
简单平均</translation>
    </message>
    <message>
        <source>Formula</source>
        <translation>计算公式</translation>
    </message>
</context>
<context>
    <name>CountyImporter</name>
    <message>
        <source>No PDF file was found there.</source>
        <translation>所选位置没有找到 PDF 文件。</translation>
    </message>
    <message numerus="yes">
        <source>%n other file(s) were not PDFs and were left alone.</source>
        <translation>
            <numerusform>另有 %n 个文件不是 PDF，未处理。</numerusform>
        </translation>
    </message>
    <message>
        <source>Import reports</source>
        <translation>导入报告</translation>
    </message>
</context>
<context>
    <name>CountySummaryDialog</name>
    <message>
        <source>County summary report</source>
        <translation>县级汇总报告</translation>
    </message>
    <message>
        <source>Save &amp;as (PDF)</source>
        <translation>保存为（PDF）(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Choose…</source>
        <translation>选择(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Sign with the assessment office&apos;s certificate</source>
        <translation>用县评估办公室的证书签名(&amp;S)</translation>
    </message>
    <message>
        <source>C&amp;ertificate (.p12)</source>
        <translation>证书文件（.p12）(&amp;E)</translation>
    </message>
    <message>
        <source>C&amp;hoose…</source>
        <translation>选择(&amp;H)…</translation>
    </message>
    <message>
        <source>&amp;Passphrase</source>
        <translation>证书口令(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>CountyTables</name>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Subdistrict</source>
        <translation>街道</translation>
    </message>
    <message>
        <source>Town</source>
        <translation>镇</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Clerk</source>
        <translation>填报人</translation>
    </message>
    <message>
        <source>Head</source>
        <translation>单位负责人</translation>
    </message>
    <message>
        <source>weight</source>
        <translation>权重</translation>
    </message>
</context>
<context>
    <name>CountyWindow</name>
    <message>
        <source>Drop signed PDF reports or folders anywhere on this window to import them.</source>
        <translation>把签名的 PDF 报告或文件夹拖到本窗口任意位置即可导入。</translation>
    </message>
    <message>
        <source>County summary</source>
        <translation>县级汇总</translation>
    </message>
    <message>
        <source>Haiyan Desktop</source>
        <translation>海盐桌面端</translation>
    </message>
    <message>
        <source>Reading the reports received…</source>
        <translation>正在读取已接收的报告……</translation>
    </message>
    <message>
        <source>No township report of %1 received yet: File → Import a folder of reports… (or drop the signed PDF files on this window)</source>
        <translation>尚未接收 %1 年度的镇（街道）报告：文件 → 导入报告文件夹…（或把签名的 PDF 文件拖到本窗口）</translation>
    </message>
    <message>
        <source>No report received yet: File → Import a folder of reports… (or drop the signed PDF files on this window)</source>
        <translation>尚未接收任何报告：文件 → 导入报告文件夹…（或把签名的 PDF 文件拖到本窗口）</translation>
    </message>
    <message>
        <source>The county root and the catalogues the county issued must be installed in this data folder first (trust install, catalogue install).</source>
        <translation>请先在本数据文件夹安装县级根证书和县里签发的考核目录（trust install、catalogue install）。</translation>
    </message>
    <message>
        <source>Realization degree out of 100; the county mean and the median are at the bottom. Click a column&apos;s title to sort by it.</source>
        <translation>实现度满分 100；全县平均和中位数列在最后。点击列标题可按该列排序。</translation>
    </message>
    <message>
        <source>Each unit&apos;s realization degree overall and in each domain (out of 100).</source>
        <translation>各单位的总体实现度和各领域实现度（满分 100）。</translation>
    </message>
    <message>
        <source>How far apart the units are on each indicator. Sorted by the coefficient of variation (CV = SD ÷ mean), most unequal first; click a column&apos;s title to sort by it. Yes/no and choice indicators are measured on their attainment.</source>
        <translation>各单位在每项指标上的差异程度，按变异系数（标准差 ÷ 均值）从大到小排列，差异最大的在前；点击列标题可按该列排序。是否类和选项类指标按达成度计算。</translation>
    </message>
    <message>
        <source>All domains</source>
        <translation>全部领域</translation>
    </message>
    <message>
        <source>The Theil index of the realization degree across the towns and subdistricts: 0 is perfect equality. It splits into the gap between the subdistricts (街道, urban) and the towns (镇, rural) and the differences within each group: total = between + within.</source>
        <translation>各镇（街道）实现度的泰尔指数：0 表示完全均衡。总体差距分解为街道（城区）与镇（农村）之间的差距和各组内部的差距：总体 = 城乡之间 + 城乡内部。</translation>
    </message>
    <message>
        <source>Each unit&apos;s weak indicators (短板): below the target and below the county&apos;s mean attainment, largest gap first.</source>
        <translation>各单位的短板指标：未达到目标值且低于全县平均达成度，差距大的在前。</translation>
    </message>
    <message>
        <source>Nothing to compare with: no report of %1 was received, and this year&apos;s reports record no score of %1. Import the %1 reports to see the change.</source>
        <translation>没有可比较的数据：未接收 %1 年度的报告，本年度报告中也没有 %1 年度的得分。导入 %1 年度的报告后即可查看变化。</translation>
    </message>
    <message>
        <source>Against %1.</source>
        <translation>与 %1 年度比较。</translation>
    </message>
    <message>
        <source>Without last year&apos;s reports the indicators&apos; CV cannot be compared; only the units&apos; scores are.</source>
        <translation>未接收上年度的报告，无法比较各指标的变异系数，只比较各单位的得分。</translation>
    </message>
    <message>
        <source>Deeper colour, lower realization degree; the scale runs from this year&apos;s lowest to its highest figure:</source>
        <translation>颜色越深，实现度越低；色阶从本年度最低值到最高值：</translation>
    </message>
    <message>
        <source>Import a folder of reports</source>
        <translation>导入报告文件夹</translation>
    </message>
    <message>
        <source>Import report files</source>
        <translation>导入报告文件</translation>
    </message>
    <message>
        <source>PDF reports (*.pdf)</source>
        <translation>PDF 报告 (*.pdf)</translation>
    </message>
    <message>
        <source>An import is running already.</source>
        <translation>正在导入，请等待完成。</translation>
    </message>
    <message>
        <source>Import done: %1 accepted, %2 quarantined, %3 duplicates.</source>
        <translation>导入完成：接收 %1 份，隔离 %2 份，重复 %3 份。</translation>
    </message>
    <message>
        <source>No report of this year has been accepted yet: import the townships&apos; signed reports first (File → Import a folder of reports…).</source>
        <translation>本年度尚未接收任何报告：请先导入各镇（街道）签名的评估报告（文件 → 导入报告文件夹…）。</translation>
    </message>
    <message>
        <source>Export diagnostics for support</source>
        <translation>导出诊断信息</translation>
    </message>
    <message>
        <source>&amp;Year:</source>
        <translation>年度(&amp;Y)：</translation>
    </message>
    <message>
        <source>Import a folder of reports…</source>
        <translation>导入报告文件夹…</translation>
    </message>
    <message>
        <source>Reports received</source>
        <translation>报告接收</translation>
    </message>
    <message>
        <source>Ranking</source>
        <translation>排名</translation>
    </message>
    <message>
        <source>Heat map</source>
        <translation>热力图</translation>
    </message>
    <message>
        <source>Indicator dispersion</source>
        <translation>指标差异</translation>
    </message>
    <message>
        <source>&amp;Domain:</source>
        <translation>领域(&amp;D)：</translation>
    </message>
    <message>
        <source>Urban-rural gap</source>
        <translation>城乡差距</translation>
    </message>
    <message>
        <source>Weak indicators</source>
        <translation>短板</translation>
    </message>
    <message>
        <source>County figures and departments</source>
        <translation>县级数值与部门</translation>
    </message>
    <message>
        <source>County-level figures (Σ numerators ÷ Σ denominators of the townships&apos; data items)</source>
        <translation>县域汇总指标（各镇（街道）基础数据项合计：Σ分子 ÷ Σ分母）</translation>
    </message>
    <message>
        <source>County departments: realization degree on the indicators they lead</source>
        <translation>县级部门：牵头指标的实现度</translation>
    </message>
    <message>
        <source>Change against last year</source>
        <translation>年度变化</translation>
    </message>
    <message>
        <source>Each unit&apos;s realization degree</source>
        <translation>各单位实现度</translation>
    </message>
    <message>
        <source>The Theil index, last year and this year</source>
        <translation>泰尔指数：上年与本年</translation>
    </message>
    <message>
        <source>Each indicator&apos;s coefficient of variation (is the county becoming more equal?)</source>
        <translation>各指标的变异系数（全县是否更加均衡？）</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Import report files…</source>
        <translation>导入报告文件…</translation>
    </message>
    <message>
        <source>Export county summary report (PDF)…</source>
        <translation>导出县级汇总报告（PDF）…</translation>
    </message>
    <message>
        <source>Export to Excel…</source>
        <translation>导出到 Excel…</translation>
    </message>
    <message>
        <source>Switch…</source>
        <translation>切换…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Larger text</source>
        <translation>放大文字</translation>
    </message>
    <message>
        <source>Smaller text</source>
        <translation>缩小文字</translation>
    </message>
    <message>
        <source>Preferences…</source>
        <translation>首选项…</translation>
    </message>
    <message>
        <source>Guide</source>
        <translation>使用指南</translation>
    </message>
    <message>
        <source>Export diagnostics for support…</source>
        <translation>导出诊断信息…</translation>
    </message>
</context>
<context>
    <name>CrashNotice</name>
    <message>
        <source>Haiyan Desktop</source>
        <translation>海盐桌面端</translation>
    </message>
    <message>
        <source>The program stopped unexpectedly last time. The diagnostic information is saved in %1</source>
        <translation>上次程序异常退出，诊断信息已保存在 %1</translation>
    </message>
    <message>
        <source>Every change accepted before then was saved. If it happens again, send this file to support.</source>
        <translation>在此之前确认的每一项修改都已保存。如果问题再次出现，请把这个文件发给技术支持。</translation>
    </message>
    <message>
        <source>&amp;Open folder</source>
        <translation>打开所在文件夹(&amp;O)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>CvChangeModel</name>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Indicator</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>CV</source>
        <translation>变异系数</translation>
    </message>
    <message>
        <source>Last year&apos;s
CV</source>
        <translation>上年
变异系数</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变化</translation>
    </message>
    <message>
        <source>Trend</source>
        <translation>趋势</translation>
    </message>
    <message>
        <source>more equal</source>
        <translation>更均衡</translation>
    </message>
    <message>
        <source>less equal</source>
        <translation>差距扩大</translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation>不变</translation>
    </message>
</context>
<context>
    <name>DepartmentModel</name>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>报告</translation>
    </message>
    <message>
        <source>Realization degree</source>
        <translation>实现度</translation>
    </message>
    <message>
        <source>Indicators led</source>
        <translation>牵头指标数</translation>
    </message>
    <message>
        <source>Indicators</source>
        <translation>牵头指标</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>已接收</translation>
    </message>
    <message>
        <source>Not received</source>
        <translation>未收到</translation>
    </message>
</context>
<context>
    <name>Dialogs</name>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变更</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Nothing has been recorded for this value yet.</source>
        <translation>本项还没有修改记录。</translation>
    </message>
</context>
<context>
    <name>DispersionModel</name>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Indicator</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Measured
in</source>
        <translation>计量
单位</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>单位数</translation>
    </message>
    <message>
        <source>Mean</source>
        <translation>均值</translation>
    </message>
    <message>
        <source>Median</source>
        <translation>中位数</translation>
    </message>
    <message>
        <source>Min</source>
        <translation>最小值</translation>
    </message>
    <message>
        <source>Max</source>
        <translation>最大值</translation>
    </message>
    <message>
        <source>Range</source>
        <translation>极差</translation>
    </message>
    <message>
        <source>SD</source>
        <translation>标准差</translation>
    </message>
    <message>
        <source>CV</source>
        <translation>变异系数</translation>
    </message>
    <message>
        <source>Max/min</source>
        <translation>最大/最小</translation>
    </message>
    <message>
        <source>Below
target</source>
        <translation>未达标
单位数</translation>
    </message>
    <message>
        <source>Missing
/ N/A</source>
        <translation>缺报
/ 不适用</translation>
    </message>
    <message>
        <source>Units that left it empty (scored 0) / for which it does not apply</source>
        <translation>未填报的单位数（按 0 分计）/ 不适用的单位数</translation>
    </message>
    <message>
        <source>The unit of the figures; “attainment” for yes/no and choice indicators, measured on the share of the target attained</source>
        <translation>数值的计量单位；是否类和选项类指标按达成度（达到目标的程度）计算，显示为“达成度”</translation>
    </message>
    <message>
        <source>Units with a scored value</source>
        <translation>有计分数值的单位数</translation>
    </message>
    <message>
        <source>Max − min</source>
        <translation>最大值 − 最小值</translation>
    </message>
    <message>
        <source>Standard deviation (population)</source>
        <translation>标准差（总体标准差）</translation>
    </message>
    <message>
        <source>Coefficient of variation: SD ÷ mean; the higher, the more unequal</source>
        <translation>变异系数 = 标准差 ÷ 均值；越大，差距越大</translation>
    </message>
    <message>
        <source>Max ÷ min</source>
        <translation>最大值 ÷ 最小值</translation>
    </message>
    <message>
        <source>Units whose attainment is below the target</source>
        <translation>未达到目标值的单位数</translation>
    </message>
    <message>
        <source>Target: %1</source>
        <translation>目标值：%1</translation>
    </message>
    <message>
        <source>attainment</source>
        <translation>达成度</translation>
    </message>
</context>
<context>
    <name>DomainModel</name>
    <message numerus="yes">
        <source>%n value(s) entered</source>
        <translation>
            <numerusform>已填报 %n 项</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EntryTableModel</name>
    <message>
        <source>Code</source>
        <translation>指标代码</translation>
    </message>
    <message>
        <source>Indicator</source>
        <translation>指标名称</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>本年数值</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Last year</source>
        <translation>上年数值</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变化</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目标值</translation>
    </message>
    <message>
        <source>Attainment</source>
        <translation>达成度</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>ErrorDialog</name>
    <message>
        <source>Unexpected error</source>
        <translation>程序出现意外错误</translation>
    </message>
    <message>
        <source>The data already saved are safe: every change you accepted was saved at once. The program keeps running; you can go on working.</source>
        <translation>已保存的数据是安全的：每一项确认的修改都已立即保存。程序仍在运行，可以继续工作。</translation>
    </message>
    <message>
        <source>Details are recorded in %1</source>
        <translation>详细信息已记录在 %1</translation>
    </message>
    <message>
        <source>No log could be written for this run.</source>
        <translation>本次运行无法写入日志。</translation>
    </message>
    <message>
        <source>If it happens again, please tell support and send them the log file.</source>
        <translation>如果问题再次出现，请告知技术支持并提供日志文件。</translation>
    </message>
    <message>
        <source>The details are on the clipboard: paste them into your message to support.</source>
        <translation>详细信息已复制，可粘贴到发给技术支持的消息中。</translation>
    </message>
    <message>
        <source>&amp;Copy details</source>
        <translation>复制详细信息(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Open log folder</source>
        <translation>打开日志文件夹(&amp;O)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>“%1” failed unexpectedly.</source>
        <translation>执行“%1”时出现意外错误。</translation>
    </message>
    <message>
        <source>Something went wrong unexpectedly.</source>
        <translation>程序出现意外错误。</translation>
    </message>
    <message>
        <source>Error type: %1</source>
        <translation>错误类型：%1</translation>
    </message>
    <message>
        <source>Unexpected errors so far: %1</source>
        <translation>已发生意外错误 %1 次</translation>
    </message>
    <message>
        <source>Haiyan Desktop</source>
        <translation>海盐桌面端</translation>
    </message>
</context>
<context>
    <name>HeatMapModel</name>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Overall</source>
        <translation>总体</translation>
    </message>
    <message>
        <source>Nothing counted in this domain</source>
        <translation>该领域没有计分指标</translation>
    </message>
</context>
<context>
    <name>HelpDialog</name>
    <message>
        <source>Haiyan Desktop guide</source>
        <translation>海盐桌面端使用指南</translation>
    </message>
</context>
<context>
    <name>ImportOutcomeModel</name>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>已接收</translation>
    </message>
    <message>
        <source>Accepted, supersedes an earlier report</source>
        <translation>已接收，替代较早的报告</translation>
    </message>
    <message>
        <source>Quarantined</source>
        <translation>已隔离</translation>
    </message>
    <message>
        <source>Duplicate, skipped</source>
        <translation>重复，跳过</translation>
    </message>
</context>
<context>
    <name>ImportProgressDialog</name>
    <message>
        <source>Importing reports</source>
        <translation>正在导入报告</translation>
    </message>
    <message>
        <source>Looking for the reports and starting the checks…</source>
        <translation>正在查找报告并启动核验……</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>accepted</source>
        <translation>已接收</translation>
    </message>
    <message>
        <source>quarantined</source>
        <translation>已隔离</translation>
    </message>
    <message>
        <source>duplicate</source>
        <translation>重复，跳过</translation>
    </message>
    <message>
        <source>Checked %1 of %2 files
Last: %3%4</source>
        <translation>已核验 %1 / %2 个文件
刚完成：%3%4</translation>
    </message>
    <message>
        <source>Stopping after the current file… The reports imported so far are kept.</source>
        <translation>完成当前文件后停止……已导入的报告会保留。</translation>
    </message>
</context>
<context>
    <name>ImportSummaryDialog</name>
    <message>
        <source>Import result</source>
        <translation>导入结果</translation>
    </message>
    <message>
        <source>%1 PDF files: %2 accepted (%3 of them superseding an earlier report), %4 quarantined, %5 duplicates skipped.</source>
        <translation>共 %1 个 PDF 文件：接收 %2 份（其中替代较早报告 %3 份），隔离 %4 份，重复跳过 %5 份。</translation>
    </message>
    <message numerus="yes">
        <source>%n other file(s) were not PDFs and were left alone.</source>
        <translation>
            <numerusform>另有 %n 个文件不是 PDF，未处理。</numerusform>
        </translation>
    </message>
    <message>
        <source>Stopped after %1 of %2 files; what was imported is kept.</source>
        <translation>已停止：处理了 %1 / %2 个文件，已导入的报告已保存。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <source>Haiyan Desktop</source>
        <translation>海盐桌面端</translation>
    </message>
    <message>
        <source>%1 assessment</source>
        <translation>%1 年度评估</translation>
    </message>
    <message>
        <source>That was the last value of the last domain.</source>
        <translation>已是最后一个领域的最后一项。</translation>
    </message>
    <message>
        <source>Next domain: %1</source>
        <translation>下一领域：%1</translation>
    </message>
    <message>
        <source>This submission is signed and cannot be changed. To change it, reopen it: Submission → Reopen…</source>
        <translation>此填报已签名，不能修改。如需修改，请先重开：填报 → 重开…</translation>
    </message>
    <message>
        <source>This submission cannot be changed in its present state.</source>
        <translation>此填报在当前状态下不能修改。</translation>
    </message>
    <message>
        <source>%1 is calculated: change the values it comes from (%2).</source>
        <translation>%1 由公式计算，请修改它所依据的数值（%2）。</translation>
    </message>
    <message>
        <source>No indicator matches “%1”.</source>
        <translation>没有与“%1”相符的指标。</translation>
    </message>
    <message>
        <source>Source: %1</source>
        <translation>数据来源：%1</translation>
    </message>
    <message>
        <source>Lead unit: %1</source>
        <translation>牵头单位：%1</translation>
    </message>
    <message>
        <source>Edit %1</source>
        <translation>编辑 %1</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <source>Saved. The submission was checked; after this change it is a draft again: mark it as checked once more when you are done (Submission → Mark as checked).</source>
        <translation>已保存。此填报原已校验，修改后已退回为草稿；改完后请重新标记为已校验（填报 → 标记为已校验）。</translation>
    </message>
    <message numerus="yes">
        <source>Paste %n value(s)</source>
        <translation>
            <numerusform>粘贴 %n 个数值</numerusform>
        </translation>
    </message>
    <message>
        <source>This indicator cannot be marked not applicable</source>
        <translation>该指标不能标记为不适用</translation>
    </message>
    <message>
        <source>Not applicable</source>
        <translation>不适用</translation>
    </message>
    <message>
        <source>Why does %1 not apply to your unit?</source>
        <translation>请说明“%1”不适用于本单位的原因：</translation>
    </message>
    <message>
        <source>Not applicable %1</source>
        <translation>标记 %1 为不适用</translation>
    </message>
    <message>
        <source>History of %1</source>
        <translation>%1 的修改记录</translation>
    </message>
    <message numerus="yes">
        <source>Still to do before the submission can be marked checked: %n</source>
        <translation>
            <numerusform>还有 %n 项需要处理，处理完后才能标记为已校验。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>… more in the list “What is left to do” (F9): %n</source>
        <translation>
            <numerusform>……另有 %n 项，见“待处理事项”列表（F9）</numerusform>
        </translation>
    </message>
    <message>
        <source>No problems: the submission can be marked checked</source>
        <translation>没有问题：可以标记为已校验</translation>
    </message>
    <message>
        <source>Not yet</source>
        <translation>暂不能标记</translation>
    </message>
    <message>
        <source>Not possible</source>
        <translation>无法执行</translation>
    </message>
    <message>
        <source>Export diagnostics for support</source>
        <translation>导出诊断信息</translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation>重开</translation>
    </message>
    <message>
        <source>All indicators</source>
        <translation>全部指标</translation>
    </message>
    <message>
        <source>Not filled in</source>
        <translation>未填写</translation>
    </message>
    <message>
        <source>With problems</source>
        <translation>有问题</translation>
    </message>
    <message>
        <source>Nothing left: the submission can be marked checked.</source>
        <translation>已全部处理，可以标记为已校验。</translation>
    </message>
    <message>
        <source>Why must the signed submission be reopened?</source>
        <translation>请说明重开已签名填报的原因：</translation>
    </message>
    <message>
        <source>It cannot be marked checked yet. Still to do:</source>
        <translation>暂不能标记为已校验，以下各项还需处理：</translation>
    </message>
    <message>
        <source>Export to Excel</source>
        <translation>导出到 Excel</translation>
    </message>
    <message>
        <source>Writing the Excel file…</source>
        <translation>正在写入 Excel 文件…</translation>
    </message>
    <message>
        <source>Exported to %1</source>
        <translation>已导出到 %1</translation>
    </message>
    <message>
        <source>Import from Excel</source>
        <translation>从 Excel 导入</translation>
    </message>
    <message>
        <source>Reading the file…</source>
        <translation>正在读取文件…</translation>
    </message>
    <message>
        <source>Import refused</source>
        <translation>拒绝导入</translation>
    </message>
    <message>
        <source>Stored: %1, unchanged: %2, rejected: %3</source>
        <translation>已保存 %1 项，未改变 %2 项，被拒绝 %3 项</translation>
    </message>
    <message>
        <source>Import report</source>
        <translation>导入报告</translation>
    </message>
    <message>
        <source>Building the report…</source>
        <translation>正在生成评估报告…</translation>
    </message>
    <message>
        <source>File problem</source>
        <translation>文件问题</translation>
    </message>
    <message>
        <source>Sample data</source>
        <translation>示例数据</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <source>Fi&amp;nd:</source>
        <translation>查找(&amp;N)：</translation>
    </message>
    <message>
        <source>code or name, as you type (Ctrl+F; F3 finds the next)</source>
        <translation>输入代码或名称即时筛选（Ctrl+F；F3 查找下一个）</translation>
    </message>
    <message>
        <source>Sho&amp;w:</source>
        <translation>显示(&amp;W)：</translation>
    </message>
    <message>
        <source>Realization degree</source>
        <translation>实现度</translation>
    </message>
    <message>
        <source>Definition</source>
        <translation>指标解释</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Submission</source>
        <translation>填报(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>What is left to do (F9)</source>
        <translation>待处理事项（F9）</translation>
    </message>
    <message>
        <source>Switch unit or year…</source>
        <translation>切换单位或年度…</translation>
    </message>
    <message>
        <source>Ctrl+O</source>
        <translation>Ctrl+O</translation>
    </message>
    <message>
        <source>Import from Excel…</source>
        <translation>从 Excel 导入…</translation>
    </message>
    <message>
        <source>Ctrl+I</source>
        <translation>Ctrl+I</translation>
    </message>
    <message>
        <source>Export to Excel…</source>
        <translation>导出到 Excel…</translation>
    </message>
    <message>
        <source>Ctrl+E</source>
        <translation>Ctrl+E</translation>
    </message>
    <message>
        <source>Assessment report (PDF)…</source>
        <translation>评估报告（PDF）…</translation>
    </message>
    <message>
        <source>Ctrl+P</source>
        <translation>Ctrl+P</translation>
    </message>
    <message>
        <source>Sign and export…</source>
        <translation>签名并导出…</translation>
    </message>
    <message>
        <source>Verify signatures…</source>
        <translation>核验签名…</translation>
    </message>
    <message>
        <source>Install catalogue…</source>
        <translation>安装考核目录…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Ctrl+Q</source>
        <translation>Ctrl+Q</translation>
    </message>
    <message>
        <source>Ctrl+F</source>
        <translation>Ctrl+F</translation>
    </message>
    <message>
        <source>Find indicator</source>
        <translation>查找指标</translation>
    </message>
    <message>
        <source>Find next</source>
        <translation>查找下一个</translation>
    </message>
    <message>
        <source>F3</source>
        <translation>F3</translation>
    </message>
    <message>
        <source>Mark not applicable…</source>
        <translation>标记为不适用…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+N</source>
        <translation>Ctrl+Shift+N</translation>
    </message>
    <message>
        <source>History of this value…</source>
        <translation>本项修改记录…</translation>
    </message>
    <message>
        <source>Ctrl+H</source>
        <translation>Ctrl+H</translation>
    </message>
    <message>
        <source>F9</source>
        <translation>F9</translation>
    </message>
    <message>
        <source>What is left to do</source>
        <translation>待处理事项</translation>
    </message>
    <message>
        <source>Mark as checked</source>
        <translation>标记为已校验</translation>
    </message>
    <message>
        <source>Reopen…</source>
        <translation>重开…</translation>
    </message>
    <message>
        <source>Larger text</source>
        <translation>放大字号</translation>
    </message>
    <message>
        <source>Ctrl+=</source>
        <translation>Ctrl+=</translation>
    </message>
    <message>
        <source>Smaller text</source>
        <translation>缩小字号</translation>
    </message>
    <message>
        <source>Ctrl+-</source>
        <translation>Ctrl+-</translation>
    </message>
    <message>
        <source>Export diagnostics for support…</source>
        <translation>导出诊断信息…</translation>
    </message>
    <message>
        <source>Guide</source>
        <translation>使用指南</translation>
    </message>
    <message>
        <source>F1</source>
        <translation>F1</translation>
    </message>
    <message>
        <source>Preferences…</source>
        <translation>首选项…</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>首选项</translation>
    </message>
    <message>
        <source>Your &amp;name</source>
        <translation>您的姓名(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Text size</source>
        <translation>字号(&amp;T)</translation>
    </message>
    <message>
        <source>Enter your name: it is recorded with every change and on the report.</source>
        <translation>请填写您的姓名：每次修改和评估报告都会记录填报人。</translation>
    </message>
</context>
<context>
    <name>RankingModel</name>
    <message>
        <source>Rank</source>
        <translation>名次</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Realization degree</source>
        <translation>实现度</translation>
    </message>
    <message>
        <source>Rank %1 in this domain</source>
        <translation>本领域第 %1 名</translation>
    </message>
    <message>
        <source>County mean</source>
        <translation>全县平均</translation>
    </message>
    <message>
        <source>Median</source>
        <translation>中位数</translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <source>Assessment report</source>
        <translation>评估报告</translation>
    </message>
    <message>
        <source>Signed assessment report</source>
        <translation>已签名的评估报告</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>打印(&amp;P)…</translation>
    </message>
    <message>
        <source>Open in the system &amp;viewer</source>
        <translation>用系统查看器打开(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Save as…</source>
        <translation>另存为(&amp;S)…</translation>
    </message>
    <message>
        <source>Save the report</source>
        <translation>保存评估报告</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
</context>
<context>
    <name>SignDialog</name>
    <message>
        <source>%1 assessment report</source>
        <translation>%1 年度评估报告</translation>
    </message>
    <message>
        <source>Working copy: %1</source>
        <translation>工作副本：%1</translation>
    </message>
    <message>
        <source>Preparing the report…</source>
        <translation>正在准备评估报告…</translation>
    </message>
    <message>
        <source>Reading the report…</source>
        <translation>正在读取评估报告…</translation>
    </message>
    <message>
        <source>Building the report…</source>
        <translation>正在生成评估报告…</translation>
    </message>
    <message>
        <source>Not signed yet</source>
        <translation>尚未签名</translation>
    </message>
    <message>
        <source>Signed by %1 (%2)</source>
        <translation>已由%1签名（%2）</translation>
    </message>
    <message>
        <source>Signed, but not with a township certificate</source>
        <translation>已签名，但所用证书不是乡镇签名证书</translation>
    </message>
    <message>
        <source>Next to sign: %1, with their own certificate.</source>
        <translation>下一步：由%1用本人的证书签名。</translation>
    </message>
    <message>
        <source>Both have signed. Save the report and send it to the county.</source>
        <translation>双方均已签名。请另存评估报告并报送县里。</translation>
    </message>
    <message>
        <source>Certificate of the person signing</source>
        <translation>签名人的证书</translation>
    </message>
    <message>
        <source>Signing certificates (*.p12 *.pfx)</source>
        <translation>签名证书 (*.p12 *.pfx)</translation>
    </message>
    <message>
        <source>Choose the certificate file (.p12) of the person signing.</source>
        <translation>请选择签名人的证书文件（.p12）。</translation>
    </message>
    <message>
        <source>Signing…</source>
        <translation>正在签名…</translation>
    </message>
    <message>
        <source>Signing the report…</source>
        <translation>正在为评估报告签名…</translation>
    </message>
    <message>
        <source>Save the signed report</source>
        <translation>保存已签名的评估报告</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>未能保存：%1</translation>
    </message>
    <message>
        <source>Saved as %1</source>
        <translation>已另存为 %1</translation>
    </message>
    <message>
        <source>Sign and export the report</source>
        <translation>签名并导出评估报告</translation>
    </message>
    <message>
        <source>Signature places</source>
        <translation>签名位</translation>
    </message>
    <message>
        <source>Certificate &amp;file (.p12)</source>
        <translation>证书文件（.p12）(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Choose…</source>
        <translation>选择(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Passphrase</source>
        <translation>证书口令(&amp;P)</translation>
    </message>
    <message>
        <source>The passphrase is used for this signature only; it is never saved.</source>
        <translation>口令只用于本次签名，不会被保存。</translation>
    </message>
    <message>
        <source>&amp;Sign</source>
        <translation>签名(&amp;S)</translation>
    </message>
    <message>
        <source>Save &amp;as…</source>
        <translation>另存为(&amp;A)…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Preview of the working copy.</source>
        <translation>工作副本预览。</translation>
    </message>
</context>
<context>
    <name>SignaturesModel</name>
    <message>
        <source>Place</source>
        <translation>签名位</translation>
    </message>
    <message>
        <source>Signer</source>
        <translation>签名人</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Signed at</source>
        <translation>签名时间</translation>
    </message>
    <message>
        <source>Intact</source>
        <translation>完好</translation>
    </message>
    <message>
        <source>Trusted</source>
        <translation>可信</translation>
    </message>
    <message>
        <source>Revoked</source>
        <translation>已吊销</translation>
    </message>
    <message>
        <source>Covers the whole file</source>
        <translation>覆盖全文</translation>
    </message>
    <message>
        <source>Changed after signing</source>
        <translation>签名后被修改</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Yes, on %1</source>
        <translation>是，%1 吊销</translation>
    </message>
    <message>
        <source>Up to the next signature</source>
        <translation>至下一个签名为止</translation>
    </message>
</context>
<context>
    <name>StartDialog</name>
    <message>
        <source>Welcome to Haiyan Desktop</source>
        <translation>欢迎使用海盐桌面端</translation>
    </message>
    <message>
        <source>To&amp;wnship or subdistrict entry</source>
        <translation>镇（街道）填报(&amp;W)</translation>
    </message>
    <message>
        <source>C&amp;ounty summary</source>
        <translation>县级汇总(&amp;O)</translation>
    </message>
    <message>
        <source>The county desk receives the units&apos; signed reports, verifies them and compares the towns and subdistricts: ranking, heat map, dispersion and the urban-rural gap.</source>
        <translation>县级汇总：接收各镇（街道）签名的评估报告并核验，比较各单位的实现度：排名、热力图、指标差异和城乡差距。</translation>
    </message>
    <message>
        <source>Choose your unit, the assessment year and your name. You can try everything first with the sample data.</source>
        <translation>请选择本单位和评估年度，并填写您的姓名。也可以先打开示例数据，试用全部功能。</translation>
    </message>
    <message>
        <source>&amp;Unit</source>
        <translation>单位(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Year</source>
        <translation>年度(&amp;Y)</translation>
    </message>
    <message>
        <source>Your &amp;name</source>
        <translation>您的姓名(&amp;N)</translation>
    </message>
    <message>
        <source>Enter your name to start: it is recorded with every change and on the report. The sample data needs no name.</source>
        <translation>请先填写您的姓名再开始：每次修改和评估报告都会记录填报人。打开示例数据不需要姓名。</translation>
    </message>
    <message>
        <source>Open the &amp;sample data</source>
        <translation>打开示例数据(&amp;S)</translation>
    </message>
    <message>
        <source>S&amp;tart</source>
        <translation>开始(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>取消(&amp;C)</translation>
    </message>
</context>
<context>
    <name>StatusModel</name>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Reason or note</source>
        <translation>原因或说明</translation>
    </message>
    <message>
        <source>Signed by</source>
        <translation>签名人</translation>
    </message>
    <message>
        <source>Signed at</source>
        <translation>签名时间</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message numerus="yes">
        <source>Supersedes %n earlier report(s)</source>
        <translation>
            <numerusform>替代了 %n 份较早的报告</numerusform>
        </translation>
    </message>
    <message>
        <source>Not a unit of the year&apos;s catalogue</source>
        <translation>不是本年度考核目录中的单位</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>已接收</translation>
    </message>
    <message>
        <source>Replaced by %1 on %2</source>
        <translation>已于 %2 被 %1 替代</translation>
    </message>
    <message>
        <source>Superseded</source>
        <translation>已被替代</translation>
    </message>
    <message>
        <source>Quarantined</source>
        <translation>已隔离</translation>
    </message>
    <message>
        <source>Missing</source>
        <translation>未收到</translation>
    </message>
    <message>
        <source>No report received yet</source>
        <translation>尚未收到报告</translation>
    </message>
    <message>
        <source>Unit not known</source>
        <translation>单位不明</translation>
    </message>
    <message>
        <source>Year not known</source>
        <translation>年度不明</translation>
    </message>
</context>
<context>
    <name>SummaryDialog</name>
    <message>
        <source>County summary report of %1</source>
        <translation>%1 年度县级汇总报告</translation>
    </message>
    <message>
        <source>Save the county summary report</source>
        <translation>保存县级汇总报告</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>The assessment office&apos;s certificate</source>
        <translation>县评估办公室的证书</translation>
    </message>
    <message>
        <source>Certificates (*.p12 *.pfx);;All files (*)</source>
        <translation>证书 (*.p12 *.pfx);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Choose where to save the report.</source>
        <translation>请选择报告的保存位置。</translation>
    </message>
    <message>
        <source>Choose the assessment office&apos;s certificate file (.p12).</source>
        <translation>请选择县评估办公室的证书文件（.p12）。</translation>
    </message>
    <message>
        <source>Signing the county summary report…</source>
        <translation>正在为县级汇总报告签名…</translation>
    </message>
    <message>
        <source>Building the county summary report…</source>
        <translation>正在生成县级汇总报告…</translation>
    </message>
    <message>
        <source>County summary report</source>
        <translation>县级汇总报告</translation>
    </message>
    <message>
        <source>The county summary report was saved:
%1</source>
        <translation>县级汇总报告已保存：
%1</translation>
    </message>
</context>
<context>
    <name>Support</name>
    <message>
        <source>Collecting diagnostics…</source>
        <translation>正在收集诊断信息……</translation>
    </message>
    <message>
        <source>Diagnostics</source>
        <translation>诊断信息</translation>
    </message>
</context>
<context>
    <name>TheilModel</name>
    <message>
        <source>Measure</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>单位数</translation>
    </message>
    <message>
        <source>Mean</source>
        <translation>均值</translation>
    </message>
    <message>
        <source>Theil index</source>
        <translation>泰尔指数</translation>
    </message>
    <message>
        <source>Between
urban and rural</source>
        <translation>城乡之间</translation>
    </message>
    <message>
        <source>Within
groups</source>
        <translation>城乡内部</translation>
    </message>
    <message>
        <source>Between
share</source>
        <translation>城乡之间
占比</translation>
    </message>
    <message>
        <source>Subdistricts
(urban) mean</source>
        <translation>街道（城区）
均值</translation>
    </message>
    <message>
        <source>Towns
(rural) mean</source>
        <translation>镇（农村）
均值</translation>
    </message>
    <message>
        <source>Theil within
subdistricts</source>
        <translation>街道内部
泰尔指数</translation>
    </message>
    <message>
        <source>Theil within
towns</source>
        <translation>镇内部
泰尔指数</translation>
    </message>
    <message>
        <source>Overall</source>
        <translation>总体</translation>
    </message>
    <message numerus="yes">
        <source>%n unit(s)</source>
        <translation>
            <numerusform>%n 个单位</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TheilTrendModel</name>
    <message>
        <source>Measure</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>Last year</source>
        <translation>上年</translation>
    </message>
    <message>
        <source>This year</source>
        <translation>本年</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变化</translation>
    </message>
    <message>
        <source>Overall</source>
        <translation>总体</translation>
    </message>
    <message>
        <source>Below 0: more equal than last year</source>
        <translation>小于 0：比上年更均衡</translation>
    </message>
</context>
<context>
    <name>UnitChangeModel</name>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>This year</source>
        <translation>本年</translation>
    </message>
    <message>
        <source>Last year</source>
        <translation>上年</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变化</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>名次</translation>
    </message>
    <message>
        <source>Last year&apos;s
rank</source>
        <translation>上年名次</translation>
    </message>
    <message>
        <source>Last year from</source>
        <translation>上年数据来源</translation>
    </message>
    <message>
        <source>last year&apos;s report</source>
        <translation>上年报告</translation>
    </message>
    <message>
        <source>as this year&apos;s report records it</source>
        <translation>本年报告所记上年数据</translation>
    </message>
</context>
<context>
    <name>VerifyDialog</name>
    <message>
        <source>The installed county root cannot be used: %1</source>
        <translation>本机安装的县级根证书无法使用：%1</translation>
    </message>
    <message>
        <source>None is installed yet: choose the county&apos;s files below.</source>
        <translation>本机尚未安装：请在下面选择县里提供的文件。</translation>
    </message>
    <message>
        <source>%1, valid until %2.</source>
        <translation>%1，有效期至 %2。</translation>
    </message>
    <message>
        <source>Revocation list of %1.</source>
        <translation>吊销列表发布于 %1。</translation>
    </message>
    <message>
        <source>No revocation list.</source>
        <translation>没有吊销列表。</translation>
    </message>
    <message>
        <source>Signed report to verify</source>
        <translation>要核验的已签名报告</translation>
    </message>
    <message>
        <source>County root certificate</source>
        <translation>县级根证书</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt *.cer *.der)</source>
        <translation>证书 (*.pem *.crt *.cer *.der)</translation>
    </message>
    <message>
        <source>Revocation list</source>
        <translation>吊销列表</translation>
    </message>
    <message>
        <source>Revocation lists (*.crl)</source>
        <translation>吊销列表 (*.crl)</translation>
    </message>
    <message>
        <source>Choose the signed report (PDF) to verify.</source>
        <translation>请选择要核验的已签名报告（PDF）。</translation>
    </message>
    <message>
        <source>Choose the county root certificate (county-root.pem).</source>
        <translation>请选择县级根证书（county-root.pem）。</translation>
    </message>
    <message>
        <source>Verifying the signatures…</source>
        <translation>正在核验签名…</translation>
    </message>
    <message>
        <source>Report of %1 for %2</source>
        <translation>%1 %2 年度评估报告</translation>
    </message>
    <message>
        <source>None.</source>
        <translation>无。</translation>
    </message>
    <message>
        <source>Verify the signatures of a report</source>
        <translation>核验评估报告的签名</translation>
    </message>
    <message>
        <source>Signed &amp;report (PDF)</source>
        <translation>已签名报告（PDF）(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Choose…</source>
        <translation>选择(&amp;C)…</translation>
    </message>
    <message>
        <source>What to trust</source>
        <translation>信任依据</translation>
    </message>
    <message>
        <source>The county root installed on this computer</source>
        <translation>本机已安装的县级根证书</translation>
    </message>
    <message>
        <source>The county&apos;s files from the USB stick</source>
        <translation>县里提供的文件（U 盘）</translation>
    </message>
    <message>
        <source>County r&amp;oot (.pem)</source>
        <translation>县级根证书（.pem）(&amp;O)</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Revocation &amp;list (.crl, optional)</source>
        <translation>吊销列表（.crl，可选）(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Install them on this computer for next time</source>
        <translation>安装到本机，下次直接使用(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;Verify</source>
        <translation>核验(&amp;V)</translation>
    </message>
    <message>
        <source>Problems found</source>
        <translation>发现的问题</translation>
    </message>
</context>
<context>
    <name>WeakModel</name>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>名次</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Indicator</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>本单位数值</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目标值</translation>
    </message>
    <message>
        <source>Attainment</source>
        <translation>达成度</translation>
    </message>
    <message>
        <source>County mean
attainment</source>
        <translation>全县平均
达成度</translation>
    </message>
    <message>
        <source>Gap
(points)</source>
        <translation>差距
（百分点）</translation>
    </message>
    <message>
        <source>No weak indicator</source>
        <translation>无短板指标</translation>
    </message>
    <message>
        <source>Percentage points below the county mean</source>
        <translation>低于全县平均的百分点</translation>
    </message>
</context>
</TS>
