import { maskPhones, statusLabel, type PublicCase } from '../civic/index.js';
import { formatMoney } from '../runtime/format.js';
import { daysUntil, formatDate, formatDateTime, formatRange } from './dates.js';
import { html, type Html } from './html.js';
import { page } from './layout.js';
import type { PhotoRow, TimelineRow } from './read.js';
import { stagePath } from './stages.js';

/** GET /c/:number — one case, 三公开: where it stands, what was decided, what was done. */
export interface CasePageInput {
  c: PublicCase;
  timeline: TimelineRow[];
  /** the shown photos; null when photos are not served (no MEDIA_DIR) */
  photos: PhotoRow[] | null;
  now: Date;
  canonical: string;
}

/** free text residents typed: mobile numbers masked wherever it appears */
const t = (s: string | null | undefined): string | null => (s ? maskPhones(s) : null);

function stages(c: PublicCase, now: Date): Html {
  const s = stagePath(c.kind, c.status);
  const items = s.steps.map((label, i) => {
    const reached = i <= s.current;
    const here = i === s.current && !s.off;
    const cls = here ? 'done now' : reached ? 'done' : 'todo';
    return html`<li class="${cls}"${here ? html` aria-current="step"` : ''}>${label}${here ? html`<b>当前</b>` : ''}</li>`;
  });
  return html`<p class="state">当前状态：${c.statusLabel}</p>
<ol class="steps" aria-label="办理进度">${items}</ol>${notice(c, now)}`;
}

function notice(c: PublicCase, now: Date): Html | null {
  if (c.duplicateOf)
    return html`<p class="notice">此报修与 <a href="/c/${c.duplicateOf}">编号 ${c.duplicateOf}</a> 是同一个问题，已合并办理，请查看该编号的进展。</p>`;
  if (c.status === 'rejected' || c.status === 'declined')
    return html`<p class="notice">${c.statusLabel}${c.reason ? html`：${t(c.reason)}` : '。'}</p>`;
  if (c.status === 'reserve') return html`<p class="notice">已放入备选项目库，以后的征集轮次可能再次审核。</p>`;
  if (c.kind === 'report' && c.dueAt && !c.resolvedAt && ['submitted', 'accepted', 'in_progress'].includes(c.status)) {
    const left = daysUntil(c.dueAt, now);
    if (left < 0) return html`<p class="notice">已超过预计办结日期（${formatDate(c.dueAt, now)}），正在督办。</p>`;
  }
  return null;
}

function facts(c: PublicCase, now: Date): Html {
  const row = (k: string, v: string | number | null | undefined) =>
    v === null || v === undefined || v === '' ? '' : html`<dt>${k}</dt><dd>${v}</dd>`;
  const community = c.community ? `${c.community.name}（${c.community.streetName}）` : null;
  const onTime = c.kind === 'report' && c.resolvedAt && c.dueAt ? (c.resolvedAt <= c.dueAt ? '（按时）' : '（超时）') : '';
  return html`<section class="card"><h2>基本信息</h2><dl class="facts">
${row('编号', c.number)}
${row('类别', c.kind === 'report' ? c.categoryName : c.projectType)}
${row('社区', community)}
${row('位置', t(c.locationLabel))}
${row('受益对象', t(c.beneficiaries))}
${row('提交日期', formatDate(c.createdAt, now))}
${row(c.kind === 'report' ? '受理日期' : '确定日期', c.acceptedAt ? formatDate(c.acceptedAt, now) : null)}
${row('预计办结', c.dueAt && !c.resolvedAt ? formatDate(c.dueAt, now) : null)}
${row(c.kind === 'report' ? '办结日期' : '完成日期', c.resolvedAt ? formatDate(c.resolvedAt, now) + onTime : null)}
${row('同样反映', c.supporters > 1 ? `${c.supporters} 位居民` : null)}
</dl></section>`;
}

function budget(c: PublicCase, now: Date): Html | null {
  if (!c.budget) return null;
  return html`<section class="card"><h2>项目经费</h2><dl class="facts">
<dt>居民预估</dt><dd>${formatMoney(c.budget.estimated)}</dd>
<dt>批准预算</dt><dd>${formatMoney(c.budget.approved)}</dd>
<dt>实际支出</dt><dd>${c.budget.spent === null ? '未结算' : formatMoney(c.budget.spent)}</dd>
${c.batch ? html`<dt>批次</dt><dd>${c.batch}</dd>` : ''}
${c.publicity ? html`<dt>公示期</dt><dd>${formatRange(c.publicity.start, c.publicity.end, now)}</dd>` : ''}
</dl></section>`;
}

