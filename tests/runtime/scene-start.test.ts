import { describe, expect, it } from 'vitest';
import { sceneStart } from '../../src/runtime/scene-start.js';

describe('sceneStart: a QR code that starts a flow', () => {
  it.each([
    ['report_daxin_streetlight', { flowId: 'report', communityId: 'daxin', topic: 'streetlight' }],
    ['qrscene_report_daxin_streetlight', { flowId: 'report', communityId: 'daxin', topic: 'streetlight' }],
    ['report_kuichong-sq_road', { flowId: 'report', communityId: 'kuichong-sq', topic: 'road' }],
    ['report_nan_tou_road', { flowId: 'report', communityId: 'nan_tou', topic: 'road' }],
    ['proposal_tongle', { flowId: 'proposal', communityId: 'tongle' }],
  ])('%s', (scene, expected) => expect(sceneStart(scene)).toEqual(expected));

  it.each(['', 'report', 'report_', 'Report_daxin', 'report_daxin_Road', '123', 'report_daxin_street light'])('%j is none', (scene) =>
    expect(sceneStart(scene)).toBeUndefined(),
  );
});
