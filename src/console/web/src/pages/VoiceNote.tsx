import { useEffect, useState } from 'react';
import { Button, Input, Space, Tag, Typography } from 'antd';
import type { Voice } from '../../../contract.js';
import { api, routeUrl } from '../api.js';
import { dateTime } from '../format.js';
import { useAction } from '../hooks.js';
import { useSession } from '../session.js';

const SOURCE: Record<NonNullable<Voice['transcriptSource']>, { label: string; color: string }> = {
  wechat: { label: '机器转写（微信）', color: 'purple' },
  recogniser: { label: '机器转写', color: 'purple' },
  staff: { label: '工作人员改正', color: 'green' },
};

const seconds = (ms: number) => `${Math.max(1, Math.round(ms / 1000))}″`;

/**
 * A resident's voice: played here (the MP3 fetched with the session, then handed to <audio>, so
 * every browser plays it whole), its words marked by who wrote them (a machine's may be wrong), and
 * corrected by inbox staff. Everything is React text: the words stay characters, never markup.
 */
export function VoiceNote({ voice, onChanged }: { voice: Voice; onChanged?: (v: Voice) => void }) {
  const { me } = useSession();
  const { busy, run } = useAction();
  const [v, setV] = useState(voice);
  const [src, setSrc] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  useEffect(() => setV(voice), [voice]);
  useEffect(() => () => (src ? URL.revokeObjectURL(src) : undefined), [src]);

  const play = async () => {
    setLoading(true);
    try {
      const res = await fetch(routeUrl('voiceAudio', { id: v.id }), { credentials: 'same-origin' });
      if (res.ok) setSrc(URL.createObjectURL(await res.blob()));
    } finally {
      setLoading(false);
    }
  };
  const save = async () => {
    if (editing === null || !editing.trim()) return;
    const r = await run(() => api('voiceTranscript', { params: { id: v.id }, body: { transcript: editing.trim() } }), '已保存改正的文字');
    if (r) {
      setV(r);
      setEditing(null);
      onChanged?.(r);
    }
  };
  const source = v.transcriptSource ? SOURCE[v.transcriptSource] : undefined;
  return (
    <div className="voice-note" data-testid="voice-note">
      <Space wrap>
        {src ? (
          <audio controls autoPlay src={src} data-testid="voice-audio" />
        ) : (
          <Button size="small" onClick={() => void play()} loading={loading} data-testid="voice-play">
            ▶ 播放语音 {seconds(v.durationMs)}
          </Button>
        )}
        {source && <Tag color={source.color}>{source.label}</Tag>}
      </Space>
      {editing === null ? (
        <div>
          {v.transcript ? <Typography.Text data-testid="voice-transcript">{v.transcript}</Typography.Text> : <Typography.Text type="secondary">（没有文字，请收听）</Typography.Text>}
          {v.transcriptSource === 'staff' && v.machineTranscript && (
            <div className="muted">
              机器原文：{v.machineTranscript}（{v.correctedByName ?? ''} {v.correctedAt ? dateTime(v.correctedAt) : ''}）
            </div>
          )}
          {me.can.inbox && (
            <Button type="link" size="small" onClick={() => setEditing(v.transcript ?? '')} data-testid="voice-edit">
              {v.transcript ? '改正文字' : '写下听到的内容'}
            </Button>
          )}
        </div>
      ) : (
        <Space.Compact style={{ width: '100%' }}>
          <Input.TextArea autoSize value={editing} maxLength={2000} onChange={(e) => setEditing(e.target.value)} data-testid="voice-input" />
          <Button type="primary" onClick={() => void save()} loading={busy} disabled={!editing.trim()}>
            保存
          </Button>
          <Button onClick={() => setEditing(null)}>取消</Button>
        </Space.Compact>
      )}
    </div>
  );
}
