import { Image, List, Space, Typography } from 'antd';
import { PHOTO_UPLOAD_MAX_BYTES, PHOTO_UPLOAD_TYPES, type DeliveryPanel } from '../../../../../contract.js';
import { routeUrl, upload } from '../../../api.js';
import { date } from '../../../format.js';
import { useAction } from '../../../hooks.js';
import { FileButton } from './FileButton.js';

/** 进度照片: each milestone with its photos, and a photo added to one (shown on the public page at once) */
export function MilestonePhotos({ caseId, panel, canWrite, onSaved }: { caseId: number; panel: DeliveryPanel; canWrite: boolean; onSaved: (p: DeliveryPanel) => void }) {
  const { run } = useAction();
  return (
    <List
      size="small"
      locale={{ emptyText: '还没有实施进度（在“办理”里登记）' }}
      dataSource={panel.milestones}
      data-testid="milestones"
      renderItem={(m) => (
        <List.Item
          data-testid="milestone"
          actions={
            canWrite
              ? [
                  <FileButton
                    key="up"
                    label="上传进度照片"
                    testid="milestone-photo-file"
                    types={PHOTO_UPLOAD_TYPES}
                    maxBytes={PHOTO_UPLOAD_MAX_BYTES}
                    send={(file) => run(() => upload('caseMilestonePhoto', { params: { id: caseId, milestoneId: m.id }, file }), '进度照片已上传，公开页已显示').then((r) => r && onSaved(r))}
                  />,
                ]
              : []
          }
        >
          <Space orientation="vertical">
            <span>
              {date(m.date)} · 完成 {m.percent}% · <span className="pre">{m.note}</span>
            </span>
            {m.photoIds.length ? (
              <Image.PreviewGroup>
                <Space wrap data-testid="milestone-photos">
                  {m.photoIds.map((id) => (
                    <Image key={id} width={72} height={72} style={{ objectFit: 'cover' }} src={routeUrl('casePhoto', { id: caseId, mediaId: id })} />
                  ))}
                </Space>
              </Image.PreviewGroup>
            ) : (
              <Typography.Text type="secondary">没有照片</Typography.Text>
            )}
          </Space>
        </List.Item>
      )}
    />
  );
}
