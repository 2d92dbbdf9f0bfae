import { describe, expect, it } from 'vitest';
import { SimMediaStore } from '../../src/simulator/media-store.js';
import { expandInput, sendInputSchema } from '../../src/simulator/send-input.js';
import { inboundXml } from '../../src/simulator/wechat-xml.js';

describe('the simulator delivers a voice as WeChat does', () => {
  const registered = new Map<string, { bytes: Buffer; type: string }>();
  const media = new SimMediaStore((id, bytes, type) => registered.set(id, { bytes, type }), () => 'http://127.0.0.1:3000');
  const amr = Buffer.concat([Buffer.from('#!AMR\n', 'latin1'), Buffer.alloc(32, 0x3c)]);

  it('registers the AMR bytes with the fake API under a new media id and posts MsgType voice with Format amr', () => {
    const input = sendInputSchema.parse({ kind: 'voice', amr: amr.toString('base64'), recognition: '路灯坏了' });
    const [msg] = expandInput(input, media);
    expect(msg).toMatchObject({ kind: 'voice', format: 'amr', recognition: '路灯坏了' });
    const mediaId = (msg as { mediaId: string }).mediaId;
    expect(registered.get(mediaId)).toEqual({ bytes: amr, type: 'audio/amr' });
    const xml = inboundXml(msg!, { toUser: 'gh_1', fromUser: 'o1', createTime: 1, msgId: '42' });
    expect(xml).toContain('<MsgType><![CDATA[voice]]></MsgType>');
    expect(xml).toContain(`<MediaId><![CDATA[${mediaId}]]></MediaId>`);
    expect(xml).toContain('<Format><![CDATA[amr]]></Format>');
    expect(xml).toContain('<Recognition><![CDATA[路灯坏了]]></Recognition>');
  });

  it('what is not AMR is refused (415); no Recognition element when WeChat heard nothing', () => {
    expect(() => expandInput(sendInputSchema.parse({ kind: 'voice', amr: Buffer.from('RIFF....WAVE').toString('base64') }), media)).toThrow(/AMR/);
    const [msg] = expandInput(sendInputSchema.parse({ kind: 'voice', amr: amr.toString('base64') }), media);
    expect(inboundXml(msg!, { toUser: 'gh_1', fromUser: 'o1', createTime: 1, msgId: '43' })).not.toContain('Recognition');
  });
});
