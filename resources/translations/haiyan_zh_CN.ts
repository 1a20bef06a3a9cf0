<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
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
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Find indicator</source>
        <translation>查找指标</translation>
    </message>
    <message>
        <source>Code or name:</source>
        <translation>指标代码或名称：</translation>
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
    <message>
        <source>Missing: %1</source>
        <translation>尚未填报：%1</translation>
    </message>
    <message>
        <source>No problems: the submission can be marked checked</source>
        <translation>没有问题：可以标记为已校验</translation>
    </message>
    <message>
        <source>What still needs attention</source>
        <translation>尚需处理的问题</translation>
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
        <source>Reopen</source>
        <translation>重开</translation>
    </message>
    <message>
        <source>Why must the signed submission be reopened?</source>
        <translation>请说明重开已签名填报的原因：</translation>
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
        <source>Problems</source>
        <translation>问题</translation>
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
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Ctrl+Q</source>
        <translation>Ctrl+Q</translation>
    </message>
    <message>
        <source>Find indicator…</source>
        <translation>查找指标…</translation>
    </message>
    <message>
        <source>Ctrl+F</source>
        <translation>Ctrl+F</translation>
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
        <source>Check submission</source>
        <translation>校验</translation>
    </message>
    <message>
        <source>F9</source>
        <translation>F9</translation>
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
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <source>Assessment report</source>
        <translation>评估报告</translation>
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
    <name>StartDialog</name>
    <message>
        <source>Welcome to Haiyan Desktop</source>
        <translation>欢迎使用海盐桌面端</translation>
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
        <source>Open the &amp;sample data</source>
        <translation>打开示例数据(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>开始(&amp;S)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
</TS>
