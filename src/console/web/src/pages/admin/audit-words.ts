/**
 * The audit log in staff words: what was done (case.reassign → 改派社区) and to what (case:12 →
 * 事项 #12). Every action src/console writes has words here (tests/console/forms.test.ts reads the
 * sources for them); an unknown one still shows, as its key, rather than vanish.
 */
export const AUDIT_ACTIONS: Readonly<Record<string, string>> = {
  'auth.login': '登录',
  'auth.logout': '退出',
  'auth.login_failed': '登录失败',
  'auth.locked': '账号锁定',
  'auth.login_locked': '锁定中尝试登录',
  'auth.login_throttled': '登录过于频繁被拒',
  'auth.password_changed': '修改密码',
  'auth.password_change_failed': '修改密码失败',
  'case.transition': '变更状态',
  'case.assign': '指派',
  'case.transfer': '转办',
  'case.reassign': '改派社区',
  'case.create': '代为登记',
  'case.supervise': '督办',
  'case.objection': '答复公示异议',
  'council.meeting': '记录议事会决定',
  'council.minutes': '上传议事会纪要',
  'budget.envelope': '设定年度预算',
  'batch.create': '新建批次',
  'batch.add': '放入批次',
  'batch.remove': '移出批次',
  'batch.publish': '公布批次',
  'case.merge': '合并',
  'case.note': '备注',
  'voice.transcript': '改正语音文字',
  'case.milestone': '实施进度',
  'case.photo': '照片公开/隐藏',
  'case.photo_upload': '上传照片',
  'case.public_text': '审核公开文字',
  'case.funding_add': '添加资金来源',
  'case.funding_remove': '删除资金来源',
  'case.export': '导出',
  'case.theme': '主题分类',
  'case.delivery': '实施信息',
  'case.acceptance': '登记验收',
  'case.acceptance_document': '上传验收记录',
  'case.milestone_photo': '上传进度照片',
  'case.evaluation': '登记第三方评估',
  'case.evaluation_report': '上传评估报告',
  'figures.export': '导出报表',
  'ticket.claim': '接单',
  'ticket.assign': '指派会话',
  'ticket.reply': '回复居民',
  'ticket.notify': '模板通知',
  'ticket.note': '会话备注',
  'ticket.resolve': '结束会话',
  'keyword_reply.create': '新增关键词',
  'keyword_reply.update': '修改关键词',
  'keyword_reply.delete': '删除关键词',
  'menu.save': '保存菜单',
  'menu.publish': '发布菜单',
  'menu.publish_failed': '发布菜单失败',
  'menu.apply': '命令行发布菜单',
  'staff.create': '新增账号',
  'staff.update': '修改账号',
  'open311_key.create': '新建接口密钥',
  'open311_key.revoke': '吊销接口密钥',
  'open311.request': '外部系统提交事项',
};

/** what an audit row is about, by the prefix of its target (case:12, username:alice, cases) */
export const AUDIT_TARGETS: Readonly<Record<string, string>> = {
  case: '事项',
  council: '议事会',
  budget_envelope: '年度预算',
  batch: '批次',
  cases: '事项列表',
  ticket: '会话',
  staff: '账号',
  username: '用户名',
  keyword_reply: '关键词回复',
  wechat_menu: '菜单版本',
  voice: '语音',
  open311_key: '接口密钥',
};

/** targets named by a number (事项 #12); the rest by a name (用户名 alice) */
const NUMBERED = new Set(['case', 'council', 'batch', 'ticket', 'staff', 'keyword_reply', 'wechat_menu', 'voice', 'open311_key']);

export const actionWords = (action: string): string => AUDIT_ACTIONS[action] ?? action;

/** case:12 → 事项 #12, username:alice → 用户名 alice, cases → 事项列表; unknown prefixes as stored */
export function targetWords(target: string): string {
  const i = target.indexOf(':');
  const kind = i < 0 ? target : target.slice(0, i);
  const words = AUDIT_TARGETS[kind];
  if (!words) return target;
  if (i < 0) return words;
  const rest = target.slice(i + 1);
  return NUMBERED.has(kind) ? `${words} #${rest}` : `${words} ${rest}`;
}

/** the target filter's choices: the kinds of thing a row can be about, and the stored target of one of them */
export const targetKinds = (): { value: string; label: string }[] =>
  Object.entries(AUDIT_TARGETS)
    .filter(([k]) => k !== 'cases')
    .map(([value, label]) => ({ value, label }));

/** 事项 + 12 → case:12; a number-named kind takes digits only (#12 is fine), undefined when there is nothing to look for */
export function targetOf(kind: string, value: string): string | undefined {
  const v = NUMBERED.has(kind) ? value.replace(/^#/, '').trim() : value.trim();
  if (!v || (NUMBERED.has(kind) && !/^\d+$/.test(v))) return undefined;
  return `${kind}:${v}`;
}
