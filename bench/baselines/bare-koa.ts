/** Baseline A: bare Koa 3: reads the body, replies a fixed XML string. */
import Koa from 'koa';
import { FIXED_REPLY, HOST, PORT, readBody, ready } from './common.js';

const app = new Koa();
app.use(async (ctx) => {
  if (ctx.method !== 'POST') {
    ctx.status = 405;
    return;
  }
  await readBody(ctx.req);
  ctx.type = 'application/xml';
  ctx.body = FIXED_REPLY;
});
const server = app.listen(PORT, HOST, () => ready(server));
