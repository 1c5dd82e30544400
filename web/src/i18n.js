// Interface text in Chinese (the default) and English. Static elements name their text
// with data-i18n* attributes; dynamic views re-render on a language change.

const STRINGS = {
  zh: {
    'app.title': '责任图谱',
    'tab.explorer': '图谱',
    'tab.workload': '工作量',
    'nav.graphiql': 'GraphQL 调试',
    'lang.switch': 'English',
    'search.label': '搜索单位、任务、政策、项目',
    'search.placeholder': '输入名称或简称，如 发改局',
    'search.none': '没有找到',
    'search.short': '请至少输入 2 个字',
    'search.count': '共 {n} 条结果',
    'kind.Unit': '单位',
    'kind.Task': '任务',
    'kind.Policy': '政策',
    'kind.Project': '项目',
    'kind.Section': '章节',
    'kind.Document': '文件',
    'kind.Goal': '目标',
    'filter.kinds': '显示类型',
    'legend.title': '图例',
    'legend.lead': '牵头',
    'legend.support': '配合',
    'legend.other': '其他关系',
    'graph.fit': '适应窗口',
    'graph.zoomIn': '放大',
    'graph.zoomOut': '缩小',
    'graph.relayout': '重新布局',
    'graph.clear': '清空',
    'graph.png': '导出 PNG',
    'graph.graphml': '导出 GraphML',
    'graph.json': '导出 JSON',
    'graph.empty': '搜索并选择一个节点，图谱会显示它的关联。点击节点展开。',
    'graph.stats': '{nodes} 个节点，{edges} 条关系，其中任务 {tasks} 个',
    'graph.nodeList': '图中节点',
    'details.title': '详情',
    'details.empty': '选择一个节点查看详情。',
    'details.loading': '加载中…',
    'details.text': '任务内容',
    'details.source': '原文位置',
    'details.sourceLine': '原文第 {line} 行',
    'details.sectionPath': '所属章节',
    'details.document': '所属文件',
    'details.deadline': '完成时限',
    'details.units': '责任单位',
    'details.policies': '涉及政策',
    'details.projects': '涉及项目',
    'details.tasks': '任务',
    'details.tasksBySection': '任务（按章节，牵头在前）',
    'details.workload': '工作量',
    'details.workloadLine': '共 {total} 项：牵头 {lead}，配合 {support}',
    'details.partners': '常合作单位',
    'details.shared': '共同任务 {n}',
    'details.aliases': '又称',
    'details.hostedBy': '设在',
    'details.kind': '类别',
    'details.level': '层级',
    'details.docNumber': '文号',
    'details.amount': '金额',
    'details.issuer': '发文机关',
    'details.subsections': '下级章节',
    'details.expand': '在图中展开',
    'details.inferred': '（推定）',
    'details.inferredHint': '推定：原文未写明牵头单位，按惯例以第一个列出的单位为牵头单位。',
    'role.LEAD': '牵头',
    'role.SUPPORT': '配合',
    'workload.title': '单位工作量排名',
    'workload.document': '文件',
    'workload.section': '章节',
    'workload.all': '全部',
    'workload.top': '显示前',
    'workload.unit': '单位',
    'workload.total': '合计',
    'workload.lead': '牵头',
    'workload.support': '配合',
    'workload.rank': '排名',
    'workload.place': '地方',
    'workload.csv': '导出 CSV',
    'workload.xlsx': '导出 Excel',
    'workload.matrix': '单位 × 单位 共同任务矩阵',
    'workload.matrixHint': '格中数字为两单位共同承担的任务数（前 {n} 个单位）',
    'workload.table': '排名表',
    'workload.matrixSheet': '共同任务矩阵',
    'workload.none': '所选范围内没有任务',
    'enum.PolicyKind.DOCUMENT': '文件类',
    'enum.PolicyKind.FUNDING': '资金类',
    'enum.PolicyKind.LAND': '用地类',
    'enum.PolicyKind.OTHER': '其他',
    'enum.UnitKind.PARTY': '党委部门',
    'enum.UnitKind.GOVERNMENT': '政府部门',
    'enum.UnitKind.INSTITUTION': '事业单位',
    'enum.UnitKind.PARK': '园区',
    'enum.UnitKind.TOWN': '镇',
    'enum.UnitKind.BRANCH': '派驻机构',
    'enum.UnitKind.COLLECTIVE': '统称',
    'enum.UnitKind.GROUP': '议事协调机构',
    'enum.UnitKind.OTHER': '其他',
    'enum.UnitLevel.NATIONAL': '国家',
    'enum.UnitLevel.PROVINCE': '省',
    'enum.UnitLevel.CITY': '市',
    'enum.UnitLevel.COUNTY': '县',
    'enum.UnitLevel.TOWN': '镇',
    'enum.project.energy': '能源',
    'enum.project.transport': '交通',
    'enum.project.water': '水利',
    'enum.project.health': '医疗卫生',
    'enum.project.education': '教育',
    'enum.project.ecology': '生态',
    'enum.project.culture': '文化旅游',
    'enum.project.industry': '产业',
    'error.prefix': '出错了：',
    'error.network': '无法连接服务器，请检查服务是否在运行',
    'error.http': '服务器出错（{status}），请稍后再试',
    'error.busy': '服务器正忙，请稍后再试',
  },
  en: {
    'app.title': 'Duty graph',
    'tab.explorer': 'Graph',
    'tab.workload': 'Workload',
    'nav.graphiql': 'GraphQL IDE',
    'lang.switch': '中文',
    'search.label': 'Search units, tasks, policies, projects',
    'search.placeholder': 'A name or short name, e.g. 发改局',
    'search.none': 'Nothing found',
    'search.short': 'Type at least 2 characters',
    'search.count': '{n} results',
    'kind.Unit': 'Unit',
    'kind.Task': 'Task',
    'kind.Policy': 'Policy',
    'kind.Project': 'Project',
    'kind.Section': 'Section',
    'kind.Document': 'Document',
    'kind.Goal': 'Goal',
    'filter.kinds': 'Show kinds',
    'legend.title': 'Legend',
    'legend.lead': 'Lead',
    'legend.support': 'Support',
    'legend.other': 'Other link',
    'graph.fit': 'Fit',
    'graph.zoomIn': 'Zoom in',
    'graph.zoomOut': 'Zoom out',
    'graph.relayout': 'Re-layout',
    'graph.clear': 'Clear',
    'graph.png': 'Export PNG',
    'graph.graphml': 'Export GraphML',
    'graph.json': 'Export JSON',
    'graph.empty': 'Search and choose a node to see what it is linked to. Click a node to expand it.',
    'graph.stats': '{nodes} nodes, {edges} links, {tasks} of them tasks',
    'graph.nodeList': 'Nodes in the graph',
    'details.title': 'Details',
    'details.empty': 'Choose a node to see its details.',
    'details.loading': 'Loading…',
    'details.text': 'Task',
    'details.source': 'Source',
    'details.sourceLine': 'line {line} of the file',
    'details.sectionPath': 'Section',
    'details.document': 'Document',
    'details.deadline': 'Deadline',
    'details.units': 'Responsible units',
    'details.policies': 'Policies',
    'details.projects': 'Projects',
    'details.tasks': 'Tasks',
    'details.tasksBySection': 'Tasks by section, lead first',
    'details.workload': 'Workload',
    'details.workloadLine': '{total} tasks: {lead} lead, {support} support',
    'details.partners': 'Frequent partners',
    'details.shared': '{n} shared',
    'details.aliases': 'Also called',
    'details.hostedBy': 'Hosted by',
    'details.kind': 'Kind',
    'details.level': 'Level',
    'details.docNumber': 'Number',
    'details.amount': 'Amount',
    'details.issuer': 'Issuer',
    'details.subsections': 'Subsections',
    'details.expand': 'Expand in graph',
    'details.inferred': ' (inferred)',
    'details.inferredHint': 'Inferred: the plan did not say who leads, so the first listed unit is taken as lead.',
    'role.LEAD': 'Lead',
    'role.SUPPORT': 'Support',
    'workload.title': 'Units ranked by workload',
    'workload.document': 'Document',
    'workload.section': 'Section',
    'workload.all': 'All',
    'workload.top': 'Show top',
    'workload.unit': 'Unit',
    'workload.total': 'Total',
    'workload.lead': 'Lead',
    'workload.support': 'Support',
    'workload.rank': 'Rank',
    'workload.place': 'Place',
    'workload.csv': 'Export CSV',
    'workload.xlsx': 'Export Excel',
    'workload.matrix': 'Unit × unit shared tasks',
    'workload.matrixHint': 'Each cell counts the tasks two units share (top {n} units)',
    'workload.table': 'Ranking',
    'workload.matrixSheet': 'Shared tasks',
    'workload.none': 'No tasks in this selection',
    'enum.PolicyKind.DOCUMENT': 'document',
    'enum.PolicyKind.FUNDING': 'funding',
    'enum.PolicyKind.LAND': 'land',
    'enum.PolicyKind.OTHER': 'other',
    'enum.UnitKind.PARTY': 'party organ',
    'enum.UnitKind.GOVERNMENT': 'government department',
    'enum.UnitKind.INSTITUTION': 'public institution',
    'enum.UnitKind.PARK': 'park',
    'enum.UnitKind.TOWN': 'town',
    'enum.UnitKind.BRANCH': 'branch office',
    'enum.UnitKind.COLLECTIVE': 'collective name',
    'enum.UnitKind.GROUP': 'coordinating group',
    'enum.UnitKind.OTHER': 'other',
    'enum.UnitLevel.NATIONAL': 'national',
    'enum.UnitLevel.PROVINCE': 'province',
    'enum.UnitLevel.CITY': 'city',
    'enum.UnitLevel.COUNTY': 'county',
    'enum.UnitLevel.TOWN': 'town',
    'enum.project.energy': 'energy',
    'enum.project.transport': 'transport',
    'enum.project.water': 'water',
    'enum.project.health': 'health',
    'enum.project.education': 'education',
    'enum.project.ecology': 'ecology',
    'enum.project.culture': 'culture and tourism',
    'enum.project.industry': 'industry',
    'error.prefix': 'Error: ',
    'error.network': 'Cannot reach the server: is it running?',
    'error.http': 'The server failed ({status}); try again later',
    'error.busy': 'The server is busy; try again later',
  },
};

