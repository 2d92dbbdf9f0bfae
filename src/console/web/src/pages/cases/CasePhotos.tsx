import { useState } from 'react';
import { Alert, App, Button, Empty, Image, Space, Tag, Typography, Upload } from 'antd';
import { PHOTO_UPLOAD_MAX_BYTES, PHOTO_UPLOAD_TYPES, type CaseDetail, type PhotoPublicState } from '../../../../contract.js';
import { api, ApiError, upload } from '../../api.js';
import { dateTime } from '../../format.js';
import { useAction } from '../../hooks.js';
import { useSession } from '../../session.js';

/** whether the public case page (/c/:number) shows the photo */
const STATES: Record<PhotoPublicState, { label: string; color: string }> = {
  shown: { label: '公开中', color: 'green' },
  pending: { label: '待审核', color: 'gold' },
  hidden: { label: '已隐藏', color: 'default' },
};

/** residents' photos waiting for a staff member's look (for the tab's label) */
export const pendingPhotos = (d: CaseDetail): number => d.photos.filter((p) => p.publicState === 'pending').length;

/**
 * 照片: staff see every photo. A resident's photo may show faces, number plates or the inside of a
 * home, so the public page shows it only after staff 公开 it; 隐藏 takes it off again. Staff uploads
 * are public at once. Accounts without publish (deputies, auditors, units) see the states but decide nothing (no buttons; the server says 403).
 */
export function CasePhotos({ d, onChanged }: { d: CaseDetail; onChanged: () => void }) {
  const { me } = useSession();
  const { busy, run } = useAction();
  const uploader = me.can.uploadPhotos && <PhotoUpload caseId={d.case.id} onUploaded={onChanged} />;
  if (d.photos.length === 0)
    return (
      <>
        {uploader}
        <Empty description="没有照片" />
      </>
    );
  const pending = pendingPhotos(d);
  const decide = async (mediaId: number, publicState: 'shown' | 'hidden') => {
    const r = await run(
      () => api('casePhotoState', { params: { id: d.case.id, mediaId }, body: { publicState } }),
      publicState === 'shown' ? '已公开：公开页显示这张照片' : '已隐藏：公开页不再显示这张照片',
    );
    if (r) onChanged();
  };
  return (
    <>
      {uploader}
      {pending > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={`${pending} 张居民照片待审核`}
          description="公开前请看一眼：人脸、车牌、室内等不宜公开的照片请隐藏。未审核的照片不会出现在公开页。"
          data-testid="photos-pending"
        />
      )}
      <Image.PreviewGroup>
        <Space wrap align="start">
          {d.photos.map((p) => {
            const state = STATES[p.publicState];
            return (
              <div key={p.id} className="photo" data-testid={`photo-${p.id}`}>
                <Image src={p.url} width={160} height={120} style={{ objectFit: 'cover' }} alt={`照片 ${p.id}`} />
                <div className="muted">
                  {p.source === 'staff' ? '工作人员' : '居民'} · {dateTime(p.createdAt)}
                </div>
                <Space size={4} style={{ marginTop: 4 }}>
                  <Tag color={state.color} data-testid="photo-state">
                    {state.label}
                  </Tag>
                  {me.can.publish && (
                    <>
                      <Button size="small" disabled={busy || p.publicState === 'shown'} onClick={() => void decide(p.id, 'shown')} data-testid="photo-show">
                        公开
                      </Button>
                      <Button size="small" danger disabled={busy || p.publicState === 'hidden'} onClick={() => void decide(p.id, 'hidden')} data-testid="photo-hide">
                        隐藏
                      </Button>
                    </>
                  )}
                </Space>
                {p.moderatedBy && (
                  <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                    {p.moderatedBy.name} · {dateTime(p.moderatedAt)}
                  </Typography.Text>
                )}
              </div>
            );
          })}
        </Space>
      </Image.PreviewGroup>
    </>
  );
}

const MAX_MB = PHOTO_UPLOAD_MAX_BYTES / 1024 / 1024;

/**
 * 上传照片: a staff photo (the work done, the wish delivered), sent as the raw image (POST
 * /cases/:id/photos) and shown on the public case page at once. The type and size are checked
 * here for a quick answer; the server checks the bytes themselves.
 */
function PhotoUpload({ caseId, onUploaded }: { caseId: number; onUploaded: () => void }) {
  const { message } = App.useApp();
  const [sending, setSending] = useState(false);
  return (
    <Space style={{ marginBottom: 12 }} wrap data-testid="photo-upload">
      <Upload
        accept={PHOTO_UPLOAD_TYPES.join(',')}
        showUploadList={false}
        beforeUpload={(file) => {
          if (!(PHOTO_UPLOAD_TYPES as readonly string[]).includes(file.type)) {
            message.error('只能上传 JPEG、PNG 或 WebP 图片');
            return Upload.LIST_IGNORE;
          }
          if (file.size > PHOTO_UPLOAD_MAX_BYTES) {
            message.error(`照片不能超过 ${MAX_MB} MB`);
            return Upload.LIST_IGNORE;
          }
          return true;
        }}
        customRequest={({ file, onSuccess, onError }) => {
          setSending(true);
          upload('casePhotoUpload', { params: { id: caseId }, file: file as Blob })
            .then((photo) => {
              onSuccess?.(photo);
              message.success('照片已上传，公开页已显示');
              onUploaded();
            })
            .catch((e: unknown) => {
              onError?.(e as Error);
              if (!(e instanceof ApiError && e.handled)) message.error(e instanceof Error ? e.message : String(e));
            })
            .finally(() => setSending(false));
        }}
      >
        <Button loading={sending}>上传照片</Button>
      </Upload>
      <Typography.Text type="secondary">工作人员上传的照片直接在公开页显示，请勿拍入人脸、门牌等个人信息。</Typography.Text>
    </Space>
  );
}
