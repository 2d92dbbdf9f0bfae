import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Form, Input, InputNumber, Modal, Select, Space, Typography, Upload, type UploadFile } from 'antd';
import { PHOTO_UPLOAD_MAX_BYTES, PHOTO_UPLOAD_TYPES, type BodyOf } from '../../../../contract.js';
import { api, ApiError, upload } from '../../api.js';
import { yuanToFen } from '../../format.js';
import { useAction, useLoad, useScope } from '../../hooks.js';
import { featuresOf, kindOptions } from '../../lifecycles.js';
import { useLifecycles } from '../../lifecycles-context.js';

/** a proposal's 项目类型: the values the server stores */
const PROJECT_TYPES = ['工程类', '服务类', '货物类'];

/** a fresh form token: the same form sent twice (a double click, a retry) files one case */
function newToken(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

interface Values {
  kind: string;
  channel: string;
  contactName?: string;
  phone?: string;
  communityId: string;
  address?: string;
  description: string;
  category?: string;
  title?: string;
  projectType?: string;
  beneficiaries?: string;
  /** 元, as staff type it */
  estimatedYuan?: number;
}

/**
 * 新建事项: a report, a proposal or a wish filed for a resident who called, came to the window, was
 * met on patrol or spoke at the 议事会. The resident's name and phone stay private (staff in scope
 * only); when they later bind that phone in the bot (「绑定 手机号」) the case is theirs. The
 * communities offered are the user's own (the server checks again); photos go up once it is filed.
 */
export function NewCaseModal({ open, onClose, onFiled }: { open: boolean; onClose: () => void; onFiled: (id: number) => void }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const { busy, run } = useAction();
  const lc = useLifecycles();
  const scope = useScope();
  const channels = useLoad((signal) => api('channels', { signal }), 'channels');
  const [token, setToken] = useState(newToken);
  const [photos, setPhotos] = useState<UploadFile[]>([]);
  const kind = Form.useWatch('kind', form);
  const f = featuresOf(lc, kind);
  // the kinds' own fields, from what each carries: a due date (a report: category, place), a budget (a proposal), a value (a wish)
  const isReport = f.due;
  const communities = useMemo(() => (scope?.streets ?? []).flatMap((s) => s.communities.map((c) => ({ value: c.id, label: scope && scope.streets.length > 1 ? `${s.name} · ${c.name}` : c.name }))), [scope]);

  useEffect(() => {
    if (open) setToken(newToken());
  }, [open]);

  const submit = async () => {
    const v = await form.validateFields();
    const body: BodyOf<'caseCreate'> = {
      kind: v.kind as BodyOf<'caseCreate'>['kind'],
      formToken: token,
      channel: v.channel,
      communityId: v.communityId,
      description: v.description.trim(),
      ...(v.contactName?.trim() ? { contactName: v.contactName.trim() } : {}),
      ...(v.phone?.trim() ? { phone: v.phone.trim() } : {}),
      ...(v.address?.trim() && !f.value ? { location: { label: v.address.trim() } } : {}),
      ...(isReport && v.category ? { category: v.category } : {}),
      ...(!isReport && v.title?.trim() ? { title: v.title.trim() } : {}),
      ...(f.budget && v.projectType ? { projectType: v.projectType } : {}),
      ...(!isReport && v.beneficiaries?.trim() ? { beneficiaries: v.beneficiaries.trim() } : {}),
      ...(!isReport && v.estimatedYuan !== undefined && v.estimatedYuan !== null ? { estimatedCost: yuanToFen(v.estimatedYuan) } : {}),
    };
    const r = await run(() => api('caseCreate', { body }), (x) => (x.created ? `已登记，编号 #${x.caseId}` : `这张表已经提交过，编号 #${x.caseId}`));
    if (!r) return;
    for (const p of photos) {
      try {
        if (p.originFileObj) await upload('casePhotoUpload', { params: { id: r.caseId }, file: p.originFileObj });
      } catch (e) {
        if (!(e instanceof ApiError && e.handled)) message.error(`照片 ${p.name} 没有上传：${e instanceof Error ? e.message : String(e)}`);
      }
    }
    form.resetFields();
    setPhotos([]);
    onFiled(r.caseId);
  };

  return (
    <Modal title="新建事项" open={open} onCancel={onClose} onOk={() => void submit()} okText="登记" confirmLoading={busy} destroyOnHidden width={600} data-testid="new-case">
      <Alert type="info" showIcon style={{ marginBottom: 12 }} message="居民的姓名和电话只有本辖区工作人员能看到。居民以后在公众号回复“绑定 手机号”，就能在“我的”里看到这件事并收到进展通知。" />
      <Form form={form} layout="vertical" initialValues={{ kind: kindOptions(lc)[0]?.value, channel: 'phone' }}>
        <Space wrap style={{ width: '100%' }} size="middle">
          <Form.Item name="kind" label="类型" rules={[{ required: true }]}>
            <Select style={{ width: 140 }} options={kindOptions(lc)} data-testid="new-kind" />
          </Form.Item>
          <Form.Item name="channel" label="登记渠道" rules={[{ required: true, message: '请选择登记渠道' }]}>
            <Select style={{ width: 160 }} options={(channels.data?.staff ?? []).map((c) => ({ value: c.id, label: c.label }))} data-testid="new-channel" />
          </Form.Item>
          <Form.Item name="communityId" label="社区" rules={[{ required: true, message: '请选择社区' }]}>
            <Select style={{ width: 200 }} showSearch optionFilterProp="label" options={communities} data-testid="new-community" />
          </Form.Item>
        </Space>
        <Space wrap style={{ width: '100%' }} size="middle">
          <Form.Item name="contactName" label="居民姓名">
            <Input maxLength={50} style={{ width: 160 }} data-testid="new-contact" />
          </Form.Item>
          <Form.Item name="phone" label="手机号" rules={[{ pattern: /^[+\d][\d\s-]{4,19}$/, message: '请填写正确的电话号码' }]}>
            <Input maxLength={20} style={{ width: 200 }} data-testid="new-phone" />
          </Form.Item>
        </Space>
        {isReport ? (
          <Form.Item name="category" label="问题类别" rules={[{ required: true, message: '请选择问题类别' }]}>
            <Select options={(scope?.categories ?? []).map((c) => ({ value: c.id, label: c.name }))} data-testid="new-category" />
          </Form.Item>
        ) : (
          <Form.Item name="title" label="标题" rules={[{ required: true, message: '请填写标题' }]}>
            <Input maxLength={60} data-testid="new-title" />
          </Form.Item>
        )}
        <Form.Item name="description" label="描述" rules={[{ required: true, message: '请填写描述' }]}>
          <Input.TextArea rows={3} maxLength={2000} data-testid="new-description" />
        </Form.Item>
        {!f.value && (
          <Form.Item name="address" label="地址" rules={[{ required: isReport, message: '请填写地址' }]}>
            <Input maxLength={200} placeholder="例如：南头古城东门" data-testid="new-address" />
          </Form.Item>
        )}
        {f.budget && (
          <Form.Item name="projectType" label="项目类型" rules={[{ required: true, message: '请选择项目类型' }]}>
            <Select options={PROJECT_TYPES.map((t) => ({ value: t, label: t }))} data-testid="new-project-type" />
          </Form.Item>
        )}
        {!isReport && (
          <Space wrap style={{ width: '100%' }} size="middle">
            <Form.Item name="beneficiaries" label="受益人群" rules={[{ required: true, message: '请填写受益人群' }]}>
              <Input maxLength={500} style={{ width: 260 }} data-testid="new-beneficiaries" />
            </Form.Item>
            <Form.Item name="estimatedYuan" label="预计费用（元）">
              <InputNumber min={0} precision={2} style={{ width: 160 }} data-testid="new-cost" />
            </Form.Item>
          </Space>
        )}
        <Form.Item label="照片">
          <Upload
            accept={PHOTO_UPLOAD_TYPES.join(',')}
            multiple
            fileList={photos}
            beforeUpload={(file) => {
              if (!(PHOTO_UPLOAD_TYPES as readonly string[]).includes(file.type) || file.size > PHOTO_UPLOAD_MAX_BYTES) {
                message.error('只能上传 JPEG、PNG 或 WebP 图片，且不超过限制大小');
                return Upload.LIST_IGNORE;
              }
              return false;
            }}
            onChange={({ fileList }) => setPhotos(fileList.slice(0, 9))}
          >
            <Button>选择照片</Button>
          </Upload>
          <Typography.Text type="secondary">照片在登记后上传，直接在公开页显示，请勿拍入人脸、门牌等个人信息。</Typography.Text>
        </Form.Item>
      </Form>
    </Modal>
  );
}
