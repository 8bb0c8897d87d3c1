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
    <name>AssessmentMatrixModel</name>
    <message>
        <location filename="../../workbench/views/assessment_matrix_model.py" line="336"/>
        <source>指标</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/assessment_matrix_model.py" line="338"/>
        <source>牵头部门</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/assessment_matrix_model.py" line="341"/>
        <source>全市</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/assessment_matrix_model.py" line="344"/>
        <source>{name}（{code}）：单击表头按进度排序（先落后、后领先），双击查看该地区全部指标</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AssessmentOverview</name>
    <message>
        <location filename="../../workbench/views/assessment_overview.py" line="155"/>
        <source>查找指标</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/assessment_overview.py" line="165"/>
        <source>颜色之外，每种状态还有自己的符号，黑白打印和色弱读者也能分辨</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/assessment_overview.py" line="168"/>
        <source>维度：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/assessment_overview.py" line="170"/>
        <source>牵头部门：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/assessment_overview.py" line="198"/>
        <source>县（市、区）排名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/assessment_overview.py" line="265"/>
        <source>评分方案：{name}。等级：{grades}。双击一行查看该地区全部指标。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/assessment_overview.py" line="298"/>
        <source>全部维度</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/assessment_overview.py" line="301"/>
        <source>全部部门</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AssessmentView</name>
    <message>
        <location filename="../../workbench/views/assessment_view.py" line="102"/>
        <source>目标与考核</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/assessment_view.py" line="108"/>
        <source>选择季末，或输入任一月份，如 2019-08</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/assessment_view.py" line="111"/>
        <source>计算</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/assessment_view.py" line="112"/>
        <source>按所选时点计算完成率、序时进度、进度状态、得分和排名（Ctrl+R）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/assessment_view.py" line="117"/>
        <source>取消</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/assessment_view.py" line="119"/>
        <source>评分方案…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/assessment_view.py" line="120"/>
        <source>修改各指标的权重、计分规则、封顶和等级划分</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/assessment_view.py" line="129"/>
        <source>考核时点：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/assessment_view.py" line="148"/>
        <source>目标录入与导入在本版本中尚不可用。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/assessment_view.py" line="151"/>
        <source>总表</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/assessment_view.py" line="152"/>
        <source>按地区</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/assessment_view.py" line="153"/>
        <source>按指标</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/assessment_view.py" line="154"/>
        <source>目标</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/assessment_view.py" line="196"/>
        <source>未打开项目</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/assessment_view.py" line="253"/>
        <source>考核时点应为计划期内的月份，写作 2019-09 或 2019年9月</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/assessment_view.py" line="269"/>
        <source>正在计算 {at}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/assessment_view.py" line="325"/>
        <source>考核未能完成</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/assessment_view.py" line="333"/>
        <source>已取消计算</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/assessment_view.py" line="358"/>
        <source>选择考核时点后点击“计算”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/assessment_view.py" line="363"/>
        <source>{at}：三年序时进度 {tp}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/assessment_view.py" line="366"/>
        <source>；升降与 {at} 比较</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/assessment_view.py" line="369"/>
        <source>；{n} 格因审核错误待审核</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CellDetail</name>
    <message>
        <location filename="../../workbench/views/assessment_detail.py" line="161"/>
        <source>该地区全部指标</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/assessment_detail.py" line="162"/>
        <source>该指标各地区情况</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/assessment_detail.py" line="165"/>
        <source>关闭详情</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/assessment_detail.py" line="204"/>
        <source>考核所用的数值：期别=数值 @ 文件!工作表!单元格；选中一项，下方显示它的来源</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/assessment_detail.py" line="247"/>
        <source>单击总表中的一格，这里显示它的走势、目标、序时进度和数据来源</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/assessment_detail.py" line="271"/>
        <source>{name}（{region}）历次考核</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/assessment_detail.py" line="294"/>
        <source>原表</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/assessment_detail.py" line="327"/>
        <source>项目当前数据中找不到这个来源：{text}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChecksFilterBar</name>
    <message>
        <location filename="../../workbench/views/checks_filters.py" line="47"/>
        <source>待处理和已说明的问题（不含已解决的）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/checks_filters.py" line="52"/>
        <source>搜索文字（文件名、单元格、说明…）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/checks_filters.py" line="111"/>
        <source>全部指标</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/checks_filters.py" line="112"/>
        <source>全部地区</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/checks_filters.py" line="113"/>
        <source>全部部门和文件</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChecksView</name>
    <message>
        <location filename="../../workbench/views/checks_view.py" line="111"/>
        <source>审核</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/checks_view.py" line="113"/>
        <source>运行审核</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/checks_view.py" line="114"/>
        <source>按审核规则检查项目中的全部当前数据（Ctrl+R）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/checks_view.py" line="117"/>
        <source>审核规则…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/checks_view.py" line="118"/>
        <source>启用或停用规则，修改级别和阈值</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/checks_view.py" line="122"/>
        <source>取消</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/checks_view.py" line="155"/>
        <source>审核问题</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/checks_view.py" line="156"/>
        <source>数据明细</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/checks_view.py" line="229"/>
        <source>审核问题（{n}）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/checks_view.py" line="230"/>
        <source>审核问题（{n}/{total}）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/checks_view.py" line="246"/>
        <source>&lt;span style=&apos;color:{ec}; font-weight:bold&apos;&gt;{e}&lt;/span&gt; 项待处理错误&#x3000;&lt;span style=&apos;color:#8a5300; font-weight:bold&apos;&gt;{w}&lt;/span&gt; 项待处理提示&#x3000;{x} 项已说明&#x3000;{r} 项已解决</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/checks_view.py" line="254"/>
        <source>目前有 {n} 组（指标、地区、期别）因错误暂不参与考核。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/checks_view.py" line="260"/>
        <source>未打开项目</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/checks_view.py" line="264"/>
        <source>尚未运行审核</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/checks_view.py" line="266"/>
        <source>上次审核：{at}，{n} 个数值</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/checks_view.py" line="269"/>
        <source>；此后数据有变化，请重新审核</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/checks_view.py" line="288"/>
        <source>正在审核…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/checks_view.py" line="323"/>
        <source>审核未能完成</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/checks_view.py" line="333"/>
        <source>已取消审核</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CountyPage</name>
    <message>
        <location filename="../../workbench/views/assessment_pages.py" line="103"/>
        <source>地区：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/assessment_pages.py" line="139"/>
        <source>（无上期）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/assessment_pages.py" line="141"/>
        <source>总分 &lt;b&gt;{total}&lt;/b&gt;&#x3000;第 &lt;b&gt;{rank}&lt;/b&gt; 名（共 {n} 个）&#x3000;较上期 {change}&#x3000;等级 &lt;b&gt;{grade}&lt;/b&gt;&#x3000;&lt;span style=&apos;color:#5f6b7a&apos;&gt;指标得分 {base}，加分 {bonus}，扣分 {deduction}&lt;/span&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/assessment_pages.py" line="147"/>
        <source>&lt;span style=&apos;color:#5f6b7a&apos;&gt;全市不参与县（市、区）排名，只看各指标的完成情况。&lt;/span&gt;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DriftDialog</name>
    <message>
        <location filename="../../workbench/views/drift_dialog.py" line="59"/>
        <source>版式变化：{name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/drift_dialog.py" line="60"/>
        <source>“{department}”报送的表格与模板“{template}”相比有 {n} 处变化</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/drift_dialog.py" line="61"/>
        <source>未识别部门</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/drift_dialog.py" line="68"/>
        <source>这个文件的 {n} 个数值已保存，但在确认这些变化之前不计入汇总和考核。请核对下列变化：接受后，新表式记为该部门的模板，以后同样表式的报表自动套用。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/drift_dialog.py" line="96"/>
        <source>接受变化并导入</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/drift_dialog.py" line="98"/>
        <source>暂不导入</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/drift_dialog.py" line="99"/>
        <source>数值继续保留但不计入；以后可在导入结果中再次查看并接受</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExplanationDialog</name>
    <message>
        <location filename="../../workbench/views/explanation_dialog.py" line="64"/>
        <source>填写说明并放行</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/explanation_dialog.py" line="64"/>
        <source>确认提示</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/explanation_dialog.py" line="76"/>
        <source>这是必须修正的错误：在收到更正后的文件之前，该指标在该地区、该期的数值不参与考核。填写说明后即放行，数值照常参与考核。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/explanation_dialog.py" line="79"/>
        <source>这是须确认的提示：写明核实的结果后，提示即为已确认。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/explanation_dialog.py" line="80"/>
        <source>说明保存在项目中，并出现在导出的材料里。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/explanation_dialog.py" line="85"/>
        <source>例如：已与报送部门电话核实，全市数含市本级直接登记的企业，不属差错。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/explanation_dialog.py" line="89"/>
        <source>填写人姓名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/explanation_dialog.py" line="91"/>
        <source>说明：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/explanation_dialog.py" line="92"/>
        <source>填写人：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/explanation_dialog.py" line="102"/>
        <source>放行</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/explanation_dialog.py" line="102"/>
        <source>确认</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/explanation_dialog.py" line="103"/>
        <source>取消</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/explanation_dialog.py" line="132"/>
        <source>请填写说明：放行错误或确认提示都必须写明理由，不能留空。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FilePreviewWidget</name>
    <message>
        <location filename="../../workbench/views/file_preview_widget.py" line="108"/>
        <source>全部工作表</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/file_preview_widget.py" line="109"/>
        <source>列出整个文件的数据，而不只是当前工作表的</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/file_preview_widget.py" line="167"/>
        <source>预览中“{name}”的单元格用此颜色</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/file_preview_widget.py" line="270"/>
        <source>工作表「{sheet}」中没有识别出县（市、区）表格</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/file_preview_widget.py" line="278"/>
        <source>单位：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/file_preview_widget.py" line="280"/>
        <source>未识别地区：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/file_preview_widget.py" line="282"/>
        <source>识别出的表格：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/file_preview_widget.py" line="284"/>
        <source>（已按保存的表式更正识别）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/file_preview_widget.py" line="298"/>
        <source>识别出的数据：全文件 {n} 项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/file_preview_widget.py" line="300"/>
        <source>识别出的数据：本工作表 {n} 项（全文件 {total} 项）</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FindingsWidget</name>
    <message>
        <location filename="../../workbench/views/findings_widget.py" line="73"/>
        <source>填写说明并放行…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/findings_widget.py" line="74"/>
        <source>写明理由后放行这条错误，其数值照常参与考核</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/findings_widget.py" line="76"/>
        <source>确认…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/findings_widget.py" line="77"/>
        <source>写明核实结果，确认这条提示</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/findings_widget.py" line="79"/>
        <location filename="../../workbench/views/findings_widget.py" line="252"/>
        <source>撤回说明</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/findings_widget.py" line="80"/>
        <source>撤回已填写的说明，问题恢复为待处理</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/findings_widget.py" line="185"/>
        <source>&#x3000;相关单元格：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/findings_widget.py" line="201"/>
        <source>选中一条问题，下方打开原表并定位到它的单元格。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/findings_widget.py" line="206"/>
        <source>已解决：最近一次审核不再出现这个问题。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/findings_widget.py" line="209"/>
        <source>已说明{who}：{figure} 照常参与考核。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/findings_widget.py" line="210"/>
        <source>已确认{who}。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/findings_widget.py" line="212"/>
        <source>待处理的错误：{figure} 暂不参与考核，直到收到更正后的文件或填写说明放行。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/findings_widget.py" line="214"/>
        <source>待处理的提示：请核实后确认，并写明理由。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImportReportWidget</name>
    <message>
        <location filename="../../workbench/views/import_report_widget.py" line="72"/>
        <source>选择上方的文件，查看导入说明、版式变化和数值变化。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/import_report_widget.py" line="73"/>
        <source>查看版式变化…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/import_report_widget.py" line="74"/>
        <source>核对版式变化并决定是否计入这个文件的数值</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/import_report_widget.py" line="148"/>
        <source>无法接受版式变化：{error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/import_report_widget.py" line="209"/>
        <source>导入 {n} 个文件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/import_report_widget.py" line="211"/>
        <source>{n} 个版式变化待确认</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/import_report_widget.py" line="213"/>
        <source>{n} 个已导入过</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/import_report_widget.py" line="215"/>
        <source>{n} 个失败</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/import_report_widget.py" line="235"/>
        <source>版式变化（对照模板“{t}”）：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/import_report_widget.py" line="239"/>
        <source>与被替换的同期旧文件相比（{n} 个数值有变化，共 {m} 处差异）：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/import_report_widget.py" line="245"/>
        <source>  …… 另有 {n} 处</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImportView</name>
    <message>
        <location filename="../../workbench/views/import_view.py" line="133"/>
        <source>导入</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/import_view.py" line="135"/>
        <source>读取各部门报送的工作簿（.xlsx .xls .et .ods .csv），识别其中的表格和县（市、区）数据；原文件只读不改。可以把文件或文件夹直接拖到这里。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/import_view.py" line="140"/>
        <location filename="../../workbench/views/import_view.py" line="166"/>
        <source>添加文件…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/import_view.py" line="141"/>
        <source>选择要读取的报表文件（Ctrl+I）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/import_view.py" line="142"/>
        <source>添加文件夹…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/import_view.py" line="143"/>
        <source>读取文件夹（含子文件夹）中的全部报表文件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/import_view.py" line="144"/>
        <source>清空</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/import_view.py" line="145"/>
        <source>清空列表（不影响原文件）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/import_view.py" line="146"/>
        <source>导入到项目</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/import_view.py" line="153"/>
        <location filename="../../workbench/views/import_view.py" line="170"/>
        <source>取消</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/import_view.py" line="154"/>
        <source>停止读取（Esc）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/import_view.py" line="186"/>
        <source>把报表文件或文件夹拖到这里，或点击“添加文件…”（Ctrl+I）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/import_view.py" line="211"/>
        <source>选择上方列表中的文件，查看识别出的表格和数据。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/import_view.py" line="228"/>
        <source>文件内容</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/import_view.py" line="229"/>
        <source>导入结果</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/import_view.py" line="275"/>
        <source>把列表中的文件导入当前项目：识别部门、套用模板，记录每个数值的来源</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/import_view.py" line="276"/>
        <source>请先打开或新建项目</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/import_view.py" line="285"/>
        <source>正在导入到项目…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/import_view.py" line="292"/>
        <source>已导入到项目：{n}/{total} 个文件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/import_view.py" line="304"/>
        <source>添加文件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/import_view.py" line="311"/>
        <source>添加文件夹</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/import_view.py" line="327"/>
        <source>正在查找文件…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/import_view.py" line="355"/>
        <source>已读取 {n} 个文件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/import_view.py" line="357"/>
        <source>，{n} 个无法读取</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/import_view.py" line="376"/>
        <source>已取消导入；已完成的文件保留在项目中</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/import_view.py" line="382"/>
        <source>已取消；读取了 {n} 个文件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/import_view.py" line="410"/>
        <source>正在取消…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/import_view.py" line="484"/>
        <source>已取消</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/import_view.py" line="486"/>
        <source>无法读取：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/import_view.py" line="491"/>
        <source>已按保存的表式更正识别：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/import_view.py" line="493"/>
        <source>部分工作表有问题</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/import_view.py" line="495"/>
        <source>未识别出数据</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/import_view.py" line="495"/>
        <source>没有找到可以对应到计划指标的县（市、区）数据</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/import_view.py" line="496"/>
        <source>已读取</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/import_view.py" line="496"/>
        <source>（已套用表式更正）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/import_view.py" line="524"/>
        <source>文件「{name}」没有可显示的内容</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/import_view.py" line="549"/>
        <source>正在按更正后的表式重新识别…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/import_view.py" line="558"/>
        <source>正在重新自动识别…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/import_view.py" line="564"/>
        <source>无法保存表式更正：{error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/import_view.py" line="580"/>
        <source>已重新识别「{name}」</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>IndicatorCombo</name>
    <message>
        <location filename="../../workbench/views/indicator_combo.py" line="57"/>
        <source>输入名称、简称或同义词查找指标</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>IndicatorPage</name>
    <message>
        <location filename="../../workbench/views/assessment_pages.py" line="159"/>
        <source>指标：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/assessment_pages.py" line="203"/>
        <source>权重 {w} 分</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/assessment_pages.py" line="203"/>
        <source>不计分</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/assessment_pages.py" line="204"/>
        <source>{name}&#x3000;&lt;span style=&apos;color:#5f6b7a&apos;&gt;牵头：{lead}&#x3000;{weight}&#x3000;{group}&lt;/span&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/assessment_pages.py" line="207"/>
        <source>{name}：各地区{what}（{at}）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/assessment_pages.py" line="209"/>
        <source>完成率与序时进度</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/assessment_pages.py" line="209"/>
        <source>实际与目标</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LayoutCorrectionWidget</name>
    <message>
        <location filename="../../workbench/views/layout_correction_widget.py" line="90"/>
        <source>自动</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/layout_correction_widget.py" line="91"/>
        <source>表头的第一行（行号见预览左侧）；“自动”表示由程序识别</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/layout_correction_widget.py" line="93"/>
        <source>表头的最后一行；其下（栏次行之后）即为数据</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/layout_correction_widget.py" line="97"/>
        <source>地区在行：每行一个县（市、区）；地区在列：每列一个县（市、区）；长表：每行一个地区和一项指标</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/layout_correction_widget.py" line="99"/>
        <location filename="../../workbench/views/layout_correction_widget.py" line="187"/>
        <source>地区所在列</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/layout_correction_widget.py" line="102"/>
        <source>地区名称所在的列（地区在行、长表）或行（地区在列）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/layout_correction_widget.py" line="103"/>
        <source>应用并记住</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/layout_correction_widget.py" line="104"/>
        <source>按此表式重新识别本工作表，并记住：以后表式相同的报表自动套用</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/layout_correction_widget.py" line="105"/>
        <source>恢复自动识别</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/layout_correction_widget.py" line="106"/>
        <source>忘记为此表式保存的更正，重新自动识别</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/layout_correction_widget.py" line="112"/>
        <source>表头行</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/layout_correction_widget.py" line="114"/>
        <source>至</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/layout_correction_widget.py" line="118"/>
        <source>方向</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/layout_correction_widget.py" line="187"/>
        <source>地区所在行</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../workbench/views/main_window.py" line="111"/>
        <source>{label}（Ctrl+{n}）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/main_window.py" line="113"/>
        <source>{label}（Ctrl+{n}）：后续版本提供</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/main_window.py" line="150"/>
        <source>文件(&amp;F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/main_window.py" line="151"/>
        <source>新建项目(&amp;N)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/main_window.py" line="153"/>
        <source>打开项目(&amp;O)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/main_window.py" line="155"/>
        <source>最近的项目(&amp;R)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/main_window.py" line="157"/>
        <source>关闭项目(&amp;C)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/main_window.py" line="159"/>
        <source>退出(&amp;X)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/main_window.py" line="163"/>
        <source>编辑(&amp;E)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/main_window.py" line="164"/>
        <source>撤销</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/main_window.py" line="166"/>
        <source>重做</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/main_window.py" line="171"/>
        <source>视图(&amp;V)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/main_window.py" line="184"/>
        <source>帮助(&amp;H)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/main_window.py" line="185"/>
        <source>关于(&amp;A)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/main_window.py" line="197"/>
        <source>清除列表</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/main_window.py" line="199"/>
        <source>（无）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/main_window.py" line="267"/>
        <location filename="../../workbench/views/main_window.py" line="273"/>
        <location filename="../../workbench/views/main_window.py" line="280"/>
        <source>无法打开项目</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/main_window.py" line="268"/>
        <source>{error}

已从“最近的项目”中移除。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/main_window.py" line="274"/>
        <source>无法打开“{name}”。

{error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/main_window.py" line="281"/>
        <source>打开“{name}”时发生意外错误：{error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/main_window.py" line="300"/>
        <source>无法新建项目</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/main_window.py" line="301"/>
        <source>无法新建“{name}”。

{error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/main_window.py" line="320"/>
        <source>无法打开示例项目</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/main_window.py" line="321"/>
        <source>无法准备示例项目。

{error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/main_window.py" line="336"/>
        <source>已关闭项目“{name}”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/main_window.py" line="352"/>
        <source>项目已在别处打开</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/main_window.py" line="354"/>
        <source>已打开项目“{name}”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/main_window.py" line="362"/>
        <source>未打开项目</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/main_window.py" line="379"/>
        <source>找不到项目的计划</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/main_window.py" line="414"/>
        <location filename="../../workbench/views/main_window.py" line="421"/>
        <source>新建项目</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/main_window.py" line="414"/>
        <source>考核哪个计划：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/main_window.py" line="419"/>
        <source>新项目</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/main_window.py" line="431"/>
        <source>打开项目</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MappingEditorWidget</name>
    <message>
        <location filename="../../workbench/views/mapping_editor_widget.py" line="40"/>
        <source>这一列（行）对应的计划指标；可输入名称、简称或同义词查找</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/mapping_editor_widget.py" line="46"/>
        <source>数值的口径；“按表头”即按表头文字判断</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/mapping_editor_widget.py" line="47"/>
        <source>确认</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/mapping_editor_widget.py" line="48"/>
        <source>确认这一列按所示指标、单位和口径读取</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/mapping_editor_widget.py" line="49"/>
        <source>忽略</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/mapping_editor_widget.py" line="50"/>
        <source>这一列不是考核数据，不读取</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/mapping_editor_widget.py" line="51"/>
        <source>恢复自动识别</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/mapping_editor_widget.py" line="52"/>
        <source>撤回对这一列的确认或修改</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/mapping_editor_widget.py" line="57"/>
        <source>指标：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/mapping_editor_widget.py" line="60"/>
        <source>单位：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/mapping_editor_widget.py" line="63"/>
        <source>口径：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/mapping_editor_widget.py" line="114"/>
        <source>（未注明）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/mapping_editor_widget.py" line="119"/>
        <source>报表中注明了单位，以报表为准</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/mapping_editor_widget.py" line="120"/>
        <source>报表中没有注明单位：请确认原表的单位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/mapping_editor_widget.py" line="125"/>
        <source>按表头</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MappingView</name>
    <message>
        <location filename="../../workbench/views/mapping_view.py" line="108"/>
        <source>映射</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/mapping_view.py" line="110"/>
        <source>核对每个文件中各列（行）对应的计划指标、单位和口径；确认或修改后即保存，可在“编辑”菜单中撤销。保存为模板后，该部门下季度同样表式的报表自动套用。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/mapping_view.py" line="114"/>
        <source>导出模板…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/mapping_view.py" line="115"/>
        <source>把项目中的全部模板保存到一个文件，供同事导入</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/mapping_view.py" line="116"/>
        <source>导入模板…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/mapping_view.py" line="117"/>
        <source>导入同事导出的模板文件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/mapping_view.py" line="139"/>
        <source>保存为模板</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/mapping_view.py" line="140"/>
        <location filename="../../workbench/views/mapping_view.py" line="296"/>
        <source>把本文件确认后的映射保存为该部门这种表式的模板，并按它重新读取本文件的数据</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/mapping_view.py" line="141"/>
        <source>置信度：≥90% 绿色，70%～90% 黄色，低于 70% 红色</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/mapping_view.py" line="177"/>
        <source>项目中还没有导入的报表。请先在“导入”环节添加报表并导入到项目。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/mapping_view.py" line="227"/>
        <source>未识别</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/mapping_view.py" line="286"/>
        <source>没有模板：按自动识别结果映射。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/mapping_view.py" line="288"/>
        <source>模板：“{name}”（{origin}）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/mapping_view.py" line="291"/>
        <source>；本文件导入时按“{name}”映射</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/mapping_view.py" line="293"/>
        <source>；版式有变化，数据待确认后计入</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/mapping_view.py" line="297"/>
        <source>未识别报送部门的文件不能保存为模板</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/mapping_view.py" line="333"/>
        <source>恢复“{h}”的自动识别</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/mapping_view.py" line="336"/>
        <source>确认“{h}”的映射</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/mapping_view.py" line="338"/>
        <source>忽略“{h}”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/mapping_view.py" line="342"/>
        <source>请先为这一列选择指标</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/mapping_view.py" line="350"/>
        <source>修改“{h}”的{what}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/mapping_view.py" line="390"/>
        <source>已保存模板“{name}”，正在按它重新读取“{file}”…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/mapping_view.py" line="395"/>
        <source>已取消重新读取</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/mapping_view.py" line="409"/>
        <source>模板已保存，但未能重新读取本文件：{error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/mapping_view.py" line="427"/>
        <source>无法导出模板：{error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/mapping_view.py" line="429"/>
        <source>已导出 {n} 个模板到“{file}”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/mapping_view.py" line="439"/>
        <source>已导入模板：新增 {added} 个，替换 {replaced} 个，{unchanged} 个未变</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/mapping_view.py" line="448"/>
        <source>导出模板</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/mapping_view.py" line="455"/>
        <source>导入模板</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ObservationsWidget</name>
    <message>
        <location filename="../../workbench/views/observations_widget.py" line="226"/>
        <source>项目中还没有数据：先在“导入”中导入各部门的报表。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/observations_widget.py" line="228"/>
        <source>当前有效数据 {n} 项；鼠标停在数值上可看到来源，选中一行在右侧查看详情。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/observations_widget.py" line="230"/>
        <source>当前有效数据 {n} 项，筛选后显示 {m} 项</source>
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
        <source>当前版本可以查看计划指标和地区表、读取部门报表，并新建、打开项目。</source>
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
    <name>ProvenancePanel</name>
    <message>
        <location filename="../../workbench/views/provenance_panel.py" line="128"/>
        <source>数据来源</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/provenance_panel.py" line="130"/>
        <location filename="../../workbench/views/provenance_panel.py" line="228"/>
        <source>选中表中的一个数值，这里显示它来自哪个文件、哪个单元格，原文是什么，做过哪些换算。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/provenance_panel.py" line="165"/>
        <source>在原表中查看</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/provenance_panel.py" line="166"/>
        <source>打开报送的工作簿，定位到这个单元格</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/provenance_panel.py" line="208"/>
        <source>项目中没有这个数值（编号 {id}）。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/provenance_panel.py" line="250"/>
        <source>未识别</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/provenance_panel.py" line="254"/>
        <location filename="../../workbench/views/provenance_panel.py" line="256"/>
        <source>（无）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/provenance_panel.py" line="257"/>
        <source>导入 #{id}，{when}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/provenance_panel.py" line="283"/>
        <source>已被 #{id}“{file}”替换（{when}）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/provenance_panel.py" line="289"/>
        <source>没有其他版本</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RegionLabelsWidget</name>
    <message>
        <location filename="../../workbench/views/region_labels_widget.py" line="52"/>
        <source>未识别的地区写法</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/region_labels_widget.py" line="84"/>
        <source>正在读取源文件，查找未识别的地区写法…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/region_labels_widget.py" line="97"/>
        <source>无法列出未识别的地区写法：{error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/region_labels_widget.py" line="99"/>
        <source>本文件中的地区写法均已识别。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/region_labels_widget.py" line="101"/>
        <source>下列写法不在地区表中，请指定对应的地区；选择会记入本项目，以后的报表自动识别。选定后点击“保存为模板”重新读取本文件的数据。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/region_labels_widget.py" line="115"/>
        <source>（请选择）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/region_labels_widget.py" line="119"/>
        <source>不是地区</source>
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
    <name>RulesDialog</name>
    <message>
        <location filename="../../workbench/views/rules_dialog.py" line="104"/>
        <source>审核规则</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/rules_dialog.py" line="112"/>
        <source>勾选要运行的规则，选中一条可修改级别和阈值。“错误”在修正或填写说明放行之前阻断该数值参与考核；“提示”须确认。保存后对本项目重新审核。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/rules_dialog.py" line="149"/>
        <source>保存并重新审核</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/rules_dialog.py" line="150"/>
        <source>取消</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/rules_dialog.py" line="151"/>
        <source>恢复默认</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/rules_dialog.py" line="152"/>
        <source>全部规则恢复为软件自带的设置</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/rules_dialog.py" line="172"/>
        <source>勾选则运行这条规则</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/rules_dialog.py" line="188"/>
        <source>（无参数）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/rules_dialog.py" line="223"/>
        <source>级别：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/rules_dialog.py" line="258"/>
        <source>子指标代码=母指标代码；…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/rules_dialog.py" line="262"/>
        <source>多项用顿号或逗号分隔</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SchemeDialog</name>
    <message>
        <location filename="../../workbench/views/scheme_dialog.py" line="93"/>
        <location filename="../../workbench/views/scheme_dialog.py" line="316"/>
        <source>评分方案</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/scheme_dialog.py" line="99"/>
        <source>权重为各指标在 100 分中的分值；“按完成程度计分”得 min(完成度, 封顶) × 权重，“达标得满分”达到目标得满分、否则不得分，“按位次计分”按在各县（市、区）中的名次计分。保存后用于本项目的下一次计算。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/scheme_dialog.py" line="112"/>
        <source>第 1 名、第 2 名……得权重的比例，如 1、0.9、0.8</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/scheme_dialog.py" line="114"/>
        <source>方案名称：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/scheme_dialog.py" line="115"/>
        <source>完成度口径：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/scheme_dialog.py" line="116"/>
        <source>默认封顶：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/scheme_dialog.py" line="117"/>
        <source>按位次得分比例：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/scheme_dialog.py" line="132"/>
        <location filename="../../workbench/views/scheme_dialog.py" line="147"/>
        <source>等级</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/scheme_dialog.py" line="132"/>
        <source>最低分（空：其余）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/scheme_dialog.py" line="146"/>
        <source>指标权重与规则</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/scheme_dialog.py" line="148"/>
        <source>加分与扣分</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/scheme_dialog.py" line="157"/>
        <source>保存并重新计算</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/scheme_dialog.py" line="158"/>
        <source>取消</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/scheme_dialog.py" line="159"/>
        <source>恢复默认</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/scheme_dialog.py" line="160"/>
        <source>恢复为随软件提供的评分方案</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/scheme_dialog.py" line="162"/>
        <source>从文件读取…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/scheme_dialog.py" line="163"/>
        <source>另存为文件…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/scheme_dialog.py" line="225"/>
        <source>权重为 0 的指标不计分</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/scheme_dialog.py" line="234"/>
        <source>默认</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/scheme_dialog.py" line="236"/>
        <source>“按完成程度计分”最多得权重的百分之几；“默认”即上方的默认封顶</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/scheme_dialog.py" line="260"/>
        <source>加分</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/scheme_dialog.py" line="260"/>
        <source>扣分</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/scheme_dialog.py" line="290"/>
        <source>权重合计：{total} 分{hint}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/scheme_dialog.py" line="291"/>
        <source>（应为 100 分）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/scheme_dialog.py" line="323"/>
        <source>按位次得分比例应为用顿号分隔的数值，如 1、0.9、0.8</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/scheme_dialog.py" line="331"/>
        <source>第 {n} 个等级没有名称</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/scheme_dialog.py" line="335"/>
        <source>等级“{name}”的最低分“{text}”不是数值</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/scheme_dialog.py" line="349"/>
        <source>“{name}”的分值“{text}”不是数值</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/scheme_dialog.py" line="379"/>
        <source>读取评分方案</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/scheme_dialog.py" line="379"/>
        <location filename="../../workbench/views/scheme_dialog.py" line="385"/>
        <source>评分方案 (*.toml)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/scheme_dialog.py" line="384"/>
        <source>另存评分方案</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/scheme_dialog.py" line="384"/>
        <source>评分方案.toml</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/scheme_dialog.py" line="415"/>
        <source>修改评分方案</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SourcePreviewWidget</name>
    <message>
        <location filename="../../workbench/views/source_preview_widget.py" line="115"/>
        <source>原表</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/source_preview_widget.py" line="116"/>
        <source>选中一条审核问题，这里打开报送的工作簿并定位到它的单元格。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/source_preview_widget.py" line="125"/>
        <source>这条问题没有记录文件路径，无法打开原表。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/source_preview_widget.py" line="136"/>
        <source>正在读取…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/source_preview_widget.py" line="152"/>
        <source>正在读取「{name}」…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/source_preview_widget.py" line="178"/>
        <source>无法打开原表「{name}」：{error}
文件可能已被移动或删除。路径：{path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/source_preview_widget.py" line="179"/>
        <source>未知错误</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/source_preview_widget.py" line="194"/>
        <source>工作表「{sheet}」</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/source_preview_widget.py" line="196"/>
        <source>单元格 {cell}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/source_preview_widget.py" line="197"/>
        <source>原表：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/source_preview_widget.py" line="210"/>
        <source>工作簿中已没有工作表「{sheet}」（文件可能已被改动）。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/source_preview_widget.py" line="221"/>
        <source>单元格 {cell} 已不在工作表中（文件可能已被改动）。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SummaryPage</name>
    <message>
        <location filename="../../workbench/views/project_view.py" line="45"/>
        <location filename="../../workbench/views/project_view.py" line="254"/>
        <source>导入的报表</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/project_view.py" line="46"/>
        <source>数据点</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/project_view.py" line="47"/>
        <source>分解目标</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/project_view.py" line="48"/>
        <source>审核问题</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/project_view.py" line="231"/>
        <source>文件：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/project_view.py" line="232"/>
        <source>计划：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/project_view.py" line="233"/>
        <source>创建：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/project_view.py" line="234"/>
        <source>文件结构：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/project_view.py" line="272"/>
        <source>这个项目还没有导入报表。请在“导入”环节添加报表文件，再点击“导入到项目”。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/project_view.py" line="294"/>
        <source>{when}，工作台 {version}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/project_view.py" line="295"/>
        <source>第 {n} 版</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TargetsWidget</name>
    <message>
        <location filename="../../workbench/views/targets_widget.py" line="95"/>
        <source>县（市、区）分解目标</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/targets_widget.py" line="97"/>
        <source>全市目标按县（市、区）分解。斜体并标“估算”的是默认分解，未经确认；双击单元格可修改，修改即时保存，可撤销（Ctrl+Z）。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/targets_widget.py" line="102"/>
        <source>导入分解表…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/targets_widget.py" line="103"/>
        <source>读取县（市、区）目标任务分解表（指标为行或县区为行均可）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/targets_widget.py" line="108"/>
        <source>数量类目标的分解方法；增速、比重类目标各县（市、区）同全市</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/targets_widget.py" line="109"/>
        <source>生成默认分解（估算）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/targets_widget.py" line="110"/>
        <source>只填补尚无目标的单元格，不覆盖导入或手工填写的目标</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/targets_widget.py" line="181"/>
        <source>全市</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/targets_widget.py" line="207"/>
        <source>……另有 {count} 项（指标名称底色标出，悬停此处看全部）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/targets_widget.py" line="209"/>
        <source>⚠ {count} 项指标各县（市、区）目标合计低于全市目标：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/targets_widget.py" line="237"/>
        <source>清除{region}“{name}”的目标</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/targets_widget.py" line="239"/>
        <source>{region}“{name}”目标改为 {value}{unit}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/targets_widget.py" line="258"/>
        <source>生成默认分解（{method}，估算）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/targets_widget.py" line="262"/>
        <source>已为 {count} 个尚无目标的单元格生成默认分解（{method}，估算）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/targets_widget.py" line="265"/>
        <source>每个单元格都已有目标，没有需要估算的。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/targets_widget.py" line="272"/>
        <source>导入分解表</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/targets_widget.py" line="282"/>
        <source>正在读取“{name}”…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/targets_widget.py" line="295"/>
        <source>未对应指标：{cell}「{path}」（{reason}）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/targets_widget.py" line="298"/>
        <source>……另有 {count} 处未对应</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/targets_widget.py" line="307"/>
        <source>导入分解表失败：{message}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <location filename="../../workbench/views/project_view.py" line="138"/>
        <source>嘉兴市“小微企业三年成长计划”(2018~2020年)：读取各部门报表，按县（市、区）审核、考核、编制成长指数并导出通报。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/project_view.py" line="145"/>
        <source>新建项目…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/project_view.py" line="146"/>
        <source>打开项目…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/project_view.py" line="147"/>
        <source>打开示例项目</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/project_view.py" line="151"/>
        <source>新建一个项目文件（.wbproj），用于一个计划的全部考核数据</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/project_view.py" line="152"/>
        <source>打开已有的项目文件（.wbproj）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/project_view.py" line="153"/>
        <source>打开随程序附带的示例项目，其中登记了示例部门报表</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/project_view.py" line="160"/>
        <source>最近的项目</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/project_view.py" line="167"/>
        <source>还没有打开过项目。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/project_view.py" line="169"/>
        <source>双击打开；也可在“文件 → 最近的项目”中打开。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../workbench/views/project_view.py" line="199"/>
        <source>（文件不存在）</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