function progress(c: PublicCase, now: Date): Html | null {
  if (c.kind !== 'proposal' || !c.milestones.length) return null;
  const pct = c.progress ?? 0;
  const items = [...c.milestones].reverse().map(
    (m) => html`<li><time>${formatDate(m.date, now)}</time><span class="what">完成 ${m.percent}%</span><p class="text">${t(m.note)}</p></li>`,
  );
  return html`<section class="card"><h2>实施进度</h2>
<p>已完成 <strong>${pct}%</strong></p>
<progress value="${pct}" max="100">${pct}%</progress>
<ol class="line">${items}</ol></section>`;
}

function rating(c: PublicCase): Html | null {
  if (!c.rating || (c.status !== 'completed' && c.status !== 'evaluated')) return null;
  const r = c.rating;
  return html`<section class="card"><h2>居民评议</h2>${
    r.average === null
      ? html`<p>还没有居民评议。项目完成后，居民可在公众号里为它打分。</p>`
      : html`<p>平均 <strong>${r.average.toFixed(1)}</strong> 分（满分 5 分），共 ${r.count} 位居民评议。</p>`
  }</section>`;
}

/** what residents who sent a photo and find none here should know */
const REVIEW_LINE = '居民发送的照片经工作人员审核后在此公开。';

function photos(c: PublicCase, list: PhotoRow[] | null): Html | null {
  if (!list) return null;
  if (!list.length) return c.kind === 'report' ? html`<p class="meta">${REVIEW_LINE}</p>` : null;
  const img = (p: PhotoRow, i: number) => {
    const src = `/c/${c.number}/photos/${p.id}`;
    const alt = `${p.source === 'staff' ? '工作人员' : '居民'}上传的照片 ${i + 1}`;
    return html`<a href="${src}"><img src="${src}" alt="${alt}" loading="lazy"></a>`;
  };
  return html`<section class="card"><h2>照片（${list.length} 张）</h2><div class="photos">${list.map(img)}</div>
<p class="meta">点图片可看大图。${REVIEW_LINE}</p></section>`;
}

const WHAT: Record<string, string> = {
  created: '居民提交',
  milestone: '实施进度',
  transferred: '转办',
  note: '办理说明',
};

function timeline(c: PublicCase, rows: TimelineRow[], now: Date): Html {
  const items = rows.map((r) => {
    const what =
      r.type === 'status_changed' && r.toStatus
        ? statusLabel(c.kind, r.toStatus)
        : r.type === 'milestone' && r.percent !== null
          ? `实施进度 ${r.percent}%`
          : (WHAT[r.type] ?? '更新');
    return html`<li><time>${formatDateTime(r.at, now)}</time><span class="what">${what}</span>${
      r.note ? html`<p class="text">${t(r.note)}</p>` : ''
    }</li>`;
  });
  return html`<section class="card"><h2>办理记录</h2>${
    items.length ? html`<ol class="line">${items}</ol>` : html`<p class="empty">暂无记录。</p>`
  }</section>`;
}

export function casePage(p: CasePageInput): string {
  const { c, now } = p;
  const heading = t(c.title) ?? c.categoryName ?? c.kindLabel;
  const body = html`<section class="card">
<p class="meta"><span class="tag">${c.kindLabel}</span>编号 ${c.number}${c.community ? ` · ${c.community.name}` : ''}</p>
<h1>${heading}</h1>
${stages(c, now)}
</section>
<section class="card"><h2>${c.kind === 'report' ? '问题描述' : '项目内容'}</h2><p class="text">${t(c.description)}</p></section>
${facts(c, now)}
${budget(c, now)}
${progress(c, now)}
${rating(c)}
${photos(c, p.photos)}
${timeline(c, p.timeline, now)}
${c.community ? html`<p><a href="/community/${c.community.id}">查看${c.community.name}的全部项目</a></p>` : ''}`;
  return page({ title: `${c.kindLabel} ${c.number} ${heading}`, canonical: p.canonical, body });
}