const listeners = [];
let current = 'zh';

/** The current language, "zh" or "en". */
export function lang() {
  return current;
}

/**
 * The text for `key` in the current language, with {name} placeholders filled.
 * @param {string} key
 * @param {Record<string, string | number>} [params]
 */
export function t(key, params = {}) {
  const text = STRINGS[current][key] ?? STRINGS.zh[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => String(params[name] ?? ''));
}

/**
 * An enum value in words: `enumText('PolicyKind', 'FUNDING')` is 资金类. A value this
 * explorer does not know yet is shown as the server sent it rather than hidden.
 * @param {string} type
 * @param {string | null | undefined} value
 */
export function enumText(type, value) {
  if (!value) return '';
  const key = `enum.${type}.${value}`;
  return key in STRINGS[current] || key in STRINGS.zh ? t(key) : value;
}

/** Calls `fn` after every language change. */
export function onLanguageChange(fn) {
  listeners.push(fn);
}

/** Switches the language, relabels the static page and tells the dynamic views. */
export function setLanguage(code) {
  current = code in STRINGS ? code : 'zh';
  document.documentElement.lang = current === 'zh' ? 'zh-CN' : 'en';
  localStorage.setItem('dutygraph.lang', current);
  applyStatic(document);
  for (const fn of listeners) fn(current);
}

/** The language asked for by ?lang=, else the last one chosen, else Chinese. */
export function initialLanguage() {
  const asked = new URLSearchParams(window.location.search).get('lang');
  return asked || localStorage.getItem('dutygraph.lang') || 'zh';
}

function applyStatic(root) {
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll('[data-i18n-placeholder]')) {
    el.placeholder = t(el.dataset.i18nPlaceholder);
  }
  for (const el of root.querySelectorAll('[data-i18n-title]')) {
    el.title = t(el.dataset.i18nTitle);
    el.setAttribute('aria-label', el.title);
  }
  document.title = `dutygraph · ${t('app.title')}`;
}
