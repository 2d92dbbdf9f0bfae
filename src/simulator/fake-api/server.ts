import type { AddressInfo } from 'node:net';
import Koa from 'koa';
import { SimRecorder } from '../recorder.js';
import { createFakeWechatApi, type FakeWechatApi, type FakeWechatApiOptions } from './index.js';
import type { FaultController } from './faults.js';

export interface FakeWechatServer {
  /** the apiBase to give the client, e.g. http://127.0.0.1:53121/sim/api */
  url: string;
  recorder: SimRecorder;
  faults: FaultController;
  api: FakeWechatApi;
  close(): Promise<void>;
}

/** The fake WeChat API on its own port (127.0.0.1, random), for tests over real HTTP. */
export async function startFakeWechatServer(
  opts: Omit<FakeWechatApiOptions, 'recorder'> & { recorder?: SimRecorder },
): Promise<FakeWechatServer> {
  const recorder = opts.recorder ?? new SimRecorder();
  const prefix = (opts.prefix ?? '/sim/api').replace(/\/+$/, '');
  const api = createFakeWechatApi({ ...opts, recorder, prefix });
  const app = new Koa();
  app.silent = true;
  app.use(api.middleware);
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${prefix}`,
    recorder,
    faults: api.faults,
    api,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
