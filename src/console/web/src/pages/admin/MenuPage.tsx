import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Col, Input, Modal, Row, Space, Typography } from 'antd';
import type { MenuVersion, ResponseOf } from '../../../../contract.js';
import { api } from '../../api.js';
import { dateTime } from '../../format.js';
import { useAction, useLoad } from '../../hooks.js';
import { MenuEditor } from './MenuEditor.js';
import { MenuHistory } from './MenuHistory.js';
import { fromWechat, localProblems, sameMenu, toWechat, type EditButton } from './MenuModel.js';
import { MenuPreview } from './MenuPreview.js';

type State = ResponseOf<'menuState'>;

/** 公众号菜单: edit the official account's menu, save versions, publish one to WeChat. */
export function MenuPage() {
  const { message } = App.useApp();
  const state = useLoad((signal) => api('menuState', { signal }), 'menu');
  const { busy, run } = useAction();
  const [buttons, setButtons] = useState<EditButton[]>([]);
  /** the version last restored into the editor */
  const [restored, setRestored] = useState<number | null>(null);
  const [saving, setSaving] = useState(false);
  const [note, setNote] = useState('');
  const [publishing, setPublishing] = useState<MenuVersion | null>(null);

  const data: State | null = state.data;
  // a fresh state resets the editor to the draft
  useEffect(() => {
    if (!data) return;
    setButtons(fromWechat(data.draft.menu));
    setRestored(null);
  }, [data]);

  const menu = useMemo(() => toWechat(buttons), [buttons]);
  const draft = data?.draft;
  const savedDraft = draft?.source === 'saved' ? draft.version : null;
  const dirty = !!draft && !sameMenu(menu, draft.menu);
  const problems = useMemo(() => localProblems(buttons), [buttons]);
  // the server's word on the saved draft's click keys; while editing, each key has its own hint
  const shownWarnings = dirty ? [] : (draft?.warnings ?? []);

  const save = async () => {
    const r = await run(() => api('menuSave', { body: { menu, ...(note.trim() ? { note: note.trim() } : {}) } }), (x) => `已保存为版本 #${x.version.id}`);
    if (!r) return;
    setSaving(false);
    setNote('');
    // the reloaded draft is this version, with the server's word on its click keys
    state.reload();
    if (r.warnings.length) message.warning('有按钮发送的词机器人不认识，请看页面上方的提示');
  };

  const publish = async (v: MenuVersion) => {
    const r = await run(() => api('menuPublish', { params: { id: v.id } }), `版本 #${v.id} 已发布到公众号`);
    setPublishing(null);
    if (r) state.reload();
  };

  const restore = (v: MenuVersion) => {
    setButtons(fromWechat(v.menu));
    setRestored(v.id);
    message.info(`已把版本 #${v.id} 载入编辑器，保存后成为新版本`);
  };

  if (!data) return <Typography.Text type="secondary">{state.loading ? '加载中…' : (state.error ?? '')}</Typography.Text>;
  const published = data.published;
  const draftIsLive = !!savedDraft && savedDraft.live;

  return (
    <div>
      <Space orientation="vertical" size={8} style={{ width: '100%', marginBottom: 12 }}>
        <Alert
          type={published ? 'success' : 'info'}
          showIcon
          data-testid="menu-status"
          title={
            published
              ? `公众号当前菜单：版本 #${published.id}${published.note ? `（${published.note}）` : ''}，${published.publishedBy ?? '—'} 于 ${dateTime(published.publishedAt)} 发布`
              : '还没有从工作台发布过菜单（公众号上可能是用 npm run menu:apply 设置的菜单）'
          }
          description={
            draft?.source === 'file'
              ? '工作台里还没有保存过菜单，编辑器里是 config/menu.yaml 的内容。保存后成为第一个版本。'
              : savedDraft && !savedDraft.live
                ? `最新保存的版本 #${savedDraft.id} 尚未发布。`
                : undefined
          }
        />
        {draft?.fileProblem && <Alert type="error" showIcon title={draft.fileProblem} />}
        {!data.canPublish && <Alert type="warning" showIcon title="微信接口暂不可用，可以编辑和保存，暂时不能发布。" />}
        {shownWarnings.length > 0 && (
          <Alert
            type="warning"
            showIcon
            data-testid="menu-warnings"
            title="这些按钮发送的词机器人不认识（仍可保存和发布）："
            description={
              <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                {shownWarnings.map((w) => (
                  <li key={w}>{w}</li>
                ))}
              </ul>
            }
          />
        )}
      </Space>

      <div className="table-toolbar">
        <Typography.Text type="secondary">{dirty ? `有未保存的修改${restored !== null ? `（载入自版本 #${restored}）` : ''}` : '编辑器里是最新保存的内容'}</Typography.Text>
        <Space wrap>
          <Button disabled={!dirty || busy} onClick={() => {
              setButtons(fromWechat(data.draft.menu));
              setRestored(null);
            }}>
            撤销修改
          </Button>
          <Button type="primary" ghost disabled={busy} onClick={() => setSaving(true)} data-testid="menu-save">
            保存
          </Button>
          <Button
            type="primary"
            disabled={busy || dirty || !savedDraft || draftIsLive || !data.canPublish}
            title={dirty ? '请先保存修改' : draftIsLive ? '这个版本已是公众号当前菜单' : undefined}
            onClick={() => savedDraft && setPublishing(savedDraft)}
            data-testid="menu-publish"
          >
            发布到公众号
          </Button>
        </Space>
      </div>

      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          {problems.length > 0 && (
            <Alert
              type="error"
              showIcon
              style={{ marginBottom: 12 }}
              title="微信不会接受现在的菜单："
              description={
                <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                  {problems.map((p) => (
                    <li key={p}>{p}</li>
                  ))}
                </ul>
              }
              data-testid="menu-problems"
            />
          )}
          <MenuEditor buttons={buttons} onChange={setButtons} words={data.words} />
        </Col>
        <Col xs={24} lg={10}>
          <div style={{ position: 'sticky', top: 16 }}>
            <Typography.Title level={5} style={{ textAlign: 'center' }}>
              预览
            </Typography.Title>
            <MenuPreview menu={menu} />
          </div>
        </Col>
      </Row>

      <Typography.Title level={5} style={{ marginTop: 24 }}>
        历史版本
      </Typography.Title>
      <MenuHistory versions={data.history} loading={state.loading} busy={busy} canPublish={data.canPublish} onRestore={restore} onPublish={(v) => void publish(v)} />

      <Modal
        title="保存菜单"
        open={saving}
        onCancel={() => setSaving(false)}
        footer={
          <Space>
            <Button onClick={() => setSaving(false)}>取消</Button>
            <Button type="primary" loading={busy} onClick={() => void save()} data-testid="menu-save-ok">
              保存
            </Button>
          </Space>
        }
      >
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Text type="secondary">保存为新版本（之前的版本都会保留）。保存不会改变公众号上的菜单，发布后才会。</Typography.Text>
          <Input value={note} onChange={(e) => setNote(e.target.value)} maxLength={100} showCount placeholder="备注：改了什么（可不填）" data-testid="menu-note" />
        </Space>
      </Modal>

      <Modal
        title="发布到公众号"
        open={publishing !== null}
        onCancel={() => setPublishing(null)}
        footer={
          <Space>
            <Button onClick={() => setPublishing(null)}>取消</Button>
            <Button type="primary" loading={busy} onClick={() => publishing && void publish(publishing)} data-testid="menu-publish-ok">
              确认发布
            </Button>
          </Space>
        }
      >
        {publishing && (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Typography.Text>
              把版本 #{publishing.id}
              {publishing.note ? `（${publishing.note}）` : ''}发布到公众号？居民看到的菜单会被替换。
            </Typography.Text>
            <Typography.Text type="secondary">微信客户端会缓存菜单，居民可能要过几分钟、或重新进入公众号后才看到新菜单。</Typography.Text>
            <MenuPreview menu={publishing.menu} testId="menu-publish-preview" />
          </Space>
        )}
      </Modal>
    </div>
  );
}
