import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import type { SessionResponse } from '../../../contract.js';
import { api, ApiError } from '../api.js';

/**
 * 登录. Wrong password, a name that must wait after too many failures (429 with the wait) and too
 * many tries from one address all come back as the server's own zh-CN words. Nothing is stored in the browser: the
 * session is an HttpOnly cookie and the CSRF token lives in memory.
 */
export function LoginPage({ onLogin }: { onLogin: (s: SessionResponse) => void }) {
  const [error, setError] = useState<{ status: number; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (v: { username: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      onLogin(await api('login', { body: v }));
    } catch (e) {
      const status = e instanceof ApiError ? e.status : 0;
      setError({ status, text: e instanceof Error ? e.message : String(e) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="login-page">
      <Card className="login-card">
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          民生微实事 · 工作台
        </Typography.Title>
        <Typography.Paragraph type="secondary">街道、社区工作人员登录</Typography.Paragraph>
        {error && (
          <Alert
            type={error.status === 429 ? 'warning' : 'error'}
            showIcon
            style={{ marginBottom: 16 }}
            title={error.status === 429 ? '登录尝试过于频繁' : error.status === 401 ? '登录失败' : '无法登录'}
            description={error.text}
            data-testid="login-error"
          />
        )}
        <Form layout="vertical" onFinish={submit} requiredMark={false} disabled={busy}>
          <Form.Item label="用户名" name="username" rules={[{ required: true, message: '请输入用户名' }]}>
            <Input autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            登录
          </Button>
        </Form>
      </Card>
    </div>
  );
}
