import { useRef, useState } from 'react';
import { App, Button } from 'antd';
import { DOCUMENT_UPLOAD_MAX_BYTES, DOCUMENT_UPLOAD_TYPES } from '../../../../../contract.js';

const MAX_MB = DOCUMENT_UPLOAD_MAX_BYTES / 1024 / 1024;

/**
 * A button that picks one file and hands it to `send` (a raw-body upload): `types` and the size are
 * checked here for a quick answer; the server checks the bytes themselves.
 */
export function FileButton({
  label,
  send,
  types = DOCUMENT_UPLOAD_TYPES,
  maxBytes = DOCUMENT_UPLOAD_MAX_BYTES,
  testid,
}: {
  label: string;
  send: (file: File) => Promise<unknown>;
  types?: readonly string[];
  maxBytes?: number;
  testid: string;
}) {
  const { message } = App.useApp();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const picked = async (file: File | undefined) => {
    if (input.current) input.current.value = '';
    if (!file) return;
    if (!types.includes(file.type)) return void message.error(types === DOCUMENT_UPLOAD_TYPES ? '只能上传 PDF 或 JPEG、PNG、WebP 图片' : '只能上传 JPEG、PNG 或 WebP 图片');
    if (file.size > maxBytes) return void message.error(`文件不能超过 ${maxBytes === DOCUMENT_UPLOAD_MAX_BYTES ? MAX_MB : maxBytes / 1024 / 1024} MB`);
    setBusy(true);
    try {
      await send(file);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <input ref={input} type="file" accept={types.join(',')} style={{ display: 'none' }} onChange={(e) => void picked(e.target.files?.[0])} data-testid={testid} />
      <Button size="small" loading={busy} onClick={() => input.current?.click()}>
        {label}
      </Button>
    </>
  );
}
