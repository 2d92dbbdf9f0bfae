import { z } from 'zod';

/**
 * The fields of console requests in the words of the forms staff fill in. Every field of every
 * route's body and query, and of every lifecycle move's data, has words here (tests/console/forms.test.ts).
 */
export const FIELD_NAMES: Readonly<Record<string, string>> = {
  assignee: '承办人',
  unit: '承办单位',
  accepted: '是否采纳',
  answer: '答复',
  dueAt: '办理时限',
  department: '转办部门',
  publicNote: '公开说明',
  internalNote: '内部备注',
  transcript: '语音的文字',
  note: '进度说明',
  percent: '完成百分比',
  date: '日期',
  duplicateOf: '合并到的事项编号',
  ids: '事项编号',
  to: '目标状态',
  from: '原状态',
  data: '办理信息',
  reason: '理由',
  approvedCost: '确定经费',
  actualCost: '实际支出',
  batch: '批次',
  overrideReason: '超出预算的理由',
  caseIds: '事项编号',
  theme: '主题分类',
  year: '年度',
  groupBy: '分组方式',
  per: '统计层级',
  publicityStart: '公示开始',
  publicityEnd: '公示结束',
  acceptanceNote: '验收说明',
  implementerKind: '实施方式',
  implementerName: '实施单位',
  contractAmount: '合同金额',
  plannedStart: '计划开工',
  plannedEnd: '计划完工',
  actualStart: '实际开工',
  actualEnd: '实际完工',
  acceptedOn: '验收日期',
  acceptedBy: '验收单位',
  result: '验收结论',
  notes: '验收意见',
  evaluator: '评估机构',
  evaluatedOn: '评估日期',
  score: '评估得分',
  summary: '评估结论',
  text: '内容',
  username: '用户名',
  password: '密码',
  currentPassword: '当前密码',
  newPassword: '新密码',
  displayName: '姓名',
  role: '角色',
  streetId: '街道',
  streetIds: '街道',
  name: '名称',
  communityId: '社区',
  keyword: '关键词',
  match: '匹配方式',
  replyType: '回复类型',
  content: '回复内容',
  enabled: '启用',
  disabled: '停用',
  status: '状态',
  kind: '类型',
  category: '类别',
  page: '页码',
  pageSize: '每页条数',
  sort: '排序',
  order: '排序方向',
  q: '搜索词',
  hours: '小时数',
  assignable: '可接单',
  publicName: '对居民显示的称呼',
  unlock: '解除锁定',
  mine: '只看我的',
  assigneeId: '接待人员',
  overdue: '超期',
  photosPending: '照片待审核',
  textPending: '公开文字待审核',
  publicState: '公开状态',
  source: '资金来源',
  funder: '出资方',
  amount: '金额',
  staffId: '工作人员',
  action: '操作',
  target: '对象',
  menu: '菜单',
  title: '标题',
  description: '描述',
  claimId: '认领申请',
  claimerName: '认领方名称',
  claimerType: '认领方类型',
  contactName: '联系人',
  formToken: '表单标识',
  channel: '登记渠道',
  phone: '手机号',
  location: '位置',
  lat: '纬度',
  lng: '经度',
  label: '地址',
  projectType: '项目类型',
  beneficiaries: '受益人群',
  estimatedCost: '预计费用',
  contactPhone: '联系电话',
  heldOn: '议事会日期',
  attendees: '参会人数',
  party: '社区党组织人数',
  committee: '居委会人数',
  workstation: '工作站人数',
  residents: '居民代表人数',
  experts: '专家人数',
  deputies: '人大代表/政协委员人数',
  decisions: '议事会决定',
  caseId: '提议编号',
  outcome: '决定结果',
  votes: '表决票数',
  for: '同意票数',
  against: '反对票数',
  abstain: '弃权票数',
};

/** the field an issue is about: its last named path segment, in zh-CN when known */
function fieldName(path: readonly PropertyKey[]): string | undefined {
  const key = [...path].reverse().find((k): k is string => typeof k === 'string');
  return key === undefined ? undefined : (FIELD_NAMES[key] ?? key);
}

const zhCN = z.locales.zhCN().localeError;
const localised = (issue: z.core.$ZodIssue): string => {
  const r = zhCN(issue as unknown as Parameters<typeof zhCN>[0]);
  return (typeof r === 'string' ? r : r?.message) ?? issue.message;
};

/** a refinement's own words ("publicNote or internalNote") with the fields named in zh-CN */
const named = (message: string): string =>
  message.replace(/\b[a-zA-Z]+\b/g, (w) => FIELD_NAMES[w] ?? w).replace(/\s+or\s+/g, '或');

/** one issue in a sentence staff read: 承办人不能为空, 公开说明不能超过 500 个字 … */
export function issueMessage(issue: z.core.$ZodIssue): string {
  const field = fieldName(issue.path);
  if (!field) return issue.code === 'custom' ? named(issue.message) : localised(issue);
  switch (issue.code) {
    case 'invalid_type':
      // parsed with reportInput: an issue without `input` is about a value that is not there
      return 'input' in issue && issue.input !== undefined ? `${field}的格式不对` : `缺少${field}`;
    case 'too_small':
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? `${field}不能为空` : `${field}至少 ${issue.minimum} 个字`;
      if (issue.origin === 'array') return `${field}至少要有 ${issue.minimum} 项`;
      return `${field}不能小于 ${issue.minimum}`;
    case 'too_big':
      if (issue.origin === 'string') return `${field}不能超过 ${issue.maximum} 个字`;
      if (issue.origin === 'array') return `${field}最多 ${issue.maximum} 项`;
      return `${field}不能大于 ${issue.maximum}`;
    case 'invalid_value':
    case 'invalid_format':
    case 'invalid_union':
      return `${field}的取值不对`;
    default:
      return `${field}：${localised(issue)}`;
  }
}

/** the first issue of a failed parse, as the message of a 400 */
export const invalidRequestMessage = (error: z.ZodError): string =>
  `请求有误：${error.issues[0] ? issueMessage(error.issues[0]) : '格式不对'}`;
