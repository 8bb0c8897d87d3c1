<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="zh_CN">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../workbench/views/about_dialog.py" line="92"/>
        <source>关于 {title}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/about_dialog.py" line="98"/>
        <source>版本 {version} · 嘉兴市统计局 · 离线使用，数据只保存在本机的项目文件中</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/about_dialog.py" line="106"/>
        <source>版本</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/about_dialog.py" line="107"/>
        <source>字体</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/about_dialog.py" line="108"/>
        <source>文件位置</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/about_dialog.py" line="124"/>
        <source>复制信息</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../workbench/views/main_window.py" line="91"/>
        <source>{label}（Ctrl+{n}）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/main_window.py" line="93"/>
        <source>{label}（Ctrl+{n}）：后续版本提供</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/main_window.py" line="127"/>
        <source>文件(&amp;F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/main_window.py" line="128"/>
        <source>新建项目(&amp;N)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/main_window.py" line="130"/>
        <source>打开项目(&amp;O)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/main_window.py" line="132"/>
        <source>最近的项目(&amp;R)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/main_window.py" line="134"/>
        <source>关闭项目(&amp;C)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/main_window.py" line="136"/>
        <source>退出(&amp;X)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/main_window.py" line="140"/>
        <source>视图(&amp;V)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/main_window.py" line="153"/>
        <source>帮助(&amp;H)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/main_window.py" line="154"/>
        <source>关于(&amp;A)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/main_window.py" line="166"/>
        <source>清除列表</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/main_window.py" line="168"/>
        <source>（无）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/main_window.py" line="236"/>
        <location filename="../../workbench/views/main_window.py" line="242"/>
        <location filename="../../workbench/views/main_window.py" line="249"/>
        <source>无法打开项目</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/main_window.py" line="237"/>
        <source>{error}

已从“最近的项目”中移除。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/main_window.py" line="243"/>
        <source>无法打开“{name}”。

{error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/main_window.py" line="250"/>
        <source>打开“{name}”时发生意外错误：{error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/main_window.py" line="269"/>
        <source>无法新建项目</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/main_window.py" line="270"/>
        <source>无法新建“{name}”。

{error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/main_window.py" line="289"/>
        <source>无法打开示例项目</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/main_window.py" line="290"/>
        <source>无法准备示例项目。

{error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/main_window.py" line="304"/>
        <source>已关闭项目“{name}”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/main_window.py" line="319"/>
        <source>项目已在别处打开</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/main_window.py" line="321"/>
        <source>已打开项目“{name}”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/main_window.py" line="329"/>
        <source>未打开项目</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/main_window.py" line="341"/>
        <source>找不到项目的计划</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/main_window.py" line="356"/>
        <location filename="../../workbench/views/main_window.py" line="363"/>
        <source>新建项目</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/main_window.py" line="356"/>
        <source>考核哪个计划：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/main_window.py" line="361"/>
        <source>新项目</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/main_window.py" line="373"/>
        <source>打开项目</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PendingStageView</name>
    <message>
        <location filename="../../workbench/views/pending_stage_view.py" line="41"/>
        <source>这个环节将在后续版本中提供</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/pending_stage_view.py" line="44"/>
        <source>届时可以在这里：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/pending_stage_view.py" line="54"/>
        <source>当前版本可以查看计划指标和地区表，并新建、打开项目。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PlanView</name>
    <message>
        <location filename="../../workbench/views/plan_view.py" line="100"/>
        <source>筛选：指标名称、简称、同义词或牵头部门，如“科技局”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/plan_view.py" line="117"/>
        <source>选择一项指标，查看计划原文和同义词。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/plan_view.py" line="156"/>
        <source>考核期 {start}—{end}（{months} 个月） · 基期 {base} 年 · {n} 项指标</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/plan_view.py" line="164"/>
        <source> · {issuer} {issued} 印发</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/plan_view.py" line="210"/>
        <source>共 {n} 项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/plan_view.py" line="212"/>
        <source>显示 {shown} / {total} 项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/plan_view.py" line="228"/>
        <source>计划原文</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/plan_view.py" line="229"/>
        <source>目标</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/plan_view.py" line="230"/>
        <source>类型</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/plan_view.py" line="231"/>
        <source>牵头部门</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/plan_view.py" line="232"/>
        <source>分组</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/plan_view.py" line="237"/>
        <source>所属指标</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/plan_view.py" line="237"/>
        <source>对应总量</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/plan_view.py" line="240"/>
        <source>考核</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/plan_view.py" line="240"/>
        <source>不参与县（市、区）考核</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/plan_view.py" line="242"/>
        <source>说明</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/plan_view.py" line="243"/>
        <source>同义词</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/plan_view.py" line="243"/>
        <source>（无）</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RegionView</name>
    <message>
        <location filename="../../workbench/views/region_view.py" line="74"/>
        <source>地区</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/region_view.py" line="90"/>
        <source>输入报表中的地区写法，如“嘉兴市 南 湖 区”“海宁”“合计”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/region_view.py" line="98"/>
        <source>试解析：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/region_view.py" line="103"/>
        <source>结果：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/region_view.py" line="107"/>
        <source>解析时会去掉“浙江省”“嘉兴市”等前缀、字间空格和序号，把全角字符和繁体字统一，但不会猜测：表中没有的写法一律显示“未识别”，须在映射时确认。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/region_view.py" line="147"/>
        <source>{city}（{code}） · {counties} 个县（市、区） · {zones} 个功能区</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/region_view.py" line="163"/>
        <source>—</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/region_view.py" line="171"/>
        <source> · 全市合计行</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/region_view.py" line="176"/>
        <source>未识别</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/region_view.py" line="179"/>
        <source>规范化为“{text}”</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SummaryPage</name>
    <message>
        <location filename="../../workbench/views/project_view.py" line="44"/>
        <location filename="../../workbench/views/project_view.py" line="253"/>
        <source>导入的报表</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/project_view.py" line="45"/>
        <source>数据点</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/project_view.py" line="46"/>
        <source>分解目标</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/project_view.py" line="47"/>
        <source>审核问题</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/project_view.py" line="230"/>
        <source>文件：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/project_view.py" line="231"/>
        <source>计划：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/project_view.py" line="232"/>
        <source>创建：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/project_view.py" line="233"/>
        <source>文件结构：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/project_view.py" line="271"/>
        <source>这个项目还没有导入报表。导入环节将在后续版本中提供。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/project_view.py" line="293"/>
        <source>{when}，工作台 {version}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/project_view.py" line="294"/>
        <source>第 {n} 版</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <location filename="../../workbench/views/project_view.py" line="137"/>
        <source>嘉兴市“小微企业三年成长计划”(2018~2020年)：读取各部门报表，按县（市、区）审核、考核、编制成长指数并导出通报。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/project_view.py" line="144"/>
        <source>新建项目…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/project_view.py" line="145"/>
        <source>打开项目…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/project_view.py" line="146"/>
        <source>打开示例项目</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/project_view.py" line="150"/>
        <source>新建一个项目文件（.wbproj），用于一个计划的全部考核数据</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/project_view.py" line="151"/>
        <source>打开已有的项目文件（.wbproj）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/project_view.py" line="152"/>
        <source>打开随程序附带的示例项目，其中登记了示例部门报表</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/project_view.py" line="159"/>
        <source>最近的项目</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/project_view.py" line="166"/>
        <source>还没有打开过项目。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/project_view.py" line="168"/>
        <source>双击打开；也可在“文件 → 最近的项目”中打开。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/project_view.py" line="198"/>
        <source>（文件不存在）</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
